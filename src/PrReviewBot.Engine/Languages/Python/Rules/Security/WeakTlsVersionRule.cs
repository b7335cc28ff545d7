using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// SSL 2/3 and TLS 1.0/1.1 chosen explicitly: <c>ssl.PROTOCOL_TLSv1</c>, pyOpenSSL's
/// <c>SSL.SSLv3_METHOD</c>, <c>minimum_version = ssl.TLSVersion.TLSv1</c>, an <c>OP_NO_*</c> list that
/// stops one version short, and AWS CDK endpoints whose TLS policy is (or defaults to) TLS 1.0.
/// A context's default versions are not judged: Python 3.10 and current OpenSSL builds start at TLS 1.2.
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
        var module = context.Module;
        var tokens = PythonCodeTokens.Of(context).Tokens;
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
            else if (token.Text == "MINIMUM_SUPPORTED" && context.LineText(token.Start.Line).Contains("minimum_version", StringComparison.Ordinal))
            {
                version = "every version the library still has, SSL 3.0 and TLS 1.0 included";
            }

            if (version is not null && reported.Add(token.Start.Line))
            {
                var line = token.Start.Line;
                context.Report(this, SslContexts.StartOfSetting(module, line), line, $"`{token.Text}` allows {version}, which has practical attacks; use `ssl.create_default_context()` or require TLS 1.2 or newer.");
            }
        }

        ReportIncompleteExclusions(context, reported);
        ReportCloudPolicies(context);
    }

    /// <summary>
    /// <c>ctx.options |= OP_NO_SSLv3 | OP_NO_TLSv1</c> without <c>OP_NO_TLSv1_1</c>: the code set out to
    /// turn the old versions off and stopped one short; <c>ctx.options = OP_NO_SSLv2</c> replaces the
    /// defaults, so SSL 3.0 is back on.
    /// </summary>
    private void ReportIncompleteExclusions(PythonRuleContext context, HashSet<int> reported)
    {
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (!SslContexts.IsConstructor(module.Values.Resolve(call)) || SslContexts.AssignedName(module, call) is not { } name || reported.Contains(call.Line)
                || PinsModernVersion(module.Values.Of(call)?.Argument(0, call.Name == "Context" ? "method" : "protocol")))
            {
                continue;
            }

            var (settings, calls) = SslContexts.UsesOf(module, name, call.Scope, call.Line);
            if (settings.Any(setting => setting.Targets.Any(target => target.Text.EndsWith(".minimum_version", StringComparison.Ordinal)))
                || calls.Any(use => use.Name == "set_min_proto_version"))
            {
                continue;
            }

            var optionValues = settings.Where(setting => setting.Targets.Any(target => target.Text.EndsWith(".options", StringComparison.Ordinal)))
                .Select(setting => (Line: setting.Line, Replaces: !setting.IsAugmented, Value: module.Values.Of(setting)))
                .Concat(calls.Where(use => use.Name == "set_options" && use.Arguments.Count == 1).Select(use => (Line: use.Line, Replaces: false, Value: module.Values.Of(use.Arguments[0]))))
                .Where(option => option.Value is not null)
                .ToList();
            var disabled = optionValues.SelectMany(option => option.Value!.DescendantsAndSelf()).Select(LastName).OfType<string>().Where(option => option.StartsWith("OP_NO_", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            if (!disabled.Overlaps(["OP_NO_SSLv2", "OP_NO_SSLv3", "OP_NO_TLSv1", "OP_NO_TLSv1_1"]))
            {
                continue;
            }

            string? left = null;
            if (optionValues.FirstOrDefault(option => option.Replaces) is { Value: not null } && !disabled.Contains("OP_NO_SSLv3"))
            {
                left = "SSL 3.0 (assigning `options` drops the defaults that turned it off)";
            }
            else if (disabled.Contains("OP_NO_TLSv1") && !disabled.Contains("OP_NO_TLSv1_1"))
            {
                left = "TLS 1.1";
            }

            if (left is not null)
            {
                var last = optionValues.Max(option => option.Line);
                reported.Add(call.Line);
                context.Report(this, call.Line, last, $"The options of `{name}` turn off some old protocol versions but leave {left} on; set `{name}.minimum_version = ssl.TLSVersion.TLSv1_2` (pyOpenSSL: `set_min_proto_version(SSL.TLS1_2_VERSION)`).");
            }
        }
    }

    /// <summary>
    /// AWS CDK endpoints that accept TLS 1.0: an API Gateway domain with <c>SecurityPolicy.TLS_1_0</c>, and
    /// an OpenSearch/Elasticsearch domain whose TLS policy is TLS 1.0, which is also what it gets when none is given.
    /// </summary>
    private void ReportCloudPolicies(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = module.Values.Resolve(call);
            if (!resolved.StartsWith("aws_cdk.", StringComparison.Ordinal) || module.Values.Of(call) is not { } parsed || parsed.Arguments.Any(argument => argument.Keyword is "**"))
            {
                continue;
            }

            var service = resolved.Split('.') is { Length: >= 3 } parts ? parts[1] : string.Empty;
            var construct = resolved[(resolved.LastIndexOf('.') + 1)..];
            switch (service, construct)
            {
                case ("aws_apigateway" or "aws_apigatewayv2", "DomainName" or "CfnDomainName"):
                    if (IsTls10(module, parsed.Keyword("security_policy"), call))
                    {
                        context.Report(this, call.Line, call.Line, $"`{call.Callee}` sets `security_policy` to TLS 1.0, so clients may connect with TLS 1.0; use `SecurityPolicy.TLS_1_2`.");
                    }

                    break;
                case ("aws_opensearchservice" or "aws_elasticsearch", "Domain"):
                    ReportSearchPolicy(context, call, parsed.Keyword("tls_security_policy"), "`tls_security_policy=TLSSecurityPolicy.TLS_1_2`");
                    break;
                case ("aws_opensearchservice" or "aws_elasticsearch", "CfnDomain"):
                    var options = Bound(module, parsed.Keyword("domain_endpoint_options"), call);
                    PyExpr? policy;
                    switch (options)
                    {
                        case null when parsed.Keyword("domain_endpoint_options") is null:
                            policy = null;
                            break;
                        case PyCall { Function: PyMember { Name: "DomainEndpointOptionsProperty" } } property when property.Arguments.All(argument => argument.Keyword is not "**"):
                            policy = property.Keyword("tls_security_policy");
                            break;
                        case PyDisplay { Kind: PyDisplayKind.Dict } display when display.Items.Count > 0 && display.Keys.All(key => key is PyString):
                            policy = display.ValueOf("tls_security_policy");
                            break;
                        default:
                            continue;
                    }

                    ReportSearchPolicy(context, call, policy, "`domain_endpoint_options` with `tls_security_policy=\"Policy-Min-TLS-1-2-2019-07\"`");
                    break;
                default:
                    break;
            }
        }
    }

    private void ReportSearchPolicy(PythonRuleContext context, PythonCall call, PyExpr? policy, string fix)
    {
        if (policy is null)
        {
            context.Report(this, call.Line, call.Line, $"`{call.Callee}` gets no TLS security policy, and the default accepts TLS 1.0; pass {fix}.");
        }
        else if (IsTls10(context.Module, policy, call))
        {
            context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses a TLS security policy that accepts TLS 1.0; pass {fix}.");
        }
    }

    /// <summary><c>SecurityPolicy.TLS_1_0</c>, <c>"TLS_1_0"</c> or <c>"Policy-Min-TLS-1-0-2019-07"</c>, written in place or bound once to a name.</summary>
    private static bool IsTls10(PythonModule module, PyExpr? value, PythonCall call) => Bound(module, value, call) switch
    {
        PyMember { Name: "TLS_1_0" } => true,
        PyString text => text.Value is "TLS_1_0" || text.Value.StartsWith("Policy-Min-TLS-1-0", StringComparison.Ordinal),
        _ => false,
    };

    private static PyExpr? Bound(PythonModule module, PyExpr? value, PythonCall call) =>
        value is PyName name ? module.Values.SingleValue(name.Id, call.Scope, call.Line) : value;

    /// <summary><c>ssl.PROTOCOL_TLSv1_2</c> or <c>SSL.TLSv1_2_METHOD</c>: one version only, which no option list can widen.</summary>
    private static bool PinsModernVersion(PyExpr? protocol) =>
        protocol is not null && LastName(protocol) is { } name && (name.Contains("v1_2", StringComparison.Ordinal) || name.Contains("v1_3", StringComparison.Ordinal));

    private static string? LastName(PyExpr expression) => expression switch
    {
        PyName name => name.Id,
        PyMember member => member.Name,
        _ => null,
    };

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
