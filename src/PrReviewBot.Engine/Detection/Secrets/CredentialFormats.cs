using System.Buffers;
using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>A well-known credential format found in a text: what it is, where, and how much of its fixed prefix a message may show.</summary>
/// <param name="Description">"GitHub personal access token", "private key (`BEGIN RSA PRIVATE KEY`)".</param>
internal sealed record CredentialMatch(string Description, string Value, int Index, int PrefixLength, bool IsPrivateKey);

/// <summary>
/// The one list of live-credential formats (AWS, GitHub, GitLab, Slack, Stripe, Google, SendGrid,
/// Twilio, npm, PyPI, OpenAI, Anthropic, Shopify, Azure storage keys, private key blocks): a value
/// in one of these formats is a credential whatever it is called.
/// </summary>
public static partial class CredentialFormats
{
    /// <summary>Only texts holding one of these can hold a known format: a cheap test before the expression.</summary>
    public static IReadOnlyList<string> Anchors { get; } =
    [
        "-----BEGIN ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "hooks.slack.com", "k_live_", "AIza",
        "SG.", "SK", "npm_", "pypi-", "T3BlbkFJ", "sk-ant-", "shpat_", "shpss_", "AccountKey=",
    ];

    private static readonly SearchValues<string> AnchorSearch = SearchValues.Create([.. Anchors], StringComparison.Ordinal);

    /// <summary>True when the text may hold a known format: it holds one of the <see cref="Anchors"/>.</summary>
    public static bool MayHold(ReadOnlySpan<char> text) => text.ContainsAny(AnchorSearch);

