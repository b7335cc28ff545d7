using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security.Sinks;

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
        var tainted = PythonTaintRule.ReportTainted(this, context, PythonSinks.Code, sink => $"`{sink.Call.Callee}` runs code built from {PythonTaintRule.Origin(sink.Source)}; whoever sends it runs their code on the server.");
        var module = context.Module;
        var shadowed = module.Definitions.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in module.Calls)
        {
            if (tainted.Contains(call.Line) || shadowed.Contains(call.Callee) || !Functions.Contains(module.Values.Resolve(call)))
            {
                continue;
            }

            var code = module.Values.Of(call)?.Argument(0, "source") ?? module.Values.Of(call)?.Keyword("expression");
            if (code is null || module.Values.IsConstant(code, call.Scope))
            {
                continue;
            }

            var text = call.Arguments.FirstOrDefault(argument => argument.Keyword is null or "source" or "expression")?.Text ?? call.Callee;
            context.Report(this, call.Line, call.Line, $"`{call.Name}` runs code built at run time (`{Shorten(text)}`); anyone who controls it can run arbitrary Python.");
        }
    }

    internal static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 40 ? single : single[..37] + "...";
    }
}
