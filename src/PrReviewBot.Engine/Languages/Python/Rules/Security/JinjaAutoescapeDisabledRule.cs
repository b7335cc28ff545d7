using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>A Jinja2 <c>Environment</c> created with autoescaping off (explicitly or by default).</summary>
public sealed class JinjaAutoescapeDisabledRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/jinja-autoescape-disabled",
        "Jinja2 autoescaping disabled",
        Category.Security,
        Severity.Error,
        "Without autoescaping every value rendered into an HTML template is inserted raw, so user input containing markup becomes cross-site scripting.",
        "Create the environment with `autoescape=select_autoescape([\"html\", \"xml\"])` (or `autoescape=True`).");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var call in context.Module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(context.Module, call);
            if (resolved is not ("jinja2.Environment" or "jinja2.environment.Environment" or "jinja2.sandbox.SandboxedEnvironment"))
            {
                continue;
            }

            var autoescape = call.Keyword("autoescape");
            if (autoescape is null)
            {
                if (call.Arguments.Any(argument => string.Equals(argument.Keyword, "**", StringComparison.Ordinal)))
                {
                    continue;
                }

                context.Report(this, call.Line, call.Line, $"`{call.Callee}(...)` without `autoescape` leaves autoescaping off; pass `autoescape=select_autoescape()`.");
            }
            else if (PythonSecurityHelpers.IsFalse(context.Module, autoescape))
            {
                context.Report(this, call.Line, Math.Max(call.Line, autoescape.Line), $"`{call.Callee}(autoescape={autoescape.Text.Trim()})` renders values into HTML unescaped; pass `autoescape=select_autoescape()`.");
            }
        }
    }
}
