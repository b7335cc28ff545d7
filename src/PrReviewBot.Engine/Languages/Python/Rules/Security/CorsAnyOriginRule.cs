using System.Buffers;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A CORS policy that lets every web origin read the responses: Flask-CORS with its default or a
/// wildcard origin, Starlette/FastAPI's <c>CORSMiddleware</c> with <c>allow_origins=["*"]</c>,
/// django-cors-headers' allow-all settings, and <c>Access-Control-Allow-Origin: *</c> set by hand.
/// </summary>
public sealed class CorsAnyOriginRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/cors-any-origin",
        "CORS allows every origin",
        Category.Security,
        Severity.Warning,
        "A wildcard CORS policy lets any website read this server's responses from a visitor's browser; with credentials allowed, that includes the visitor's private data.",
        "List the origins that may call the API (`origins=[\"https://app.example.com\"]`, `allow_origins=[...]`, `CORS_ALLOWED_ORIGINS`); keep `*` only for public, credential-free data.");

    private const string AllowOrigin = "access-control-allow-origin";

    private static readonly HashSet<string> FlaskCors = new(StringComparer.Ordinal)
    {
        "flask_cors.CORS", "flask_cors.extension.CORS", "flask.ext.cors.CORS",
        "flask_cors.cross_origin", "flask_cors.decorator.cross_origin", "flask.ext.cors.cross_origin",
    };

    /// <summary>Origin patterns that match every origin: Flask-CORS and the regex settings read them as regular expressions.</summary>
    private static readonly HashSet<string> AnyOrigin = new(StringComparer.Ordinal) { "*", ".*", ".+", "^.*$", "^.+$", "^.*", "^.+", "https?://.*", "^https?://.*$" };

    private static readonly HashSet<string> HeaderSetters = new(StringComparer.Ordinal) { "__setitem__", "set", "setdefault", "add", "add_header", "append", "set_header" };

    private static readonly HashSet<string> AllowAllSettings = new(StringComparer.Ordinal) { "CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS" };

    private static readonly HashSet<string> RegexSettings = new(StringComparer.Ordinal) { "CORS_ORIGIN_REGEX_WHITELIST", "CORS_ALLOWED_ORIGIN_REGEXES" };

    /// <summary>"cors" or "origin" in any case, looked for in one pass over the module.</summary>
    private static readonly SearchValues<string> CorsWords = SearchValues.Create(["cors", "origin"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> AllowOriginWord = SearchValues.Create([AllowOrigin], StringComparison.OrdinalIgnoreCase);

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var source = module.Tokenization.Source;

        // Every shape below names CORS or an origin somewhere in the module; most modules do neither.
        if (!source.AsSpan().ContainsAny(CorsWords))
        {
            return;
        }

        var reported = new HashSet<int>();
        foreach (var call in context.ChangedCalls)
        {
            // Only the calls a check below can flag are parsed: parsing every call of the module costs more than the rest of the rule.
            var resolved = module.Values.Resolve(call);
            var mayFlag = FlaskCors.Contains(resolved) || call.Name is "CORSMiddleware" or "add_middleware" or "Middleware" || HeaderSetters.Contains(call.Name);
            if (!mayFlag || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            if (FlaskCors.Contains(resolved))
            {
                ReportFlaskCors(context, reported, call, parsed);
            }
            else if (IsCorsMiddleware(module, call, parsed) && parsed.Keyword("allow_origins") is { } origins && IsAny(module, origins, call.Scope, 0))
            {
                var credentials = IsTrue(module, parsed.Keyword("allow_credentials"), call.Scope);
                Report(context, reported, origins.Line, $"`CORSMiddleware` with `allow_origins={Shown(origins)}` lets every website call this API{(credentials ? " with the visitor's cookies" : string.Empty)}; list the trusted origins instead.", credentials);
            }
            else if (HeaderSetters.Contains(call.Name) && call.Callee.Contains('.', StringComparison.Ordinal) && parsed.Positional.ToList() is [var header, var value, ..]
                && IsAllowOrigin(module, header, call.Scope) && IsAny(module, value, call.Scope, 0))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(\"Access-Control-Allow-Origin\", \"*\")` lets every website read this response; send the trusted origin instead.", false);
            }
        }

        foreach (var definition in context.ChangedDefinitions)
        {
            foreach (var decorator in definition.Decorators)
            {
                if (!decorator.Text.Contains('(', StringComparison.Ordinal)
                    && module.Values.Resolve(decorator.Text.Trim(), definition.Parent, decorator.Line) is "flask_cors.cross_origin" or "flask.ext.cors.cross_origin")
                {
                    Report(context, reported, decorator.Line, $"`@{decorator.Text.Trim()}` without `origins` lets every website call `{definition.Name}`; pass the trusted origins.", false);
                }
            }
        }

        ReportHandSetHeaders(context, reported);
        ReportDjangoSettings(context, reported);
    }

    private void ReportFlaskCors(PythonRuleContext context, HashSet<int> reported, PythonCall call, PyCall parsed)
    {
        var module = context.Module;
        if (parsed.Arguments.Any(argument => argument.Keyword == "**"))
        {
            return;
        }

        var credentials = IsTrue(module, parsed.Keyword("supports_credentials"), call.Scope);
        var suffix = credentials ? " with the visitor's cookies" : string.Empty;
        if (parsed.Keyword("origins") is { } origins)
        {
            if (IsAny(module, origins, call.Scope, 0))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(origins={Shown(origins)})` lets every website call this app{suffix}; list the trusted origins.", credentials);
            }

            return;
        }

        var resources = parsed.Keyword("resources");
        if (resources is PyDisplay { Kind: PyDisplayKind.Dict } byPath)
        {
            if (byPath.Items.Any(options => options is PyDisplay { Kind: PyDisplayKind.Dict } display && display.ValueOf("origins") is { } pathOrigins && IsAny(module, pathOrigins, call.Scope, 0)))
            {
                Report(context, reported, call.Line, $"`{call.Callee}(resources=...)` gives a resource `\"origins\": \"*\"`, letting every website call it{suffix}; list the trusted origins.", credentials);
            }

            return;
        }

        // Without origins Flask-CORS answers every origin; an app that configures CORS_ORIGINS elsewhere has chosen them.
        var configured = module.Tokens.Any(token => token.Kind == PythonTokenKind.StringLiteral && token.Text.Contains("CORS_ORIGINS", StringComparison.Ordinal))
            || module.Assignments.Any(assignment => assignment.Targets.Any(target => target.Text.EndsWith("CORS_ORIGINS", StringComparison.Ordinal)));
        if (!configured && (resources is null or PyString or PyDisplay))
        {
            Report(context, reported, call.Line, $"`{call.Callee}(...)` without `origins` lets every website call this app{suffix}; pass `origins=[...]` with the trusted origins.", credentials);
        }
    }

    /// <summary><c>app.add_middleware(CORSMiddleware, ...)</c>, <c>Middleware(CORSMiddleware, ...)</c> or <c>CORSMiddleware(app, ...)</c>.</summary>
    private static bool IsCorsMiddleware(PythonModule module, PythonCall call, PyCall parsed)
    {
        if (call.Name == "CORSMiddleware")
        {
            return true;
        }

        return call.Name is "add_middleware" or "Middleware" && parsed.Positional.FirstOrDefault()?.DottedName is { } first
            && module.Values.Resolve(first, call.Scope, call.Line).EndsWith("CORSMiddleware", StringComparison.Ordinal);
    }

    /// <summary><c>response["Access-Control-Allow-Origin"] = "*"</c> and <c>{"Access-Control-Allow-Origin": "*"}</c> header mappings.</summary>
    private void ReportHandSetHeaders(PythonRuleContext context, HashSet<int> reported)
    {
        var module = context.Module;
        if (!module.Tokenization.Source.AsSpan().ContainsAny(AllowOriginWord))
        {
            return;
        }

        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.IsAugmented || module.Values.TargetOf(assignment) is not PySubscript { Index: { } key } target || !IsHeaderHolder(target.Target)
                || !IsAllowOrigin(module, key, assignment.Scope) || !IsAny(module, module.Values.Of(assignment), assignment.Scope, 0))
            {
                continue;
            }

            Report(context, reported, assignment.Line, "`Access-Control-Allow-Origin: *` lets every website read this response; send the trusted origin instead.", false);
        }

        var seen = new HashSet<(int, int)>();
        foreach (var expression in Expressions(context))
        {
            foreach (var node in expression.DescendantsAndSelf())
            {
                if (node is not PyDisplay { Kind: PyDisplayKind.Dict } headers || !seen.Add((headers.Line, headers.Column)))
                {
                    continue;
                }

                for (var i = 0; i < headers.Keys.Count; i++)
                {
                    if (headers.Keys[i] is PyString { Value: var name } keyNode && string.Equals(name, AllowOrigin, StringComparison.OrdinalIgnoreCase)
                        && headers.Items[i] is PyString { Value: "*" })
                    {
                        Report(context, reported, keyNode.Line, "A header mapping sets `Access-Control-Allow-Origin: *`, letting every website read this response; send the trusted origin instead.", false);
                    }
                }
            }
        }
    }

    /// <summary>django-cors-headers' allow-all switches, in a settings module.</summary>
    private void ReportDjangoSettings(PythonRuleContext context, HashSet<int> reported)
    {
        var module = context.Module;
        if (!IsSettingsModule(context))
        {
            return;
        }

        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.Scope is not null || assignment.IsAugmented || assignment.Targets is not [{ Kind: PythonTargetKind.Name } target])
            {
                continue;
            }

            var value = module.Values.Of(assignment);
            if (AllowAllSettings.Contains(target.Text) && value is PyConstant { Text: "True" })
            {
                Report(context, reported, assignment.Line, $"`{target.Text} = True` lets every website call this API; list the trusted origins in `CORS_ALLOWED_ORIGINS`.", false);
            }
            else if (RegexSettings.Contains(target.Text) && value is PyDisplay list && list.Items.Any(item => IsAny(module, item, null, 1)))
            {
                Report(context, reported, assignment.Line, $"`{target.Text}` holds a pattern that matches every origin; match only the trusted ones.", false);
            }
        }
    }

    private static bool IsSettingsModule(PythonRuleContext context)
    {
        var fileName = context.Path[(context.Path.LastIndexOf('/') + 1)..];
        return fileName.EndsWith("settings.py", StringComparison.Ordinal) || context.Path.Contains("/settings/", StringComparison.Ordinal)
            || context.Module.Assignments.Any(assignment => assignment.Scope is null && assignment.Targets.Any(target => target.Text is "INSTALLED_APPS" or "MIDDLEWARE"));
    }

    /// <summary>A plain name or its <c>.headers</c>: <c>foo.response[...]</c> indexes something that is not a response's headers.</summary>
    private static bool IsHeaderHolder(PyExpr target) => target is PyName or PyMember { Name: "headers", Target: PyName or PyMember };

    private static IEnumerable<PyExpr> Expressions(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var call in context.ChangedCalls)
        {
            if (module.Values.Of(call) is { } parsed)
            {
                yield return parsed;
            }
        }

        foreach (var assignment in context.ChangedAssignments)
        {
            if (module.Values.Of(assignment) is { } value)
            {
                yield return value;
            }
        }

        foreach (var statement in context.ChangedStatements)
        {
            if (module.Values.Of(statement) is { } value)
            {
                yield return value;
            }
        }
    }

    private static bool IsAllowOrigin(PythonModule module, PyExpr expression, PythonDefinition? scope) =>
        string.Equals(module.Values.ConstantString(expression, scope), AllowOrigin, StringComparison.OrdinalIgnoreCase);

    /// <summary>A wildcard or match-all pattern, alone or in a list, directly or through a name assigned once.</summary>
    private static bool IsAny(PythonModule module, PyExpr? expression, PythonDefinition? scope, int depth)
    {
        switch (expression)
        {
            case null:
                return false;
            case PyDisplay { Kind: not PyDisplayKind.Dict } list when depth < 2:
                return list.Items.Any(item => IsAny(module, item, scope, depth + 1));
            case PyName name when depth < 2 && module.Values.SingleValue(name.Id, scope, name.Line) is PyDisplay list:
                return IsAny(module, list, scope, depth + 1);
            default:
                return module.Values.ConstantString(expression, scope) is { } text && AnyOrigin.Contains(text.Trim());
        }
    }

    private static bool IsTrue(PythonModule module, PyExpr? expression, PythonDefinition? scope) => expression switch
    {
        PyConstant { Text: "True" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is PyConstant { Text: "True" },
        _ => false,
    };

    /// <summary>The origins as written, for the message: <c>"*"</c>, <c>[".*"]</c>, or the name that holds them.</summary>
    private static string Shown(PyExpr origins) => origins switch
    {
        PyString text => $"\"{text.Value}\"",
        PyName name => name.Id,
        PyDisplay list => "[" + string.Join(", ", list.Items.Select(item => item is PyString text ? $"\"{text.Value}\"" : "...")) + "]",
        _ => "\"*\"",
    };

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, string message, bool withCredentials)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, line, message, withCredentials ? Severity.Error : Severity.Warning);
        }
    }
}
