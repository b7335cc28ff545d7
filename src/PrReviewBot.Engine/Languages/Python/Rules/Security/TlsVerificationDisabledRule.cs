using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// HTTPS certificate checks switched off: <c>verify=False</c>/<c>ssl=False</c> on HTTP clients,
/// unverified SSL contexts, <c>CERT_NONE</c>, <c>check_hostname = False</c>, and <c>ssl.wrap_socket</c>,
/// which checks nothing by default.
/// </summary>
/// <remarks><c>urllib3.disable_warnings()</c> only hides a warning; the request that skips verification is the defect, and is reported where it is made.</remarks>
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
        "Client", "AsyncClient", "Session", "session", "ClientSession", "TCPConnector", "ws_connect", "urlopen",
    };

    /// <summary>What a session or client object is made with: <c>requests.Session()</c>, <c>httpx.Client()</c>, or the bare imported name.</summary>
    private static readonly HashSet<string> HttpClientConstructors = new(StringComparer.Ordinal)
    {
        "Session", "session", "Client", "AsyncClient", "ClientSession",
        "requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
    };

    private static readonly string[] VerifyKeywords = ["verify", "verify_ssl", "ssl"];

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
            if (resolved is ("ssl._create_unverified_context" or "ssl._create_stdlib_context") && !IsCallersOptOut(context, call.Line) && !IsVerifiedLater(module, call)
                && !IsDiscarded(module, call))
            {
                Report(context, reported, call.Line, $"`{call.Callee}()` builds an SSL context that accepts any certificate.");
                continue;
            }

            if (resolved is "ssl.wrap_socket" && !PythonSecurityHelpers.IsTrue(module, call.Keyword("server_side")) && call.Keyword("cert_reqs") is null
                && call.Keyword("ssl_version") is null && call.Keyword("ca_certs") is null)
            {
                Report(context, reported, call.Line, $"`{call.Callee}` checks neither the certificate nor the host name by default (and is gone in Python 3.12); use `ssl.create_default_context().wrap_socket(sock, server_hostname=host)`.");
                continue;
            }

            var certReqs = call.Keyword("cert_reqs");
            if (certReqs is not null && IsUnverifiedCertReqs(module.Values.Of(certReqs)))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(..., cert_reqs={certReqs.Text.Trim()})` does not require a valid server certificate; use `ssl.CERT_REQUIRED`.");
                continue;
            }

            if (call.Name == "set_verify" && call.Positional.Count > 0 && module.Values.Of(call.Positional[0]) is { } mode
                && Names(mode).Contains("VERIFY_NONE") && !Names(mode).Contains("VERIFY_PEER"))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(VERIFY_NONE)` makes pyOpenSSL accept any certificate; use `SSL.VERIFY_PEER`.");
                continue;
            }

            if (call.Name == "set_verify" && module.Values.Of(call)?.Argument(1, "callback") is { } callback && AlwaysAccepts(module, callback, call))
            {
                Report(context, reported, call.Line, $"The verify callback given to `{call.Callee}` returns true whatever OpenSSL found, so any certificate passes; return the `preverify_ok` argument (or drop the callback).");
                continue;
            }

            if (resolved is "ssl.SSLContext" && StartsUnverified(module, call))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}({(call.Arguments.Count > 0 ? call.Arguments[0].Text.Trim() : string.Empty)})` starts with `verify_mode = CERT_NONE` and `check_hostname = False`, so a client using it accepts any certificate; use `ssl.create_default_context()` (or `PROTOCOL_TLS_CLIENT`), or set `verify_mode = ssl.CERT_REQUIRED` and `check_hostname = True`.", Severity.Warning);
                reported.Add(call.Line);
                continue;
            }

            // Only requests are judged below: the method name is the cheap test, so it comes first.
            if (!HttpMethods.Contains(call.Name))
            {
                continue;
            }

            if (call.Arguments.FirstOrDefault(argument => argument.Keyword == "**") is { } spread
                && module.Values.Of(spread) is PyName { Id: var options } && module.Values.SingleValue(options, call.Scope, call.Line) is PyDisplay { Kind: PyDisplayKind.Dict } settings
                && VerifyKeywords.Select(settings.ValueOf).FirstOrDefault(IsFalsy) is { } spreadVerify
                && (HttpModules.Contains(resolved.Split('.')[0]) || SessionLike().IsMatch(call.Callee) || IsHttpClientVariable(module, call.Callee)))
            {
                Report(context, reported, spreadVerify.Line, $"`{options}` turns off certificate verification for the `{call.Callee}(**{options})` request.");
                continue;
            }

            var verify = new[] { call.Keyword("verify"), call.Keyword("verify_ssl"), call.Keyword("ssl") }.FirstOrDefault(argument => argument is not null && IsFalsy(module.Values.Of(argument)));
            if (verify is null)
            {
                continue;
            }

            var root = resolved.Split('.')[0];
            var receiverLooksHttp = HttpModules.Contains(root) || SessionLike().IsMatch(call.Callee) || IsHttpClientVariable(module, call.Callee);
            if (receiverLooksHttp)
            {
                Report(context, reported, verify.Line, $"`{call.Callee}(..., {verify.Keyword}={verify.Text.Trim()})` turns off certificate verification for this request.");
            }
        }

        foreach (var assignment in module.Assignments)
        {
            // The target is read before the value is parsed: most assignments set nothing this rule knows.
            if (TargetMentions(module, assignment, "verify") && IsFalsy(module.Values.Of(assignment)) && module.Values.TargetOf(assignment) is PyMember { Name: "verify", DottedName: { } session }
                && IsHttpClientVariable(module, session))
            {
                Report(context, reported, assignment.Line, $"`{session} = {assignment.Value!.Trim()}` turns off certificate verification for every request of this session.");
            }
        }

        var tokens = PythonCodeTokens.Of(context).Tokens;
        var certNone = false;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind == PythonTokenKind.Name && string.Equals(token.Text, "CERT_NONE", StringComparison.Ordinal)
                && !IsCompared(tokens, index) && !IsCallersOptOut(context, token.Start.Line))
            {
                certNone = true;
                Report(context, reported, token.Start.Line, "`ssl.CERT_NONE` accepts any certificate; use `ssl.CERT_REQUIRED`.", SslContexts.StartOfSetting(module, token.Start.Line));
            }
            else if (token.IsName("_create_unverified_context") && !(index + 1 < tokens.Count && tokens[index + 1].IsOp("("))
                && index >= 2 && tokens[index - 1].IsOp(".") && !IsCompared(tokens, index))
            {
                // ssl._create_default_https_context = ssl._create_unverified_context: every later urlopen skips verification.
                Report(context, reported, token.Start.Line, "Installing `ssl._create_unverified_context` as the default HTTPS context turns off certificate checks for every request the process makes.");
            }
        }

        // Turning host-name checks off is needed before CERT_NONE; alone, it still accepts any valid certificate for any host.
        foreach (var assignment in module.Assignments)
        {
            if (!certNone && TargetMentions(module, assignment, "check_hostname") && module.Values.Of(assignment) is PyConstant { Text: "False" }
                && module.Values.TargetOf(assignment) is PyMember { Name: "check_hostname" }
                && !IsCallersOptOut(context, assignment.Line))
            {
                Report(context, reported, assignment.Line, "`check_hostname = False` accepts a valid certificate issued for any other host, so a man in the middle with any certificate gets through; leave it on.", SslContexts.StartOfSetting(module, assignment.Line));
            }
        }
    }

    /// <summary>True when the source of the assignment's first target holds <paramref name="text"/> (or the target is not known): a cheap test before parsing.</summary>
    private static bool TargetMentions(PythonModule module, PythonAssignment assignment, string text)
    {
        var tokens = module.Tokens;
        if (assignment.TargetFirstToken < 0 || assignment.TargetLastToken < assignment.TargetFirstToken || assignment.TargetLastToken >= tokens.Count)
        {
            return true;
        }

        var start = tokens[assignment.TargetFirstToken].StartOffset;
        return module.Tokenization.Source.AsSpan(start, tokens[assignment.TargetLastToken].EndOffset - start).Contains(text, StringComparison.Ordinal);
    }

    /// <summary><c>False</c> and the other literals Python treats as false (<c>0</c>, <c>""</c>, <c>[]</c>…); <c>None</c> means "the default" to HTTP clients.</summary>
    private static bool IsFalsy(PyExpr? value) => value switch
    {
        PyConstant { Text: "False" or "0" or "0.0" or "0j" } => true,
        PyString { Value: "" } => true,
        PyDisplay { Items.Count: 0, Keys.Count: 0 } => true,
        PyCall { Function: PyName { Id: "set" }, Arguments.Count: 0 } => true,
        _ => false,
    };

    /// <summary>The last segment of every name and attribute in an expression (<c>SSL.VERIFY_NONE | x</c> gives VERIFY_NONE and x).</summary>
    private static HashSet<string> Names(PyExpr value) =>
        value.DescendantsAndSelf().Select(part => part switch
        {
            PyName name => name.Id,
            PyMember member => member.Name,
            _ => null,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary><c>s.get</c>, <c>s.verify</c> where <c>s = requests.Session()</c> (or an httpx/aiohttp client) in this module.</summary>
    private static bool IsHttpClientVariable(PythonModule module, string callee)
    {
        var dot = callee.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var receiver = callee[..dot];
        return module.Assignments.Any(assignment => assignment.Targets.Any(target => string.Equals(target.Text, receiver, StringComparison.Ordinal))
            && module.Values.Of(assignment) is PyCall { Function.DottedName: { } constructor } && HttpClientConstructors.Contains(constructor));
    }

    /// <summary><c>ctx.verify_mode == ssl.CERT_NONE</c> reads the setting, it does not make it.</summary>
    private static bool IsCompared(List<PythonToken> tokens, int index)
    {
        var start = index;
        while (start >= 2 && tokens[start - 1].IsOp(".") && tokens[start - 2].Kind == PythonTokenKind.Name)
        {
            start -= 2;
        }

        var before = start > 0 ? tokens[start - 1] : null;
        var after = index + 1 < tokens.Count ? tokens[index + 1] : null;
        return before is not null && (before.IsOp("==") || before.IsOp("!=") || before.IsName("is") || before.IsName("in") || before.IsName("not"))
            || after is not null && (after.IsOp("==") || after.IsOp("!="));
    }

    /// <summary>
    /// Inside <c>if not verify:</c> (or <c>if insecure:</c>…) the code honours an opt-out its caller asked for:
    /// a library's <c>verify=False</c> option, not a decision this code made for everyone.
    /// </summary>
    private static bool IsCallersOptOut(PythonRuleContext context, int line)
    {
        var width = IndentOf(context.LineText(line));
        for (var above = line - 1; above >= 1 && width > 0; above--)
        {
            var text = context.LineText(above);
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith('#') || IndentOf(text) >= width)
            {
                continue;
            }

            width = IndentOf(text);
            var header = text.Trim();
            if ((header.StartsWith("if ", StringComparison.Ordinal) || header.StartsWith("elif ", StringComparison.Ordinal)) && OptOutSwitch().IsMatch(header))
            {
                return true;
            }

            if (header.StartsWith("def ", StringComparison.Ordinal) || header.StartsWith("async def ", StringComparison.Ordinal) || header.StartsWith("class ", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return false;
    }

    private static int IndentOf(string text) => text.Length - text.TrimStart().Length;

    /// <summary><c>ssl.CERT_NONE</c>/<c>ssl.CERT_OPTIONAL</c> or urllib3's string spellings <c>'NONE'</c>, <c>'CERT_NONE'</c>, <c>'OPTIONAL'</c>, <c>'CERT_OPTIONAL'</c>.</summary>
    private static bool IsUnverifiedCertReqs(PyExpr? value) => value switch
    {
        PyString text => text.Value is "CERT_NONE" or "CERT_OPTIONAL" or "NONE" or "OPTIONAL",
        PyName name => name.Id is "CERT_NONE" or "CERT_OPTIONAL",
        PyMember member => member.Name is "CERT_NONE" or "CERT_OPTIONAL",
        _ => false,
    };

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, string message, int? start = null)
    {
        // A context already reported where it was made (`_create_unverified_context()`) keeps the setting as a finding of its own line.
        if (reported.Add(line))
        {
            var first = start is { } made && made != line && reported.Add(made) ? made : line;
            context.Report(this, first, line, message);
        }
    }

    /// <summary><c>ctx = ssl._create_unverified_context()</c> followed by <c>ctx.check_hostname = True</c> or <c>ctx.verify_mode = ssl.CERT_REQUIRED</c>: verification is switched back on.</summary>
    private static bool IsVerifiedLater(PythonModule module, PythonCall call)
    {
        if (SslContexts.AssignedName(module, call) is not { } name)
        {
            return false;
        }

        var (settings, _) = SslContexts.UsesOf(module, name, call.Scope, call.Line);
        return settings.Any(setting => module.Values.TargetOf(setting) is PyMember { Name: "check_hostname" or "verify_mode" } && module.Values.Of(setting) is PyConstant { Text: "True" } or PyMember { Name: "CERT_REQUIRED" } or PyName { Id: "CERT_REQUIRED" });
    }

    /// <summary>
    /// <c>ssl.SSLContext(ssl.PROTOCOL_TLS)</c> (or <c>PROTOCOL_TLSv1_2</c>, or no protocol): unlike
    /// <c>PROTOCOL_TLS_CLIENT</c> it starts with no certificate or host-name check. Not judged when the code
    /// sets <c>verify_mode</c>/<c>check_hostname</c> itself, when the context serves (<c>load_cert_chain</c>,
    /// <c>server_side=True</c>, a server in its name), or when nothing in view uses it as a client yet.
    /// </summary>
    private static bool StartsUnverified(PythonModule module, PythonCall call)
    {
        var parsed = module.Values.Of(call);
        var protocol = parsed?.Argument(0, "protocol");
        if (parsed is null || parsed.Arguments.Any(argument => argument.Keyword is "*" or "**")
            || !(protocol is null || protocol is PyMember { Name: "PROTOCOL_TLS" or "PROTOCOL_SSLv23" or "PROTOCOL_TLSv1_2" } or PyName { Id: "PROTOCOL_TLS" or "PROTOCOL_SSLv23" or "PROTOCOL_TLSv1_2" }))
        {
            return false;
        }

        if (ServerWord(call.Scope?.QualifiedName) || module.Statements.Any(statement => statement.Keyword is "return" or "yield" && statement.FirstToken <= call.FirstToken && call.FirstToken <= statement.LastToken))
        {
            return false;
        }

        var name = SslContexts.AssignedName(module, call);
        if (name is null)
        {
            // Made and passed straight on: `foo(ssl.SSLContext(...))`; a bare statement or other shapes say too little.
            return module.Calls.Any(outer => outer.Arguments.Any(argument => argument.FirstToken == call.FirstToken && argument.Keyword is not ("*" or "**")));
        }

        if (ServerWord(name))
        {
            return false;
        }

        var attribute = name.Contains('.', StringComparison.Ordinal);
        var prefix = name + ".";
        var settings = module.Assignments.Where(assignment => (attribute || ReferenceEquals(assignment.Scope, call.Scope))
            && assignment.Targets.Any(target => target.Text.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        var uses = module.Calls.Where(use => (attribute || ReferenceEquals(use.Scope, call.Scope)) && use.Callee.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (settings.Any(setting => module.Values.TargetOf(setting) is PyMember { Name: "verify_mode" or "check_hostname" })
            || uses.Any(use => use.Name == "load_cert_chain" || (use.Name == "wrap_socket" && PythonSecurityHelpers.IsTrue(module, use.Keyword("server_side")))))
        {
            return false;
        }

        // Only a context the code goes on to use as a client is judged: one made and left unused says nothing yet.
        return uses.Any(use => use.Name is "wrap_socket" or "wrap_bio" or "load_verify_locations" or "load_default_certs" or "set_default_verify_paths")
            || module.Calls.Any(other => (attribute || ReferenceEquals(other.Scope, call.Scope)) && other.Line >= call.Line && !ReferenceEquals(other, call)
                && other.Arguments.Any(argument => argument.Keyword is not ("*" or "**") && module.Values.Of(argument) is { DottedName: { } passed } && passed == name));
    }

    /// <summary>A call that is a whole statement of its own: what it makes is thrown away, so it changes nothing.</summary>
    private static bool IsDiscarded(PythonModule module, PythonCall call) =>
        module.Statements.Any(statement => statement.Keyword.Length == 0 && statement.Line == call.Line
            && module.Values.Of(statement) is PyCall whole && whole.Line == call.Line && whole.Column == call.Column);

    private static bool ServerWord(string? name) => name is not null && name.Contains("server", StringComparison.OrdinalIgnoreCase);

    /// <summary>A verify callback that accepts everything: <c>lambda *args: True</c>, or a function whose every <c>return</c> gives a true constant.</summary>
    private static bool AlwaysAccepts(PythonModule module, PyExpr callback, PythonCall call)
    {
        if (callback is PyLambda lambda)
        {
            return IsTrueConstant(lambda.Body);
        }

        if (callback is not PyName { Id: var name })
        {
            return false;
        }

        var function = module.Functions.LastOrDefault(definition => definition.Name == name && definition.Line < call.Line
            && (definition.Parent is null || ReferenceEquals(definition.Parent, call.Scope)));
        if (function is null)
        {
            return false;
        }

        var returns = module.Statements.Where(statement => statement.Keyword == "return" && ReferenceEquals(statement.Scope, function)).ToList();
        return returns.Count > 0 && returns.All(statement => IsTrueConstant(module.Values.Of(statement)));
    }

    private static bool IsTrueConstant(PyExpr? value) =>
        value is PyConstant { Text: var text } && (text == "True" || (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number != 0));

    [GeneratedRegex(@"(?i)\b\w*(?:verify|verification|insecure|check_hostname|validate_certs?|ssl_check|cert_check|no_ssl|disable_ssl)\w*\b")]
    private static partial Regex OptOutSwitch();


    [GeneratedRegex(@"(?i)(session|client|http|sess|requests|httpx|aiohttp)[\w.()]*\.\w+$|^(?i:session|client)$")]
    private static partial Regex SessionLike();
}
