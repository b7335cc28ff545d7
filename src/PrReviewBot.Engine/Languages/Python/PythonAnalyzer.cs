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

    /// <summary>Characters of source whose models may wait for the rules at once (a model takes about twenty times its source).</summary>
    private const long KeptModelBudget = 8_000_000;

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

        // Existing modules are modelled first: a new module follows the habits of the existing ones beside it.
        // The models learnt from are kept for the rules up to a budget of source text; past it they are
        // modelled again when their turn comes, so memory stays bounded however large the change.
        int Size(int index) => sources[index].Text.Length;
        var modules = new PythonModule?[sources.Count];
        var evidence = new PythonHabitEvidence[sources.Count];
        var kept = 0L;
        FileParallelism.ForEach(
            sources.Count,
            Size,
            index =>
            {
                if (!PythonProjectHabits.Teaches(sources[index]))
                {
                    return;
                }

                var module = PythonModule.Parse(sources[index].Text);
                evidence[index] = PythonHabitEvidence.Of(module);
                if (Interlocked.Add(ref kept, Size(index)) <= KeptModelBudget)
                {
                    modules[index] = module;
                }
            },
            cancellationToken);
        var project = PythonProjectHabits.Learn(evidence);
        return RuleRunner.Run<PythonRuleContext>(
            sources.Count,
            Size,
            rules,
            (index, sink) =>
            {
                // The context is the module's last holder: once its rules ran, the module and its value layer can go.
                var module = modules[index] ?? PythonModule.Parse(sources[index].Text);
                modules[index] = null;
                return (sources[index].Path, new PythonRuleContext(sources[index], module, project, options, sink, cancellationToken));
            },
            problems,
            cancellationToken);
    }
}
