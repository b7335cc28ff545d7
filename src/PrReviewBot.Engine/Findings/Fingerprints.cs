using System.Security.Cryptography;
using System.Text;

namespace PrReviewBot.Engine.Findings;

/// <summary>
/// Fingerprints identify a finding across pushes: they hash the rule, the file and the
/// whitespace-normalised text of the flagged lines, never the line numbers, so moving code
/// keeps the fingerprint while two different findings get different ones.
/// </summary>
public static class Fingerprints
{
    public static string Compute(string ruleId, string path, string flaggedText, string message, int occurrence)
    {
        var key = string.Join('\n', ruleId, path, Normalize(flaggedText), message, occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(character);
        }

        return builder.ToString();
    }
}
