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

    /// <summary>Whether a file's definitions say something about the project: a product module that existed before the change.</summary>
    public static bool Teaches(PythonSourceFile source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Role == CodeRole.Product && source.HasFullContent && !PythonRuleContext.IsWholeFileAdded(source.ChangedLines, source.Text);
    }

    /// <summary>Learns the habits from the evidence of the modules that <see cref="Teaches"/>.</summary>
    public static PythonProjectHabits Learn(IEnumerable<PythonHabitEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var total = evidence.Aggregate(default(PythonHabitEvidence), (sum, next) => sum + next);
        return new PythonProjectHabits(Habit(total.Annotated, total.Functions), Habit(total.Documented, total.Public));
    }

    private static bool? Habit(int following, int total) => total < MinEvidence ? null : following * 2 >= total;
}

/// <summary>One module's share of the evidence for <see cref="PythonProjectHabits"/>: its functions and public definitions, and how many follow each habit.</summary>
public readonly record struct PythonHabitEvidence(int Functions, int Annotated, int Public, int Documented)
{
    public static PythonHabitEvidence Of(PythonModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        int functions = 0, annotated = 0, publicDefinitions = 0, documented = 0;
        foreach (var definition in module.Definitions.Where(definition => !PublicDefinitions.IsTest(definition)))
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

        return new PythonHabitEvidence(functions, annotated, publicDefinitions, documented);
    }

    public static PythonHabitEvidence operator +(PythonHabitEvidence left, PythonHabitEvidence right) =>
        new(left.Functions + right.Functions, left.Annotated + right.Annotated, left.Public + right.Public, left.Documented + right.Documented);
}