    /// <summary>
    /// True when the text holds a token in a live credential's format, not a documentation example.
    /// Private key blocks do not count: test suites carry throwaway keys for their fixtures.
    /// </summary>
    public static bool HasLiveCredentialFormat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Matches(text).Any(match => !match.IsPrivateKey);
    }

    /// <summary>The first well-known format in the text, private keys only when key material follows the header (in the text or on the next lines).</summary>
    internal static CredentialMatch? Find(string text, IReadOnlyList<string>? followingLines = null) =>
        Matches(text).FirstOrDefault(match => !match.IsPrivateKey || PrivateKeyFollows(text, match.Index + match.Value.Length, followingLines));

    private static List<CredentialMatch> Matches(string text)
    {
        var matches = new List<CredentialMatch>();
        if (!MayHold(text))
        {
            return matches;
        }

        foreach (var match in KnownFormats().EnumerateMatches(text))
        {
            var value = text.Substring(match.Index, match.Length);
            if (value.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                matches.Add(new CredentialMatch($"private key (`{value.Trim('-')}`)", value, match.Index, 0, IsPrivateKey: true));
                continue;
            }

            var end = match.Index + match.Length;
            if (value.StartsWith("AIza", StringComparison.Ordinal) && end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-'))
            {
                continue;
            }

            if (Describe(value) is { } kind && LooksRandom(value, kind.PrefixLength))
            {
                matches.Add(new CredentialMatch(kind.Name, value, match.Index, kind.PrefixLength, IsPrivateKey: false));
            }
        }

        return matches;
    }

    /// <summary>
    /// A header followed by key material, after a real or an escaped (<c>\n</c>) line break, or on the
    /// next lines; code that only looks for the header (<c>pem.StartsWith("-----BEGIN …")</c>) is not a key.
    /// </summary>
    private static bool PrivateKeyFollows(string text, int headerEnd, IReadOnlyList<string>? followingLines)
    {
        var rest = text.AsSpan(headerEnd);
        IEnumerable<string> lines = [];
        if (rest.StartsWith("\\n", StringComparison.Ordinal) || rest.StartsWith("\\r\\n", StringComparison.Ordinal))
        {
            return Base64Run(rest.TrimStart("\\rn")) >= 20;
        }

        if (rest.Trim().IsEmpty)
        {
            lines = followingLines?.Take(3) ?? [];
        }
        else if (rest[0] is '\r' or '\n')
        {
            lines = rest.ToString().Split('\n').Skip(1).Take(3);
        }

        foreach (var line in lines)
        {
            var candidate = line.AsSpan().Trim().Trim("\"'");
            if (candidate.StartsWith("Proc-Type:", StringComparison.Ordinal) || candidate.StartsWith("Comment:", StringComparison.Ordinal)
                || candidate.StartsWith("Version:", StringComparison.Ordinal) || candidate.StartsWith("DEK-Info:", StringComparison.Ordinal))
            {
                continue;
            }

            if (candidate.Length > 0)
            {
                return Base64Run(candidate) >= 20;
            }
        }

        return false;
    }

    private static int Base64Run(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsAsciiLetterOrDigit(text[length]) || text[length] is '+' or '/' or '='))
        {
            length++;
        }

        return length;
    }

    private static (string Name, int PrefixLength)? Describe(string value) => value switch
    {
        _ when value.StartsWith("AKIA", StringComparison.Ordinal) || value.StartsWith("ASIA", StringComparison.Ordinal) => ("AWS access key id", 4),
        _ when value.StartsWith("ghp_", StringComparison.Ordinal) => ("GitHub personal access token", 4),
        _ when value.StartsWith("github_pat_", StringComparison.Ordinal) => ("GitHub fine-grained personal access token", 11),
        _ when value.StartsWith("gho_", StringComparison.Ordinal) => ("GitHub OAuth token", 4),
        _ when value.StartsWith("ghu_", StringComparison.Ordinal) || value.StartsWith("ghs_", StringComparison.Ordinal) => ("GitHub App token", 4),
        _ when value.StartsWith("ghr_", StringComparison.Ordinal) => ("GitHub refresh token", 4),
        _ when value.StartsWith("glpat-", StringComparison.Ordinal) => ("GitLab personal access token", 6),
        _ when value.StartsWith("xox", StringComparison.Ordinal) => ("Slack token", 5),
        _ when value.StartsWith("https://hooks.slack.com/", StringComparison.Ordinal) => ("Slack webhook URL", value.LastIndexOf('/') + 1),
        _ when value.StartsWith("sk_live_", StringComparison.Ordinal) => ("Stripe secret key", 8),
        _ when value.StartsWith("rk_live_", StringComparison.Ordinal) => ("Stripe restricted key", 8),
        _ when value.StartsWith("AIza", StringComparison.Ordinal) => ("Google API key", 4),
        _ when value.StartsWith("SG.", StringComparison.Ordinal) => ("SendGrid API key", 3),
        _ when value.StartsWith("SK", StringComparison.Ordinal) => ("Twilio API key", 2),
        _ when value.StartsWith("npm_", StringComparison.Ordinal) => ("npm access token", 4),
        _ when value.StartsWith("pypi-", StringComparison.Ordinal) => ("PyPI API token", 5),
        _ when value.StartsWith("sk-ant-", StringComparison.Ordinal) => ("Anthropic API key", 7),
        _ when value.StartsWith("sk-", StringComparison.Ordinal) => ("OpenAI API key", 3),
        _ when value.StartsWith("shp", StringComparison.Ordinal) => ("Shopify access token", 6),
        _ when value.StartsWith("AccountKey=", StringComparison.Ordinal) => ("Azure storage account key", 11),
        _ => null,
    };

    /// <summary>
    /// The part after the fixed prefix is random: letters and digits, several distinct characters,
    /// and no "example" as in AWS's documented <c>AKIAIOSFODNN7EXAMPLE</c>.
    /// </summary>
    private static bool LooksRandom(string value, int prefixLength)
    {
        var body = value.AsSpan(Math.Min(prefixLength, value.Length));
        return !value.Contains("example", StringComparison.OrdinalIgnoreCase)
            && body.ContainsAnyInRange('0', '9')
            && (body.ContainsAnyInRange('a', 'z') || body.ContainsAnyInRange('A', 'Z'))
            && SecretValues.Entropy(body) >= 3.0;
    }

    [GeneratedRegex(
        """-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{82}\b|\bglpat-[A-Za-z0-9_\-]{20}\b|\bxox[baprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{20,}|\b[rs]k_live_[A-Za-z0-9]{24,}|\bAIza[A-Za-z0-9_\-]{35}|\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b|\bSK[0-9a-f]{32}\b|\bnpm_[A-Za-z0-9]{36}\b|\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}|\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,}|\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}|\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b|AccountKey=[A-Za-z0-9+/]{86}==""",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex KnownFormats();
}
