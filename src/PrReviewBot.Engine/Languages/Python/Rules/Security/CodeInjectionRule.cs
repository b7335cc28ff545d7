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
        var shadowed = context.Module.Definitions.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var call in context.Module.Calls)
        {
            if (tainted.Contains(call.Line))
            {
                continue;
            }

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
            if (code is null || PythonSecurityHelpers.IsConstant(code) || IsFieldlessFString(code.Text)
                || (PythonSecurityHelpers.IsIdentifier(code.Text) && PythonSecurityHelpers.IsConstantName(context.Module, code.Text.Trim(), call.Line, call.Scope)))
            {
                continue;
            }

            context.Report(this, call.Line, call.Line, $"`{call.Name}` runs code built at run time (`{Shorten(code.Text)}`); anyone who controls it can run arbitrary Python.");
        }
    }

    /// <summary><c>f"x = 1"</c>: an f-string with no replacement fields (doubled braces are literal) is a constant.</summary>
    private static bool IsFieldlessFString(string text)
    {
        var trimmed = text.Trim();
        var prefixEnd = trimmed.IndexOfAny(['\'', '"']);
        if (prefixEnd is < 1 or > 2 || !trimmed[..prefixEnd].All(character => character is 'f' or 'F' or 'r' or 'R')
            || !trimmed[..prefixEnd].Any(character => character is 'f' or 'F'))
        {
            return false;
        }

        var withoutFieldEscapes = trimmed.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal);
        if (withoutFieldEscapes.Contains('{', StringComparison.Ordinal))
        {
            return false;
        }

        return PythonSecurityHelpers.IsPlainStringLiteral(trimmed[prefixEnd..]);
    }

    internal static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ").Trim();
        return single.Length <= 40 ? single : single[..37] + "...";
    }
}
