using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// Writes the body of one inline review comment: what is wrong, why, how to fix it, a suggestion
/// block when the fix is mechanical, and the hidden fingerprint marker that keeps re-runs from
/// posting the same finding twice.
/// </summary>
public static partial class InlineCommentWriter
{
    public const string FixedMarker = "<!-- prreviewbot:fixed -->";

    /// <summary>The hidden marker that identifies a finding's comment: <c>&lt;!-- prreviewbot:fp=FINGERPRINT --&gt;</c>.</summary>
    public static string Marker(string fingerprint) => $"<!-- prreviewbot:fp={fingerprint} -->";

    /// <param name="withSuggestion">
    /// True only when the comment spans exactly the finding's lines, so that GitHub applies the
    /// replacement to the text it replaces.
    /// </param>
    public static string Write(Finding finding, bool withSuggestion)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"**{finding.Rule.Title}** (`{finding.Rule.Id}`, {finding.Severity.Slug()})\n\n");
        output.Append(SummaryWriter.Inline(finding.Message)).Append("\n\n");
        output.Append(CultureInfo.InvariantCulture, $"*Why:* {SummaryWriter.Inline(finding.Rule.Why)} *Fix:* {SummaryWriter.Inline(finding.Rule.Fix)}\n");
        if (withSuggestion && finding.Replacement is { } replacement)
        {
            var fence = replacement.Contains("```", StringComparison.Ordinal) ? "````" : "```";
            output.Append(CultureInfo.InvariantCulture, $"\n{fence}suggestion\n{replacement}\n{fence}\n");
        }

        output.Append('\n').Append(Marker(finding.Fingerprint)).Append('\n');
        return output.ToString();
    }

    /// <summary>The body a comment is edited to once its finding is gone from the head commit.</summary>
    public static string WriteFixed(string fingerprint, string title, string headCommit)
    {
        ArgumentNullException.ThrowIfNull(headCommit);
        var shortSha = headCommit.Length > 7 ? headCommit[..7] : headCommit;
        return $"~~{title}~~ Fixed in `{shortSha}`.\n\n{Marker(fingerprint)}\n{FixedMarker}\n";
    }

    /// <summary>The fingerprint a comment body carries, or null when it is not one of ours.</summary>
    public static string? FingerprintOf(string? body)
    {
        if (body is null)
        {
            return null;
        }

        var match = MarkerPattern().Match(body);
        return match.Success ? match.Groups["fp"].Value : null;
    }

    public static bool IsFixed(string? body) => body?.Contains(FixedMarker, StringComparison.Ordinal) == true;

    /// <summary>The bold title at the start of a live comment, kept when the comment is marked fixed.</summary>
    public static string TitleOf(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var match = TitlePattern().Match(body);
        return match.Success ? match.Groups["title"].Value : "This finding";
    }

    [GeneratedRegex(@"<!-- prreviewbot:fp=(?<fp>[A-Za-z0-9._-]+) -->", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^\*\*(?<title>[^*\n]+)\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex TitlePattern();
}
