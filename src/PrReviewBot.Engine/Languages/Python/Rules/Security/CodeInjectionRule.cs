using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary><c>eval</c>, <c>exec</c> or <c>compile</c> of something other than a plain string literal.</summary>
public sealed class CodeInjectionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/code-injection",
        "eval/exec of non-constant code",
        Category.Security,
        Severity.Error,
        "Evaluating a string built at run time runs whatever code whoever controls that string wrote, with the full rights of the process.",
        "Parse data with `ast.literal_eval` or `json.loads`, or dispatch through an explicit mapping of allowed operations instead of evaluating code.");

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "eval", "exec", "compile", "builtins.eval", "builtins.exec", "builtins.compile",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shadowed = context.Module.Definitions.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in context.Module.Calls)
        {
            if (shadowed.Contains(call.Callee))
            {
                continue;
            }

            var resolved = PythonSecurityHelpers.Resolved(context.Module, call);
            if (!Functions.Contains(resolved))
            {
                continue;
            }

            var positional = call.Positional;
            var code = positional.Count > 0 ? positional[0] : call.Keyword("source") ?? call.Keyword("expression");
            if (code is null || PythonSecurityHelpers.IsConstant(code))
            {
                continue;
            }

            context.Report(this, call.Line, call.Line, $"`{call.Name}` runs code built at run time (`{Shorten(code.Text)}`); anyone who controls it can run arbitrary Python.");
        }
    }

    internal static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 40 ? single : single[..37] + "...";
    }
}
