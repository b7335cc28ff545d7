using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Security;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// <c>float()</c>, <c>complex()</c> or <c>bool()</c> of text from the request: <c>float("nan")</c> passes every
/// comparison a check makes (<c>nan &lt; price</c> and <c>nan &gt;= price</c> are both false), <c>float("inf")</c>
/// outgrows every limit, and <c>bool("false")</c> is <c>True</c>.
/// </summary>
public sealed class NanInjectionRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/nan-injection",
        "Request text parsed with float/complex/bool",
        Category.Security,
        Severity.Warning,
        "`float()` accepts `nan` and `inf`: a NaN makes every comparison false, so price, limit and range checks let it through, and infinity breaks arithmetic. `bool()` of any non-empty text, `\"false\"` included, is `True`.",
        "Parse with `int()` or `decimal.Decimal` where a whole or exact number is meant, or reject non-finite values (`math.isfinite(x)`); read flags by comparing the text (`value == \"true\"`).");

    /// <summary>Calls around the parse that make the value finite or whole again: <c>int(float(x))</c>.</summary>
    private static readonly HashSet<string> Normalizing = new(StringComparer.Ordinal)
    {
        "int", "round", "bool", "str", "floor", "ceil", "isnan", "isfinite", "isinf", "Decimal",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var shadowed = module.Definitions.Select(definition => definition.Name).ToHashSet(StringComparer.Ordinal);
        var taint = PythonTaint.Of(module);
        foreach (var call in module.Calls)
        {
            if (call.Callee is not ("float" or "complex" or "bool") || shadowed.Contains(call.Callee) || call.Arguments.Count != 1
                || call.Arguments[0].Keyword is not null || module.Values.Resolve(call) != call.Callee || Wrapped(module, call)
                || ChecksFiniteness(module, call.Scope))
            {
                continue;
            }

            var argument = module.Values.Of(call.Arguments[0]);
            if (taint.SourceOf(argument, call.Scope, VulnerabilityFamily.NumberParsing) is not { Kind: TaintSourceKind.RequestData } source)
            {
                continue;
            }

            var text = $"`{call.Callee}({CodeInjectionRule.Shorten(call.Arguments[0].Text)})`";
            context.Report(this, call.Line, call.Line, call.Callee == "bool"
                ? $"{text} turns {PythonTaintRule.Origin(source)} into `True` for any non-empty text, `\"false\"` and `\"0\"` included; compare the text instead."
                : $"{text} parses {PythonTaintRule.Origin(source)}, which may be `nan` or `inf`: a NaN passes every comparison check. Reject non-finite values with `math.isfinite`, or parse with `int`/`Decimal`.");
        }
    }

    /// <summary>The parse is the argument of a call that makes it whole or tests it: <c>int(float(x))</c>, <c>math.isnan(float(x))</c>.</summary>
    private static bool Wrapped(PythonModule module, PythonCall call)
    {
        var tokens = module.Tokens;
        var first = call.FirstToken;
        return first >= 2 && tokens[first - 1].IsOp("(") && tokens[first - 2].Kind == PythonTokenKind.Name && Normalizing.Contains(tokens[first - 2].Text);
    }

    /// <summary>The function tests for NaN or infinity somewhere (<c>math.isfinite</c>, <c>value.lower() == "nan"</c>).</summary>
    private static bool ChecksFiniteness(PythonModule module, PythonDefinition? scope)
    {
        if (scope is null)
        {
            return false;
        }

        return module.Tokens.Any(token => token.Start.Line >= scope.Line && token.Start.Line <= scope.EndLine
            && ((token.Kind == PythonTokenKind.Name && token.Text is "isnan" or "isfinite" or "isinf")
                || (token.Kind == PythonTokenKind.StringLiteral && token.Text.Trim('"', '\'').ToLowerInvariant() is "nan" or "inf" or "infinity")));
    }
}
