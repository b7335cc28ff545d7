using System.Buffers;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// CSRF protection turned off: for the whole app (<c>WTF_CSRF_ENABLED = False</c>, Pyramid's
/// <c>set_default_csrf_options(require_csrf=False)</c>, a Django <c>MIDDLEWARE</c> list without
/// <c>CsrfViewMiddleware</c>) or for one view or form (<c>@csrf_exempt</c>, <c>csrf.exempt</c>,
/// <c>view_config(require_csrf=False)</c>, a WTForms form with <c>csrf=False</c>).
/// </summary>
public sealed class CsrfDisabledRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/csrf-disabled",
        "CSRF protection disabled",
        Category.Security,
        Severity.Warning,
        "Without CSRF protection any website the user visits can submit forms to this app with the user's cookies: change their password, make purchases, post as them.",
        "Keep CSRF checks on (Django's `CsrfViewMiddleware`, Flask-WTF's `CSRFProtect`, Pyramid's `require_csrf`); an endpoint that authenticates by token instead of cookie can be exempted, with a comment saying so.");

    /// <summary>App-wide switches; off outside a testing configuration is a defect.</summary>
    private static readonly HashSet<string> GlobalSwitches = new(StringComparer.Ordinal) { "WTF_CSRF_ENABLED", "WTF_CSRF_CHECK_DEFAULT", "CSRF_ENABLED" };

    /// <summary>The keywords that switch CSRF checks off for one view or form, looked for in a call's text in one pass.</summary>
    private static readonly SearchValues<string> SwitchKeywords = SearchValues.Create(["require_csrf", "check_origin", "csrf_enabled", "meta"], StringComparison.Ordinal);

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var definition in context.ChangedDefinitions)
        {
            foreach (var decorator in definition.Decorators)
            {
                var text = decorator.Text.Trim();
                if (text.Contains('(', StringComparison.Ordinal))
                {
                    continue;
                }

                var resolved = module.Values.Resolve(text, definition.Parent, decorator.Line);
                if (resolved.EndsWith("csrf_exempt", StringComparison.Ordinal) || IsCsrfExtension(module, text, definition.Parent, decorator.Line, "exempt"))
                {
                    Report(context, reported, decorator.Line, decorator.Line, $"`@{text}` turns off CSRF protection for `{definition.Name}`, so other sites can submit it with the user's cookies; remove it or authenticate this view by token.");
                }
            }
        }

        foreach (var call in context.ChangedCalls)
        {
            // Only the calls a check below can flag are parsed: parsing every call of the module costs more than the rest of the rule.
            var mayFlag = call.Name is "exempt" or "update" or "from_mapping" || MentionsSwitch(module, call);
            if (!mayFlag || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            if (call.Name == "exempt" && IsCsrfExtension(module, call.Callee, call.Scope, call.Line, "exempt") && parsed.Positional.Any())
            {
                Report(context, reported, call.Line, call.Line, $"`{call.Callee}(...)` turns off CSRF protection for what it is given; remove it or authenticate those views by token.");
                continue;
            }

            if (call.Name is "update" or "from_mapping" && call.Callee.Contains("config", StringComparison.OrdinalIgnoreCase)
                && !IsTrue(module, parsed.Keyword("TESTING"), call.Scope))
            {
                foreach (var argument in parsed.Arguments)
                {
                    if (argument.Keyword is { } key && GlobalSwitches.Contains(key) && IsFalse(module, argument.Value, call.Scope))
                    {
                        Report(context, reported, argument.Value.Line, argument.Value.Line, $"`{key}=False` turns off CSRF protection for every form of the app; keep it on outside tests.", Severity.Error);
                    }
                }

                continue;
            }

            foreach (var argument in parsed.Arguments)
            {
                var off = argument.Keyword switch
                {
                    "require_csrf" or "check_origin" or "csrf_enabled" => IsFalse(module, argument.Value, call.Scope),
                    "meta" => argument.Value is PyDisplay { Kind: PyDisplayKind.Dict } meta && meta.ValueOf("csrf") is { } csrf && IsFalse(module, csrf, call.Scope),
                    _ => false,
                };
                if (!off)
                {
                    continue;
                }

                var global = call.Name == "set_default_csrf_options";
                var what = argument.Keyword switch
                {
                    "check_origin" => "the CSRF origin check",
                    _ => "CSRF protection",
                };
                var scope = global ? "for every view" : call.Name == "view_config" ? "for this view" : "for this form";
                Report(context, reported, argument.Value.Line, argument.Value.Line, $"`{call.Callee}({argument.Keyword}=...)` turns off {what} {scope}; keep it on.", global ? Severity.Error : Severity.Warning);
            }
        }

        ReportAssignments(context, reported);
        ReportDjangoMiddleware(context, reported);
        ReportSkippedEnforcement(context, reported);
    }

    /// <summary>
    /// Django REST framework's <c>SessionAuthentication.enforce_csrf</c> overridden to do nothing: every
    /// view using that authentication accepts cookie-authenticated requests from other sites.
    /// </summary>
    private void ReportSkippedEnforcement(PythonRuleContext context, HashSet<int> reported)
    {
        foreach (var method in context.ChangedDefinitions)
        {
            if (method.Kind != PythonDefinitionKind.Function || method.Name != "enforce_csrf" || !method.IsMethod)
            {
                continue;
            }

            var body = Enumerable.Range(method.Line + 1, Math.Max(0, method.EndLine - method.Line))
                .Where(line => method.Docstring is not { } doc || line < doc.Line || line > doc.EndLine)
                .Select(line => context.LineText(line).Trim())
                .Where(text => text.Length > 0 && !text.StartsWith('#'))
                .ToList();
            if (body.Count > 0 && body.All(text => text is "pass" or "return" or "return None" or "..."))
            {
                Report(context, reported, method.Line, method.Line, $"`{method.Parent?.Name}.enforce_csrf` does nothing, so session-authenticated requests from other sites pass without a CSRF token; keep the check or authenticate by token.", Severity.Error);
            }
        }
    }

    private void ReportAssignments(PythonRuleContext context, HashSet<int> reported)
    {
        var module = context.Module;
        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.IsAugmented || module.Values.Of(assignment) is not { } value || !IsFalse(module, value, assignment.Scope))
            {
                continue;
            }

            var target = module.Values.TargetOf(assignment);
            var key = target switch
            {
                PySubscript { Index: PyString index } => index.Value,
                PyMember member => member.Name,
                PyName name => name.Id,
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            if (GlobalSwitches.Contains(key) && !IsTestingConfiguration(module, assignment))
            {
                Report(context, reported, assignment.Line, assignment.Line, $"`{key} = False` turns off CSRF protection for every form of the app; keep it on outside tests.", Severity.Error);
            }
            else if (key == "csrf" && target is PyName && assignment.Scope is { Kind: PythonDefinitionKind.Class, Name: "Meta" })
            {
                Report(context, reported, assignment.Line, assignment.Line, "`class Meta: csrf = False` turns off CSRF protection for this form; keep it on.");
            }
        }
    }

    /// <summary>A Django <c>MIDDLEWARE</c> list with sessions or cookie authentication but not <c>CsrfViewMiddleware</c>.</summary>
    private void ReportDjangoMiddleware(PythonRuleContext context, HashSet<int> reported)
    {
        var module = context.Module;
        foreach (var assignment in context.ChangedAssignments)
        {
            if (assignment.Scope is not null || assignment.IsAugmented || assignment.Targets is not [{ Kind: PythonTargetKind.Name, Text: "MIDDLEWARE" or "MIDDLEWARE_CLASSES" } target]
                || module.Values.Of(assignment) is not PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple } list)
            {
                continue;
            }

            var names = list.Items.Select(item => item is PyString text ? text.Value : null).ToList();
            if (names.Any(name => name is null) || !names.Any(name => name!.StartsWith("django.middleware.", StringComparison.Ordinal))
                || names.Any(name => name!.EndsWith("CsrfViewMiddleware", StringComparison.Ordinal))
                || !names.Any(name => name!.EndsWith("SessionMiddleware", StringComparison.Ordinal) || name.EndsWith("AuthenticationMiddleware", StringComparison.Ordinal)))
            {
                // Without sessions or cookie authentication (an API authenticated by tokens) a forged request carries nothing to abuse.
                continue;
            }

            var end = assignment.ValueLastToken >= 0 ? module.Tokens[assignment.ValueLastToken].Start.Line : assignment.Line;
            Report(context, reported, assignment.Line, end, $"`{target.Text}` leaves out `django.middleware.csrf.CsrfViewMiddleware`, so no view checks CSRF tokens; add it back.", Severity.Error);
        }
    }

    private static bool MentionsSwitch(PythonModule module, PythonCall call) => PythonSecurityHelpers.Mentions(module, call, SwitchKeywords);

    /// <summary>
    /// <c>csrf.exempt</c>: the receiver is Flask-WTF's <c>CSRFProtect</c> (or at least named like it);
    /// <c>something.exempt</c> on an unrelated object is not.
    /// </summary>
    private static bool IsCsrfExtension(PythonModule module, string dotted, PythonDefinition? scope, int line, string member)
    {
        if (!dotted.EndsWith("." + member, StringComparison.Ordinal))
        {
            return false;
        }

        var receiver = dotted[..^(member.Length + 1)];
        var resolved = module.Values.Resolve(receiver, scope, line);
        return resolved.Contains("CSRFProtect", StringComparison.Ordinal) || resolved.Contains("CsrfProtect", StringComparison.Ordinal)
            || receiver.Split('.')[^1].Contains("csrf", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Test settings switch CSRF off on purpose: a class named for testing, or one that sets <c>TESTING = True</c>.</summary>
    private static bool IsTestingConfiguration(PythonModule module, PythonAssignment assignment)
    {
        if (assignment.Scope is not { Kind: PythonDefinitionKind.Class } owner)
        {
            return module.Assignments.Any(other => other.Scope is null && other.Targets.Any(target => target.Text == "TESTING")
                && module.Values.Of(other) is PyConstant { Text: "True" });
        }

        return owner.Name.Contains("test", StringComparison.OrdinalIgnoreCase)
            || module.Assignments.Any(other => ReferenceEquals(other.Scope, owner) && other.Targets.Any(target => target.Text == "TESTING")
                && module.Values.Of(other) is PyConstant { Text: "True" });
    }

    private static bool IsFalse(PythonModule module, PyExpr expression, PythonDefinition? scope) => expression switch
    {
        PyConstant { Text: "False" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is PyConstant { Text: "False" },
        _ => false,
    };

    private static bool IsTrue(PythonModule module, PyExpr? expression, PythonDefinition? scope) => expression switch
    {
        PyConstant { Text: "True" } => true,
        PyName name => module.Values.SingleValue(name.Id, scope, name.Line) is PyConstant { Text: "True" },
        _ => false,
    };

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, int endLine, string message, Severity severity = Severity.Warning)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, endLine, message, severity);
        }
    }
}
