using PrReviewBot.Engine.Languages.Python.Rules;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// What the project's existing modules in the change do: whether they annotate their functions and
/// document their public API. A new module has no habits of its own, so it follows the project's;
/// where the change holds no existing module to learn from, the language's conventions are the bar.
/// </summary>
/// <param name="Annotates">Most functions of the existing modules are annotated; null when there is too little to tell.</param>
/// <param name="Documents">Most public definitions of the existing modules have docstrings; null when there is too little to tell.</param>
public sealed record PythonProjectHabits(bool? Annotates, bool? Documents)
{
    /// <summary>Fewer definitions than this say nothing about a project.</summary>
    private const int MinEvidence = 3;

    public static PythonProjectHabits Unknown { get; } = new(null, null);

    /// <summary>Learns the habits from the product modules that existed before the change.</summary>
    public static PythonProjectHabits Learn(IReadOnlyList<PythonSourceFile> sources, IReadOnlyList<PythonModule> modules)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(modules);
        int functions = 0, annotated = 0, publicDefinitions = 0, documented = 0;
        for (var index = 0; index < sources.Count; index++)
        {
            var source = sources[index];
            if (source.Role != CodeRole.Product || !source.HasFullContent || PythonRuleContext.IsWholeFileAdded(source.ChangedLines, source.Text))
            {
                continue;
            }

            foreach (var definition in modules[index].Definitions.Where(definition => !PublicDefinitions.IsTest(definition)))
            {
                if (definition.Kind == PythonDefinitionKind.Function && definition.Parameters.Any(parameter => !parameter.IsSelfOrCls))
                {
                    functions++;
                    annotated += definition.IsAnnotated ? 1 : 0;
                }

                if (PublicDefinitions.IsPublic(definition))
                {
                    publicDefinitions++;
                    documented += definition.Docstring is not null ? 1 : 0;
                }
            }
        }

        return new PythonProjectHabits(Habit(annotated, functions), Habit(documented, publicDefinitions));
    }

    private static bool? Habit(int following, int total) => total < MinEvidence ? null : following * 2 >= total;
}
