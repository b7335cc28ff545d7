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

    private static readonly Lazy<IReadOnlyList<TextRule>> DiscoveredRules = new(RuleRunner.Discover<TextRule, TextRuleContext>);

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
        return RuleRunner.Run<TextRuleContext>(
            sources.Count,
            index => sources[index].Text.Length,
            rules,
            index => sources[index].Path,
            index => sources[index].OnlyRules,
            (index, sink) => new TextRuleContext(sources[index].Path, sources[index].Text, sources[index].ChangedLines, sources[index].Role, options, sink, ct),
            problems,
            ct);
    }
}
