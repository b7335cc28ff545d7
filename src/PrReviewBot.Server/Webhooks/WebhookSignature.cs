using System.Security.Cryptography;
using System.Text;

namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// Checks <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body under
/// the webhook secret, compared in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>
    /// Reads the HMAC a header claims. A header that is not <c>sha256=</c> and 64 hex digits cannot
    /// match any body, so its delivery is refused before the body is read.
    /// </summary>
    public static bool TryParse(string? header, out byte[] hmac)
    {
        hmac = [];
        var value = header?.Trim();
        if (value is null || value.Length != Prefix.Length + 64 || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            hmac = Convert.FromHexString(value.AsSpan(Prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body)[Prefix.Length..]);
        var given = Encoding.ASCII.GetBytes(header[Prefix.Length..].Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
