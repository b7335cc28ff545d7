using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>HTTPS certificate checks switched off: <c>verify=False</c>, unverified SSL contexts, <c>CERT_NONE</c>.</summary>
public sealed partial class TlsVerificationDisabledRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/tls-verification-disabled",
        "TLS certificate verification disabled",
        Category.Security,
        Severity.Error,
        "Without certificate verification anyone on the network path can impersonate the server and read or change the traffic, credentials included.",
        "Keep `verify=True` (the default); for a private CA pass `verify=\"/path/to/ca.pem\"` or load it into the SSL context.");

    private static readonly HashSet<string> HttpMethods = new(StringComparer.Ordinal)
    {
        "get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "send",
        "Client", "AsyncClient", "Session", "session",
    };

    private static readonly HashSet<string> HttpModules = new(StringComparer.Ordinal) { "requests", "httpx", "aiohttp" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (resolved is "ssl._create_unverified_context" or "ssl._create_stdlib_context")
            {
                Report(context, reported, call.Line, $"`{call.Callee}()` builds an SSL context that accepts any certificate.");
                continue;
            }

            if (resolved is "urllib3.disable_warnings" or "requests.packages.urllib3.disable_warnings")
            {
                Report(context, reported, call.Line, $"`{call.Callee}()` hides the warnings about unverified HTTPS requests; fix the verification instead of silencing it.");
                continue;
            }

            var certReqs = call.Keyword("cert_reqs");
            if (certReqs is not null && IsUnverifiedCertReqs(certReqs.Text))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(..., cert_reqs={certReqs.Text.Trim()})` does not require a valid server certificate; use `ssl.CERT_REQUIRED`.");
                continue;
            }

            var verify = call.Keyword("verify") ?? call.Keyword("verify_ssl") ?? call.Keyword("ssl");
            if (!PythonSecurityHelpers.IsFalse(verify) || !HttpMethods.Contains(call.Name))
            {
                continue;
            }

            var root = resolved.Split('.')[0];
            var receiverLooksHttp = HttpModules.Contains(root) || SessionLike().IsMatch(call.Callee);
            if (receiverLooksHttp)
            {
                Report(context, reported, call.Line, $"`{call.Callee}(..., {verify!.Keyword}=False)` turns off certificate verification for this request.");
            }
        }

        foreach (var token in module.Tokens)
        {
            if (token.Kind == PythonTokenKind.Name && string.Equals(token.Text, "CERT_NONE", StringComparison.Ordinal))
            {
                Report(context, reported, token.Start.Line, "`ssl.CERT_NONE` accepts any certificate; use `ssl.CERT_REQUIRED`.");
            }
        }
    }

    /// <summary><c>ssl.CERT_NONE</c>/<c>ssl.CERT_OPTIONAL</c> or urllib3's string spellings <c>'NONE'</c>, <c>'CERT_NONE'</c>, <c>'OPTIONAL'</c>, <c>'CERT_OPTIONAL'</c>.</summary>
    private static bool IsUnverifiedCertReqs(string text)
    {
        var value = text.Trim().Trim('\'', '"');
        var last = value[(value.LastIndexOf('.') + 1)..];
        return last is "CERT_NONE" or "CERT_OPTIONAL" or "NONE" or "OPTIONAL";
    }

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, string message)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, line, message);
        }
    }

    [GeneratedRegex(@"(?i)(session|client|http|sess|requests|httpx|aiohttp)[\w.()]*\.\w+$|^(?i:session|client)$")]
    private static partial Regex SessionLike();
}
