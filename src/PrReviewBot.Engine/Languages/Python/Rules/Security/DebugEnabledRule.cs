using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>Flask's debugger switched on in <c>app.run</c>, or <c>DEBUG = True</c> in Django settings.</summary>
public sealed partial class DebugEnabledRule : PythonRule
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
                && PythonSecurityHelpers.IsTrue(call.Keyword("debug")))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(debug=True)` starts the interactive debugger, which lets anyone who can reach the server run code.");
            }
        }

        foreach (var call in module.Calls)
        {
            if (string.Equals(call.Name, "update", StringComparison.Ordinal) && call.Callee.EndsWith(".config.update", StringComparison.Ordinal)
                && PythonSecurityHelpers.IsTrue(call.Keyword("DEBUG")))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}(DEBUG=True)` turns on Flask's debug mode, whose debugger lets anyone who can reach the server run code.");
            }
        }

        foreach (var assignment in module.Assignments)
        {
            if (!assignment.IsAugmented && string.Equals(assignment.Value?.Trim(), "True", StringComparison.Ordinal)
                && assignment.Targets.Any(target => ConfigDebugKey().IsMatch(target.Text)))
            {
                context.Report(this, assignment.Line, assignment.Line, "`config[\"DEBUG\"] = True` turns on Flask's debug mode, whose debugger lets anyone who can reach the server run code.");
            }
        }

        var fileName = context.Path[(context.Path.LastIndexOf('/') + 1)..];
        var settingsLike = string.Equals(fileName, "settings.py", StringComparison.Ordinal)
            || context.Path.Contains("/settings/", StringComparison.Ordinal)
            || module.Assignments.Any(assignment => assignment.Scope is null && assignment.Targets.Any(target => string.Equals(target.Text, "INSTALLED_APPS", StringComparison.Ordinal)));
        if (!settingsLike)
        {
            return;
        }

        foreach (var assignment in module.Assignments)
        {
            if (assignment.Scope is null && !assignment.IsAugmented && string.Equals(assignment.Value?.Trim(), "True", StringComparison.Ordinal)
                && assignment.Targets.Any(target => target.Text is "DEBUG" or "TEMPLATE_DEBUG"))
            {
                context.Report(this, assignment.Line, assignment.Line, "`DEBUG = True` in Django settings shows detailed error pages with settings and source to every visitor; read it from the environment.");
            }
        }
    }

    [GeneratedRegex("""\.config\s*\[\s*['"]DEBUG['"]\s*\]$""")]
    private static partial Regex ConfigDebugKey();
}
