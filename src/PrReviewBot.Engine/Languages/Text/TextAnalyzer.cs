using System.Collections.Concurrent;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text;

/// <summary>Runs every text rule on every changed text file, whatever its language.</summary>
public sealed class TextAnalyzer
{
    public TextAnalyzer(IEnumerable<TextRule>? rules = null)
    {
        Rules = rules?.ToArray() ?? DiscoveredRules.Value;
    }

    /// <summary>Every concrete <see cref="TextRule"/> in this assembly, ordered by id.</summary>
    public static IReadOnlyList<TextRule> AllRules => DiscoveredRules.Value;

    public IReadOnlyList<TextRule> Rules { get; }

    private static readonly Lazy<IReadOnlyList<TextRule>> DiscoveredRules = new(() =>
        [.. typeof(TextRule).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(TextRule)) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .Select(type => (TextRule)Activator.CreateInstance(type)!)
            .OrderBy(rule => rule.Descriptor.Id, StringComparer.Ordinal)]);

    /// <summary>Analyses the sources; rule failures are reported through <paramref name="problems"/>, never thrown.</summary>
    public IReadOnlyList<RawFinding> Analyze(
        IReadOnlyList<TextSource> sources,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (sources.Count == 0)
        {
            return [];
        }

        var rules = Rules.Where(rule => options.IsEnabled(rule.Descriptor)).ToArray();
        var results = new ConcurrentBag<RawFinding>();
        var failures = new ConcurrentBag<string>();
        Parallel.For(0, sources.Count, new ParallelOptions { CancellationToken = ct }, index =>
        {
            var source = sources[index];
            var sink = new List<RawFinding>();
            var context = new TextRuleContext(source.Path, source.Text, source.ChangedLines, options, sink, ct);
            foreach (var rule in rules)
            {
                try
                {
                    rule.Analyze(context);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One broken rule must not cost the whole review; the coverage footer names it.
                    failures.Add($"{rule.Descriptor.Id} failed on {source.Path}: {exception.GetType().Name}");
                }
            }

            foreach (var finding in sink)
            {
                results.Add(finding);
            }
        });

        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            problems.Add(failure);
        }

        return [.. results];
    }
}
