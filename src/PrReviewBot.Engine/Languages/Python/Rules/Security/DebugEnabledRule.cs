using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Flask's debugger switched on (<c>app.run(debug=True)</c>, <c>app.run(host, port, True)</c>,
/// <c>app.debug = True</c>, <c>app.config["DEBUG"] = True</c>), or Django's <c>DEBUG = True</c> in
/// settings or <c>settings.configure(DEBUG=True)</c>.
/// </summary>
public sealed class DebugEnabledRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/debug-enabled",
        "Debug mode enabled",
        Category.Security,
        Severity.Error,
        "Debug mode shows stack traces, settings and source to every visitor, and Flask's Werkzeug debugger lets anyone who reaches it run Python on the server.",
        "Read the flag from the environment (`DEBUG = os.getenv(\"DJANGO_DEBUG\") == \"1\"`) and keep it off in production; run Flask with `debug=False`.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (string.Equals(call.Name, "run", StringComparison.Ordinal) && call.Callee.Contains('.', StringComparison.Ordinal)
                && PythonSecurityHelpers.IsTrue(module, call.Keyword("debug")))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(debug=True)` starts the interactive debugger, which lets anyone who can reach the server run code.");
            }
            else if (string.Equals(call.Name, "run", StringComparison.Ordinal) && call.Positional is [_, _, var third, ..]
                && PythonSecurityHelpers.IsTrue(module, third) && IsFlaskApp(module, call.Callee[..call.Callee.LastIndexOf('.')]))
            {
                // Flask.run(host, port, debug): the third positional argument is the debug switch.
                context.Report(this, third.Line, third.Line, $"`{call.Callee}(..., True)` passes debug=True as the third argument and starts the interactive debugger, which lets anyone who can reach the server run code.");
            }
            else if (call.Callee is "settings.configure" or "django.conf.settings.configure"
                && (PythonSecurityHelpers.IsTrue(module, call.Keyword("DEBUG")) || PythonSecurityHelpers.IsTrue(module, call.Keyword("DEBUG_PROPAGATE_EXCEPTIONS"))))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(DEBUG=True)` turns on Django's debug pages, which show settings and source to every visitor; read the flag from the environment.");
            }
        }

        foreach (var call in module.Calls)
        {
            if (string.Equals(call.Name, "update", StringComparison.Ordinal) && call.Callee.EndsWith(".config.update", StringComparison.Ordinal)
                && (PythonSecurityHelpers.IsTrue(module, call.Keyword("DEBUG")) || DebugEntry(module, call)))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(DEBUG=True)` turns on Flask's debug mode, whose debugger lets anyone who can reach the server run code.");
            }
        }

        foreach (var assignment in module.Assignments)
        {
            // The targets are read before the value is parsed: most assignments set nothing this rule knows.
            if (!assignment.Targets.Any(target => (target.Kind == PythonTargetKind.Subscript && IsConfigDebugKey(target.Text))
                    || (target.Kind == PythonTargetKind.Attribute && target.Text.EndsWith(".debug", StringComparison.Ordinal)))
                || !IsTrueAssignment(module, assignment))
            {
                continue;
            }

            // Every target of a chained assignment (app.config["DEBUG"] = app.debug = True) gets the value.
            foreach (var target in assignment.Targets)
            {
                if (target.Kind == PythonTargetKind.Subscript && IsConfigDebugKey(target.Text))
                {
                    context.Report(this, assignment.Line, assignment.Line, "`config[\"DEBUG\"] = True` turns on Flask's debug mode, whose debugger lets anyone who can reach the server run code.");
                    break;
                }

                if (target.Kind == PythonTargetKind.Attribute && target.Text.EndsWith(".debug", StringComparison.Ordinal) && target.Text[..^".debug".Length] is var app && IsFlaskApp(module, app))
                {
                    context.Report(this, assignment.Line, assignment.Line, $"`{app}.debug = True` turns on Flask's debug mode, whose debugger lets anyone who can reach the server run code.");
                    break;
                }
            }
        }

        var settingsLike = DjangoSettings.IsSettingsFile(context.Path)
            || module.Assignments.Any(assignment => assignment.Scope is null && assignment.Targets.Any(target => string.Equals(target.Text, "INSTALLED_APPS", StringComparison.Ordinal)));
        if (!settingsLike)
        {
            return;
        }

        foreach (var assignment in module.Assignments)
        {
            if (assignment.Scope is null && assignment.Targets.FirstOrDefault(target => target.Text is "DEBUG" or "TEMPLATE_DEBUG" or "DEBUG_PROPAGATE_EXCEPTIONS") is { } setting
                && IsTrueAssignment(module, assignment))
            {
                var effect = setting.Text == "DEBUG_PROPAGATE_EXCEPTIONS"
                    ? "lets exceptions escape Django's error handling to the server, which may show their tracebacks to visitors"
                    : "shows detailed error pages with settings and source to every visitor";
                context.Report(this, assignment.Line, assignment.Line, $"`{setting.Text} = True` in Django settings {effect}; read it from the environment.");
            }
        }
    }

    /// <summary><c>app</c>/<c>application</c>, or a name bound to <c>Flask(...)</c> in this module.</summary>
    private static bool IsFlaskApp(PythonModule module, string receiver) =>
        receiver is "app" or "application" or "self.app"
        || module.Assignments.Any(assignment => assignment.Targets.Any(target => string.Equals(target.Text, receiver, StringComparison.Ordinal))
            && module.Values.Of(assignment) is PyCall { Function.DottedName: { } constructor }
            && (constructor == "Flask" || constructor.EndsWith(".Flask", StringComparison.Ordinal)));

    /// <summary><c>app.config.update({"DEBUG": True})</c>, <c>app.config.update(dict(DEBUG=True))</c>.</summary>
    private static bool DebugEntry(PythonModule module, PythonCall call) =>
        call.Positional is [var only] && module.Values.Of(only) switch
        {
            PyDisplay { Kind: PyDisplayKind.Dict } dict => dict.ValueOf("DEBUG") is PyConstant { Text: "True" },
            PyCall { Function: PyName { Id: "dict" } } built => built.Keyword("DEBUG") is PyConstant { Text: "True" },
            _ => false,
        };

    /// <summary><c>app.config["DEBUG"]</c>, <c>self.app.config['DEBUG']</c>.</summary>
    private static bool IsConfigDebugKey(string target)
    {
        var open = target.LastIndexOf('[');
        return open > 0 && target[..open].EndsWith(".config", StringComparison.Ordinal) && target[(open + 1)..].TrimEnd(']').Trim() is "\"DEBUG\"" or "'DEBUG'";
    }

    private static bool IsTrueAssignment(PythonModule module, PythonAssignment assignment) =>
        !assignment.IsAugmented && module.Values.Of(assignment) is PyConstant { Text: "True" };
}
