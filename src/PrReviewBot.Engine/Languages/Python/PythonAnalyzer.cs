using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>Models each changed Python file (never running Python) and runs every Python rule on it.</summary>
public sealed class PythonAnalyzer
{
    private static readonly Lazy<IReadOnlyList<PythonRule>> DiscoveredRules = new(RuleRunner.Discover<PythonRule, PythonRuleContext>);

    public PythonAnalyzer(IEnumerable<PythonRule>? rules = null)
    {
        Rules = rules?.ToArray() ?? DiscoveredRules.Value;
    }

    /// <summary>Every concrete <see cref="PythonRule"/> in this assembly, ordered by id.</summary>
    public static IReadOnlyList<PythonRule> AllRules => DiscoveredRules.Value;

    public IReadOnlyList<PythonRule> Rules { get; }

    /// <summary>Analyses the sources; rule failures are reported through <paramref name="problems"/>, never thrown.</summary>
    public IReadOnlyList<RawFinding> Analyze(
        IReadOnlyList<PythonSourceFile> sources,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var rules = Rules.Where(rule => options.IsEnabled(rule.Descriptor)).ToArray();
        if (sources.Count == 0 || rules.Length == 0)
        {
            return [];
        }

        // Existing modules are analysed first, and teach the project's habits as they are modelled; the new modules,
        // the only ones judged by those habits, come after. Each module is modelled once, and let go once its rules ran.
        var isNew = sources.Select(source => source.ChangedLines.EveryLine || (source.HasFullContent && PythonRuleContext.IsWholeFileAdded(source.ChangedLines, source.Text))).ToArray();
        int[] existing = [.. Enumerable.Range(0, sources.Count).Where(index => !isNew[index])];
        int[] added = [.. Enumerable.Range(0, sources.Count).Where(index => isNew[index])];
        var evidence = new PythonHabitEvidence[sources.Count];
        var failures = new List<string>();
        var found = RuleRunner.Run(
            existing.Length,
            index => sources[existing[index]].Text.Length,
            rules,
            index => sources[existing[index]].Path,
            index => sources[existing[index]].OnlyRules,
            (index, sink) =>
            {
                var source = sources[existing[index]];
                var module = PythonModule.Parse(source.Text);
                if (PythonProjectHabits.Teaches(source))
                {
                    evidence[existing[index]] = PythonHabitEvidence.Of(module);
                }

                return new PythonRuleContext(source, module, PythonProjectHabits.Unknown, options, sink, cancellationToken);
            },
            failures,
            cancellationToken);
        var project = PythonProjectHabits.Learn(evidence);
        var foundInNew = RuleRunner.Run(
            added.Length,
            index => sources[added[index]].Text.Length,
            rules,
            index => sources[added[index]].Path,
            index => sources[added[index]].OnlyRules,
            (index, sink) => new PythonRuleContext(sources[added[index]], PythonModule.Parse(sources[added[index]].Text), project, options, sink, cancellationToken),
            failures,
            cancellationToken);

        // As one run would have named them: in order.
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            problems.Add(failure);
        }

        return [.. found, .. foundInNew];
    }
}
