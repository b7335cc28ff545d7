using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.TypeHints;

/// <summary>
/// Public functions that lack parameter or return annotations in a module that annotates other
/// functions: the inconsistency is the finding, so a module without any hints is not nagged.
/// </summary>
public sealed class PythonMissingTypeHintsRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/missing-type-hints",
        "Function without type hints in an annotated module",
        Category.TypeHints,
        Severity.Note,
        "This module annotates its functions, so an unannotated public one is a hole in what type checkers verify and editors can tell readers.",
        "Annotate every parameter (except `self` and `cls`) and the return type; write `-> None` for functions that return nothing.");

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var functions = context.Module.Functions.ToList();
        var mode = context.Options.PythonTypeHints;
        if (mode == TypeHintsMode.Off || (mode == TypeHintsMode.InconsistentOnly && !functions.Any(IsAnnotated)))
        {
            return;
        }

        foreach (var function in functions)
        {
            var isInit = string.Equals(function.Name, "__init__", StringComparison.Ordinal);
            if ((!isInit && !PublicDefinitions.IsPublic(function)) || (isInit && !IsPublicScope(function)) || PublicDefinitions.IsTest(function) || function.HasDecorator("overload"))
            {
                continue;
            }

            var parameters = function.Parameters
                .Where(parameter => !parameter.IsSelfOrCls && parameter.Annotation is null)
                .Select(parameter => $"`{parameter.Name}`")
                .ToList();
            var missingReturn = !isInit && function.ReturnAnnotation is null;
            if (parameters.Count == 0 && !missingReturn)
            {
                continue;
            }

            var label = PublicDefinitions.Label(function);
            var what = (parameters.Count, missingReturn) switch
            {
                (0, _) => "no return annotation",
                (1, false) => $"no annotation for {parameters[0]}",
                (1, true) => $"no annotation for {parameters[0]} and no return annotation",
                (_, false) => $"no annotations for {string.Join(", ", parameters)}",
                _ => $"no annotations for {string.Join(", ", parameters)} and no return annotation",
            };
            context.Report(this, function.Line, function.Line, $"{label} `{function.Name}` has {what}.");
        }
    }

    private static bool IsAnnotated(PythonDefinition function) =>
        function.ReturnAnnotation is not null || function.Parameters.Any(parameter => parameter.Annotation is not null);

    /// <summary>An <c>__init__</c> counts when its class is public.</summary>
    private static bool IsPublicScope(PythonDefinition function) =>
        function.Parent is { Kind: PythonDefinitionKind.Class } owner && PublicDefinitions.IsPublic(owner);
}
