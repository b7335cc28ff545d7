using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.TypeHints;

/// <summary>
/// Public functions that lack parameter or return annotations. By default only where the module
/// annotates its functions (learnt from the functions the change did not write), so an untyped
/// module is not nagged; the finding covers the signature, so a function whose body alone changed
/// is not blamed.
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
        var mode = context.Options.PythonTypeHints;
        if (mode == TypeHintsMode.Off || context.Role != CodeRole.Product)
        {
            return;
        }

        var module = context.Module;
        static bool Judged(PythonDefinition function) =>
            function.Kind == PythonDefinitionKind.Function && !PublicDefinitions.IsTest(function) && !function.HasDecorator("overload");

        // A finding lies on the signature of a changed function; the module's habit is learnt from all of them, once one may be reported.
        var changed = context.ChangedDefinitions.Where(Judged)
            .Select(function => (Function: function, Missing: Missing(module, function, mode)))
            .Where(candidate => candidate.Missing is not null)
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var functions = module.Functions.Where(Judged).ToList();
        var signatures = functions.ToDictionary(function => function, function => DefinitionShapes.SignatureEndLine(module, function));
        if (mode == TypeHintsMode.InconsistentOnly && !AnnotatesItsFunctions(context, functions, signatures))
        {
            return;
        }

        foreach (var (function, missing) in changed)
        {
            var (parameters, missingReturn) = missing!.Value;
            var label = PublicDefinitions.Label(function);
            var what = (parameters.Count, missingReturn) switch
            {
                (0, _) => "no return annotation",
                (1, false) => $"no annotation for {parameters[0]}",
                (1, true) => $"no annotation for {parameters[0]} and no return annotation",
                (_, false) => $"no annotations for {string.Join(", ", parameters)}",
                _ => $"no annotations for {string.Join(", ", parameters)} and no return annotation",
            };

            // The signature is the code at fault: a change to the body alone touches none of its lines.
            context.Report(this, function.Line, signatures[function], $"{label} `{function.Name}` has {what}.");
        }
    }

    /// <summary>What a function that should be typed leaves unannotated, or null when it is not judged or lacks nothing.</summary>
    private static (List<string> Parameters, bool MissingReturn)? Missing(PythonModule module, PythonDefinition function, TypeHintsMode mode)
    {
        var isInit = string.Equals(function.Name, "__init__", StringComparison.Ordinal);

        // An override takes its types from the method it overrides (type checkers such as pyright infer them from there).
        if ((!isInit && !PublicDefinitions.IsPublic(function)) || (isInit && !IsPublicScope(function)) || (!isInit && Overrides.TakesItsName(module, function))
            || (mode == TypeHintsMode.InconsistentOnly && !isInit && MayOverrideAnImportedBase(module, function)))
        {
            return null;
        }

        var parameters = function.Parameters
            .Where(parameter => !parameter.IsSelfOrCls && parameter.Annotation is null && !parameter.Name.StartsWith('_')
                && parameter.Kind is not (PythonParameterKind.VarPositional or PythonParameterKind.VarKeyword))
            .Select(parameter => $"`{parameter.Name}`")
            .ToList();
        var missingReturn = !isInit && function.ReturnAnnotation is null;
        return parameters.Count == 0 && !missingReturn ? null : (parameters, missingReturn);
    }

    /// <summary>
    /// The module's habit, learnt from the functions whose signatures the change did not touch: annotated
    /// when at least half of them are. With none to learn from, one annotated function sets the bar; a
    /// new module without one follows the project's existing modules in the change, and where there are
    /// none, today's convention for new Python code (annotate public functions).
    /// </summary>
    private static bool AnnotatesItsFunctions(PythonRuleContext context, List<PythonDefinition> functions, Dictionary<PythonDefinition, int> signatures)
    {
        var judged = functions.Where(HasSomethingToAnnotate).ToList();
        var existing = judged.Where(function => !context.ChangedLines.TouchesAdded(function.Line, signatures[function])).ToList();
        if (existing.Count > 0)
        {
            return existing.Count(function => function.IsAnnotated) * 2 >= existing.Count;
        }

        return judged.Any(function => function.IsAnnotated) || (context.IsNewFile && (context.Project.Annotates ?? true));
    }

    /// <summary><c>def close(self)</c> has only a return to annotate, and <c>__init__(self)</c> nothing: neither shows a habit.</summary>
    private static bool HasSomethingToAnnotate(PythonDefinition function) =>
        function.Parameters.Any(parameter => !parameter.IsSelfOrCls) || !string.Equals(function.Name, "__init__", StringComparison.Ordinal);

    /// <summary>A method of a class with an imported base may fill in that base's signature, which this module cannot see.</summary>
    private static bool MayOverrideAnImportedBase(PythonModule module, PythonDefinition function) =>
        function.IsMethod && function.Parent is { } owner && Overrides.HasExternalBase(module, owner);

    /// <summary>An <c>__init__</c> counts when its class is public.</summary>
    private static bool IsPublicScope(PythonDefinition function) =>
        function.Parent is { Kind: PythonDefinitionKind.Class } owner && PublicDefinitions.IsPublic(owner);
}
