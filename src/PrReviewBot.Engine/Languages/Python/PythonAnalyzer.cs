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

        // Modules are modelled first: a new module follows the habits of the existing ones beside it.
        var modules = new PythonModule[sources.Count];
        Parallel.For(0, sources.Count, new ParallelOptions { CancellationToken = cancellationToken }, index => modules[index] = PythonModule.Parse(sources[index].Text));
        var project = PythonProjectHabits.Learn(sources, modules);
        return RuleRunner.Run<PythonRuleContext>(
            sources.Count,
            rules,
            (index, sink) => (sources[index].Path, new PythonRuleContext(sources[index], modules[index], project, options, sink, cancellationToken)),
            problems,
            cancellationToken);
    }
}
