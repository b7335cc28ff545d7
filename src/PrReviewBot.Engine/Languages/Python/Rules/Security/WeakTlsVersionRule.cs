using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// SSL 2/3 and TLS 1.0/1.1 chosen explicitly: <c>ssl.PROTOCOL_TLSv1</c>, pyOpenSSL's
/// <c>SSL.SSLv3_METHOD</c>, <c>minimum_version = ssl.TLSVersion.TLSv1</c>.
/// </summary>
public sealed class WeakTlsVersionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/weak-tls-version",
        "Obsolete SSL/TLS protocol version",
        Category.Security,
        Severity.Warning,
        "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have practical attacks (DROWN, POODLE, BEAST) and are disabled by modern servers and browsers; pinning one lets an attacker read or downgrade the connection.",
        "Use `ssl.create_default_context()` (TLS 1.2 or newer), or `ssl.PROTOCOL_TLS_CLIENT` with `minimum_version = ssl.TLSVersion.TLSv1_2`; in pyOpenSSL use `SSL.TLS_METHOD` (or `SSLv23_METHOD` with `OP_NO_SSLv2 | OP_NO_SSLv3`).");

    private static readonly Dictionary<string, string> Constants = new(StringComparer.Ordinal)
    {
        ["PROTOCOL_SSLv2"] = "SSL 2.0", ["PROTOCOL_SSLv3"] = "SSL 3.0", ["PROTOCOL_TLSv1"] = "TLS 1.0", ["PROTOCOL_TLSv1_1"] = "TLS 1.1",
        ["SSLv2_METHOD"] = "SSL 2.0", ["SSLv3_METHOD"] = "SSL 3.0", ["TLSv1_METHOD"] = "TLS 1.0", ["TLSv1_1_METHOD"] = "TLS 1.1",
        ["SSL3_VERSION"] = "SSL 3.0", ["TLS1_VERSION"] = "TLS 1.0", ["TLS1_1_VERSION"] = "TLS 1.1",
    };

    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal)
    {
        ["SSLv3"] = "SSL 3.0", ["TLSv1"] = "TLS 1.0", ["TLSv1_1"] = "TLS 1.1",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.Module.Tokens.Where(token => token.Kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline)).ToList();
        var disablesOldProtocols = tokens.Any(token => token.IsName("OP_NO_SSLv3") || token.IsName("OP_NO_SSLv2"));
        var reported = new HashSet<int>();
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind != PythonTokenKind.Name || IsCompared(tokens, index))
            {
                continue;
            }

            string? version = null;
            if (Constants.TryGetValue(token.Text, out var constant))
            {
                version = constant;
            }
            else if (token.Text == "SSLv23_METHOD" && !disablesOldProtocols)
            {
                // pyOpenSSL's "any version" method still offers SSL 2/3 unless the options take them out.
                version = "SSL 2.0/3.0 (SSLv23_METHOD without OP_NO_SSLv2/OP_NO_SSLv3)";
            }
            else if (Versions.TryGetValue(token.Text, out var pinned) && index >= 2 && tokens[index - 1].IsOp(".")
                && (tokens[index - 2].IsName("TLSVersion") || SetsVersionBound(context.LineText(token.Start.Line))))
            {
                version = pinned;
            }

            if (version is not null && reported.Add(token.Start.Line))
            {
                context.Report(this, token.Start.Line, token.Start.Line, $"`{token.Text}` allows {version}, which has practical attacks; use `ssl.create_default_context()` or require TLS 1.2 or newer.");
            }
        }
    }

    /// <summary><c>ctx.minimum_version = ssl.TLSv1_1</c>, the version spelled without <c>TLSVersion</c>.</summary>
    private static bool SetsVersionBound(string line) =>
        line.Contains("minimum_version", StringComparison.Ordinal) || line.Contains("maximum_version", StringComparison.Ordinal);

    /// <summary><c>if ctx.protocol == ssl.PROTOCOL_TLSv1</c> reads the setting, it does not make it.</summary>
    private static bool IsCompared(List<PythonToken> tokens, int index)
    {
        var start = index;
        while (start >= 2 && tokens[start - 1].IsOp(".") && tokens[start - 2].Kind == PythonTokenKind.Name)
        {
            start -= 2;
        }

        var before = start > 0 ? tokens[start - 1] : null;
        var after = index + 1 < tokens.Count ? tokens[index + 1] : null;
        return (before is not null && (before.IsOp("==") || before.IsOp("!=") || before.IsOp("<") || before.IsOp(">") || before.IsOp("<=") || before.IsOp(">=") || before.IsName("is") || before.IsName("in")))
            || (after is not null && (after.IsOp("==") || after.IsOp("!=") || after.IsOp("<") || after.IsOp(">") || after.IsOp("<=") || after.IsOp(">=") || after.IsName("in")))
            || (before is not null && before.IsOp("(") && start >= 2 && tokens[start - 2].IsName("hasattr"));
    }
}
