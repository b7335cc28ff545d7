using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A cookie sent without its protections: <c>set_cookie</c> with <c>secure</c>/<c>httponly</c>
/// turned off or with neither set, a <c>Set-Cookie</c> header written by hand without them,
/// <c>SESSION_COOKIE_HTTPONLY = False</c>, a <c>SimpleCookie</c> morsel's flag turned off, and
/// Pyramid's auth-ticket cookie with a protection written off.
/// </summary>
/// <remarks>
/// A call that sets one flag and leaves the other out is left alone: the author chose the flags,
/// and a cookie script must read (a CSRF token, a UI preference) legitimately skips HttpOnly.
/// </remarks>
public sealed class InsecureCookieRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/insecure-cookie",
        "Cookie without Secure or HttpOnly",
        Category.Security,
        Severity.Warning,
        "A cookie without `Secure` is sent over plain HTTP where anyone on the network can read it; without `HttpOnly` any script injected into the page can steal it.",
        "Set the flags where the cookie is made: `response.set_cookie(name, value, secure=True, httponly=True, samesite=\"Lax\")`; keep `SESSION_COOKIE_HTTPONLY` at its default `True`.");

    /// <summary>
    /// Positions of <c>secure</c> and <c>httponly</c> in Django's, Werkzeug's and Starlette's signatures;
    /// Tornado's <c>set_secure_cookie</c> (signed, not Secure) takes them as keywords only.
    /// </summary>
    private static readonly Dictionary<string, (int Secure, int HttpOnly)> Setters = new(StringComparer.Ordinal)
    {
        ["set_cookie"] = (6, 7),
        ["set_signed_cookie"] = (7, 8),
        ["set_secure_cookie"] = (-1, -1),
    };

    private static readonly HashSet<string> AuthTicket = new(StringComparer.Ordinal)
    {
        "pyramid.authentication.AuthTktAuthenticationPolicy", "pyramid.authentication.AuthTktCookieHelper",
    };

    private static readonly HashSet<string> CookieJars = new(StringComparer.Ordinal)
    {
        "http.cookies.SimpleCookie", "http.cookies.BaseCookie", "Cookie.SimpleCookie", "Cookie.BaseCookie",
    };

    private static readonly HashSet<string> HeaderSetters = new(StringComparer.Ordinal) { "__setitem__", "set", "setdefault", "add", "add_header", "append", "set_header" };

    /// <summary>Settings that default to on, so writing them off is a decision to review.</summary>
    private static readonly HashSet<string> HttpOnlySettings = new(StringComparer.Ordinal)
    {
        "SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_HTTPONLY",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in context.ChangedCalls)
        {
            // Only the calls a check below can flag are parsed: parsing every call of the module costs more than the rest of the rule.
            var mayFlag = Setters.ContainsKey(call.Name) || HeaderSetters.Contains(call.Name) || call.Name is "update" or "from_mapping"
                || AuthTicket.Contains(module.Values.Resolve(call)) || PythonSecurityHelpers.Mentions(module, call, "headers");
            if (!mayFlag || module.Values.Of(call) is not { } parsed || parsed.Arguments.Any(argument => argument.Keyword == "**"))
            {
                continue;
            }

            if (Setters.TryGetValue(call.Name, out var positions) && call.Callee.Contains('.', StringComparison.Ordinal) && parsed.Arguments.Count >= 2
                && !IsDeletion(parsed))
            {
                CheckFlags(context, reported, call, parsed.Argument(positions.Secure, "secure"), parsed.Argument(positions.HttpOnly, "httponly"));
            }
            else if (AuthTicket.Contains(module.Values.Resolve(call)))
            {
                CheckAuthTicket(context, reported, call, parsed);
            }
            else if (call.Name == "update" || call.Name == "from_mapping")
            {
                ReportConfigUpdate(context, reported, call, parsed);
            }

            if (HeaderSetters.Contains(call.Name) && call.Callee.Contains('.', StringComparison.Ordinal) && parsed.Positional.ToList() is [var header, var cookie, ..]
                && IsSetCookie(module, header, call.Scope) && LacksFlags(module, cookie, call.Scope))
            {
                Report(context, reported, call.Line, call.Line, $"`{call.Callee}(\"Set-Cookie\", ...)` writes a cookie without `Secure` or `HttpOnly`; add both attributes.");
            }

            if (parsed.Keyword("headers") is { } headers)
            {
                ReportSetCookieHeader(context, reported, call, headers);
            }
        }

        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.IsAugmented || module.Values.Of(assignment) is not { } value)
            {
                continue;
            }

            if (IsOff(module, value, assignment.Scope))
            {
                ReportAssignment(context, reported, assignment);
            }
            else if (module.Values.TargetOf(assignment) is PySubscript { Index: { } header } && IsSetCookie(module, header, assignment.Scope)
                && LacksFlags(module, value, assignment.Scope))
            {
                Report(context, reported, assignment.Line, assignment.Line, "A `Set-Cookie` header is written without `Secure` or `HttpOnly`; add both attributes or use `set_cookie(..., secure=True, httponly=True)`.");
            }
        }
    }

    private void CheckFlags(PythonRuleContext context, HashSet<int> reported, PythonCall call, PyExpr? secure, PyExpr? httpOnly)
    {
        var module = context.Module;
        var off = new List<(string Name, PyExpr Value)>();
        if (secure is not null && IsOff(module, secure, call.Scope))
        {
            off.Add(("secure", secure));
        }

        if (httpOnly is not null && IsOff(module, httpOnly, call.Scope))
        {
            off.Add(("httponly", httpOnly));
        }

        if (off.Count > 0)
        {
            var flags = string.Join(" and ", off.Select(flag => $"`{flag.Name}={Text(flag.Value)}`"));
            Report(context, reported, call.Line, off.Max(flag => flag.Value.Line), $"`{call.Callee}(...)` sets the cookie with {flags}; pass `secure=True, httponly=True`.");
        }
        else if (secure is null && httpOnly is null)
        {
            Report(context, reported, call.Line, call.Line, $"`{call.Callee}(...)` sets the cookie without `secure=True` or `httponly=True`, so it travels over plain HTTP and scripts can read it; pass both.");
        }
    }

    /// <summary>
    /// Pyramid's auth ticket: only flags written off count. Its defaults (no Secure, no HttpOnly)
    /// are Pyramid's to document, and a policy built from settings sets them where this call cannot show it.
    /// </summary>
    private void CheckAuthTicket(PythonRuleContext context, HashSet<int> reported, PythonCall call, PyCall parsed)
    {
        var off = ((string[])["secure", "httponly", "samesite"])
            .Select(name => (Name: name, Value: parsed.Keyword(name)))
            .Where(flag => flag.Value is not null && IsOff(context.Module, flag.Value, call.Scope))
            .ToList();
        if (off.Count > 0)
        {
            var flags = string.Join(" and ", off.Select(flag => $"`{flag.Name}={Text(flag.Value!)}`"));
            Report(context, reported, call.Line, off.Max(flag => flag.Value!.Line), $"`{call.Callee}(...)` issues the login cookie with {flags}; keep `secure=True, httponly=True` and a `samesite` policy.");
        }
    }

    /// <summary><c>set_cookie(name, "", max_age=0)</c> clears a cookie: its flags protect nothing.</summary>
    private static bool IsDeletion(PyCall call) =>
        call.Keyword("max_age") is PyConstant { Text: "0" } || call.Keyword("expires") is PyConstant { Text: "0" };

    /// <summary>A <c>headers=</c> mapping that writes a <c>Set-Cookie</c> without <c>Secure</c> or <c>HttpOnly</c>.</summary>
    private void ReportSetCookieHeader(PythonRuleContext context, HashSet<int> reported, PythonCall call, PyExpr headers)
    {
        var module = context.Module;
        var mapping = headers is PyName name ? module.Values.SingleValue(name.Id, call.Scope, call.Line) : headers;
        if (mapping is not PyDisplay { Kind: PyDisplayKind.Dict } display)
        {
            return;
        }

        for (var i = 0; i < display.Keys.Count; i++)
        {
            if (display.Keys[i] is { } key && IsSetCookie(module, key, call.Scope) && LacksFlags(module, display.Items[i], call.Scope))
            {
                Report(context, reported, call.Line, call.Line, $"`{call.Callee}(...)` sends a `Set-Cookie` header without `Secure` or `HttpOnly`; add both attributes.");
            }
        }
    }

    /// <summary><c>app.config.update({"SESSION_COOKIE_HTTPONLY": False})</c>, <c>update(dict(...))</c> and keyword forms.</summary>
    private void ReportConfigUpdate(PythonRuleContext context, HashSet<int> reported, PythonCall call, PyCall parsed)
    {
        if (!call.Callee.Contains("config", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var settings = new List<(string Key, PyExpr Value)>();
        settings.AddRange(parsed.Arguments.Where(argument => argument.Keyword is { Length: > 2 }).Select(argument => (argument.Keyword!, argument.Value)));
        foreach (var positional in parsed.Positional)
        {
            if (positional is PyDisplay { Kind: PyDisplayKind.Dict } display)
            {
                settings.AddRange(display.Keys.Select((key, i) => (key is PyString text ? text.Value : string.Empty, display.Items[i])));
            }
            else if (positional is PyCall { Function: PyName { Id: "dict" } } dict)
            {
                settings.AddRange(dict.Arguments.Where(argument => argument.Keyword is { Length: > 2 }).Select(argument => (argument.Keyword!, argument.Value)));
            }
        }

        foreach (var (key, value) in settings)
        {
            if (HttpOnlySettings.Contains(key) && IsOff(context.Module, value, call.Scope))
            {
                Report(context, reported, value.Line, value.Line, $"`{key}: False` lets any script on the page read the session cookie; keep it `True`.", Severity.Error);
            }
        }
    }

    private void ReportAssignment(PythonRuleContext context, HashSet<int> reported, PythonAssignment assignment)
    {
        var module = context.Module;
        var target = module.Values.TargetOf(assignment);
        switch (target)
        {
            // app.config["SESSION_COOKIE_HTTPONLY"] = False, and the settings module's SESSION_COOKIE_HTTPONLY = False.
            case PySubscript { Index: PyString key } when HttpOnlySettings.Contains(key.Value):
            case PyName name when assignment.Scope is null && HttpOnlySettings.Contains(name.Id):
                var setting = target is PySubscript { Index: PyString named } ? named.Value : ((PyName)target).Id;
                Report(context, reported, assignment.Line, assignment.Line, $"`{setting} = False` lets any script on the page read the session cookie; keep it `True`.", Severity.Error);
                break;

            // cookie["name"]["secure"] = False on a SimpleCookie.
            case PySubscript { Index: PyString { Value: "secure" or "httponly" } flag, Target: PySubscript { Target: PyName jar } }
                when module.Values.SingleValue(jar.Id, assignment.Scope, assignment.Line) is PyCall { Function: var made } && made.DottedName is { } maker
                    && CookieJars.Contains(module.Values.Resolve(maker, assignment.Scope, assignment.Line)):
                Report(context, reported, assignment.Line, assignment.Line, $"`{jar.Id}[...][\"{flag.Value}\"] = False` turns off the cookie's `{flag.Value}` attribute; set it to `True`.");
                break;
            default:
                break;
        }
    }

    private static bool IsSetCookie(PythonModule module, PyExpr header, PythonDefinition? scope) =>
        string.Equals(module.Values.ConstantString(header, scope), "set-cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>A cookie header value whose literal text shows a <c>name=value</c> pair and neither attribute.</summary>
    private static bool LacksFlags(PythonModule module, PyExpr value, PythonDefinition? scope)
    {
        var text = module.Values.ConstantString(value, scope)
            ?? string.Concat(PythonValues.Pieces(value).OfType<PyString>().Select(piece => piece.Value));
        return text.Contains('=', StringComparison.Ordinal)
            && !text.Contains("secure", StringComparison.OrdinalIgnoreCase) && !text.Contains("httponly", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsOff(PythonModule module, PyExpr expression, PythonDefinition? scope) => expression switch
    {
        PyConstant { Text: "False" or "None" or "0" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is PyConstant { Text: "False" },
        _ => false,
    };

    private static string Text(PyExpr value) => value is PyConstant constant ? constant.Text : "False";

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, int endLine, string message, Severity severity = Severity.Warning)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, endLine, message, severity);
        }
    }
}
