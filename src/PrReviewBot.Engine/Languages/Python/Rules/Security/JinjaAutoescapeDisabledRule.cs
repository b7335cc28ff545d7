using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

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
                var spread = call.Arguments.Where(argument => string.Equals(argument.Keyword, "**", StringComparison.Ordinal)).ToList();
                if (spread.Count == 0)
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}(...)` without `autoescape` leaves autoescaping off; pass `autoescape=select_autoescape()`.");
                }
                else if (spread.Count == 1 && OptionsLeaveAutoescapeOff(context.Module, spread[0], call) is var (options, setAt) && options is not null)
                {
                    // An explicit `'autoescape': False` in the dict and its use are one cause: one finding from the dict to the call.
                    context.Report(this, setAt ?? call.Line, call.Line, $"`{call.Callee}(**{options})` gets options that leave autoescaping off; set `'autoescape': select_autoescape()` in them.");
                }
            }
            else if (PythonSecurityHelpers.IsFalse(context.Module, autoescape) || IsFalsyConstant(context.Module, autoescape, call.Scope))
            {
                context.Report(this, call.Line, Math.Max(call.Line, autoescape.Line), $"`{call.Callee}(autoescape={autoescape.Text.Trim()})` renders values into HTML unescaped; pass `autoescape=select_autoescape()`.");
            }
        }

        ReportAutoescapeOptionOff(context);
    }

    /// <summary>
    /// <c>{'autoescape': False}</c> anywhere: Django's <c>TEMPLATES</c> <c>OPTIONS</c>, a Jinja options dict, a template
    /// context; whoever wrote it chose to render values unescaped.
    /// </summary>
    private void ReportAutoescapeOptionOff(PythonRuleContext context)
    {
        var module = context.Module;
        var source = module.Tokenization.Source;
        if (!source.Contains("autoescape", StringComparison.Ordinal))
        {
            return;
        }

        var tokens = module.Tokens;
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Kind == PythonTokenKind.StringLiteral && tokens[i].Text.Trim('"', '\'', 'u', 'r') == "autoescape"
                && tokens[i + 1].IsOp(":") && tokens[i + 2].IsName("False") && !context.Covers(this, tokens[i].Start.Line)
                && !(IsTemplateOptions(tokens, i) && !DjangoSettings.IsSettingsFile(context.Path)))
            {
                context.Report(this, tokens[i].Start.Line, tokens[i + 2].Start.Line,
                    "`'autoescape': False` renders every value of the templates unescaped; leave autoescaping on and mark the few trusted values safe.");
            }
        }
    }

    /// <summary>The key opens the <c>'OPTIONS'</c> of a <c>TEMPLATES</c> entry: outside a settings module that is only data.</summary>
    private static bool IsTemplateOptions(IReadOnlyList<PythonToken> tokens, int key)
    {
        for (var i = key - 1; i >= 2 && key - i < 40; i--)
        {
            if (tokens[i].IsOp("{"))
            {
                return tokens[i - 1].IsOp(":") && tokens[i - 2].Kind == PythonTokenKind.StringLiteral && tokens[i - 2].Text.Trim('"', '\'') == "OPTIONS";
            }
        }

        return false;
    }

    /// <summary>The name of a <c>**options</c> dict whose last value, fixed in this module, has no <c>autoescape</c> key or sets it false.</summary>
    private static (string? Name, int? SetAt) OptionsLeaveAutoescapeOff(PythonModule module, PythonArgument spread, PythonCall call)
    {
        if (module.Values.Of(spread) is not PyName { Id: var name })
        {
            return default;
        }

        var assignment = module.Values.AssignmentsVisible(name, call.Scope, call.Line).LastOrDefault(candidate => candidate.Line < call.Line);
        if (assignment is null || assignment.IsAugmented || module.Values.Of(assignment) is not PyDisplay { Kind: PyDisplayKind.Dict } options
            || module.Calls.Any(other => other.Line > assignment.Line && other.Line < call.Line && other.Callee.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            return default;
        }

        var keys = options.Keys.Select(key => key is null ? null : module.Values.ConstantString(key, call.Scope)).ToList();
        if (keys.Any(key => key is null))
        {
            return default;
        }

        var index = keys.IndexOf("autoescape");
        return index < 0 ? (name, null)
            : options.Items[index] is PyConstant { Text: "False" or "None" } ? (name, assignment.Line)
            : default;
    }

    private static bool IsFalsyConstant(PythonModule module, PythonArgument argument, PythonDefinition? scope) =>
        module.Values.Of(argument) is PyName name && module.Values.ConstantString(name, scope) is "" or "0" or "False";
}
