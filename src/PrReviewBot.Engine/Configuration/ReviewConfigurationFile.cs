using System.Globalization;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Engine.Configuration;

/// <summary>
/// Reads <c>.github/prreviewbot.yml</c> (or the CLI's <c>--config</c>) into <see cref="ReviewOptions"/>.
/// Unknown keys, unknown rule ids and bad values are errors that name the line, so a typo never
/// silently does nothing.
/// </summary>
/// <example>
/// <code>
/// fail_on: warning            # error | warning | note | none
/// docs: always                # auto | always | off
/// python_type_hints: all      # off | inconsistent-only | all
/// disabled_rules: [cs/missing-xml-docs]
/// exclude: ["**/Migrations/**", "*.generated.cs"]
/// max_file_size_kb: 512
/// max_examples_per_group: 5
/// max_inline_comments: 20
/// </code>
/// </example>
public static class ReviewConfigurationFile
{
    public const string RepositoryPath = ".github/prreviewbot.yml";

    private static readonly string[] Keys = ["fail_on", "docs", "python_type_hints", "disabled_rules", "exclude", "max_file_size_kb", "max_examples_per_group", "max_inline_comments"];

    private static readonly Lazy<IReadOnlySet<string>> EngineRuleIds = new(() => new HashSet<string>(
        CSharpAnalyzer.AllRules.Select(rule => rule.Descriptor.Id)
            .Concat(PythonAnalyzer.AllRules.Select(rule => rule.Descriptor.Id))
            .Concat(TextAnalyzer.AllRules.Select(rule => rule.Descriptor.Id)),
        StringComparer.Ordinal));

    /// <summary>Every rule id the engine knows: the only ids <c>disabled_rules</c> may name.</summary>
    public static IReadOnlySet<string> KnownRuleIds => EngineRuleIds.Value;

    public static ReviewOptions Parse(string yaml, string sourceName, ReviewOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var options = defaults ?? ReviewOptions.Default;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            throw new ConfigurationException($"{sourceName}:{exception.Start.Line}: invalid YAML: {exception.InnerException?.Message ?? exception.Message}", exception);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return options;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(sourceName, stream.Documents[0].RootNode, "expected a mapping of settings at the top level");
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            options = key switch
            {
                "fail_on" => options with { FailOn = ParseFailOn(Scalar(sourceName, key, valueNode), sourceName, valueNode) },
                "docs" => options with { Docs = ParseDocs(Scalar(sourceName, key, valueNode), sourceName, valueNode) },
                "python_type_hints" => options with { PythonTypeHints = ParseTypeHints(Scalar(sourceName, key, valueNode), sourceName, valueNode) },
                "disabled_rules" => options with { DisabledRules = ParseRuleIds(sourceName, key, valueNode) },
                "exclude" => options with { Exclude = ParseGlobs(Sequence(sourceName, key, valueNode), sourceName, valueNode) },
                "max_file_size_kb" => options with { MaxFileBytes = Positive(sourceName, key, valueNode) * 1024 },
                "max_examples_per_group" => options with { MaxExamplesPerGroup = Positive(sourceName, key, valueNode) },
                "max_inline_comments" => options with { MaxInlineComments = NotNegative(sourceName, key, valueNode) },
                _ => throw Error(sourceName, keyNode, $"unknown setting '{key}' (known: {string.Join(", ", Keys)})"),
            };
        }

        return options;
    }

    public static Severity? ParseFailOn(string value, string sourceName, YamlNode? node = null) => value.ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "note" => Severity.Note,
        "none" => null,
        _ => throw Error(sourceName, node, $"fail_on must be error, warning, note or none, not '{value}'"),
    };

    private static DocsMode ParseDocs(string value, string sourceName, YamlNode node) => value.ToLowerInvariant() switch
    {
        "auto" => DocsMode.Auto,
        "always" => DocsMode.Always,
        "off" => DocsMode.Off,
        _ => throw Error(sourceName, node, $"docs must be auto, always or off, not '{value}'"),
    };

    private static TypeHintsMode ParseTypeHints(string value, string sourceName, YamlNode node) => value.ToLowerInvariant() switch
    {
        "off" => TypeHintsMode.Off,
        "inconsistent-only" => TypeHintsMode.InconsistentOnly,
        "all" => TypeHintsMode.All,
        _ => throw Error(sourceName, node, $"python_type_hints must be off, inconsistent-only or all, not '{value}'"),
    };

    private static HashSet<string> ParseRuleIds(string sourceName, string key, YamlNode node)
    {
        List<YamlNode> items = node switch
        {
            YamlSequenceNode sequence => [.. sequence.Children],
            YamlScalarNode { Value: null or "" } => [],
            YamlScalarNode scalar => [scalar],
            _ => throw Error(sourceName, node, $"{key} must be a list"),
        };

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var id = Scalar(sourceName, key, item);
            if (!KnownRuleIds.Contains(id))
            {
                var hint = SimilarRuleIds(id) is { Count: > 0 } similar
                    ? $"; did you mean {string.Join(" or ", similar.Select(candidate => $"'{candidate}'"))}?"
                    : " (README.md lists the rules)";
                throw Error(sourceName, item, $"{key} names an unknown rule id '{id}'{hint}");
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>
    /// The ids a typo most likely meant: those the id names without its language prefix
    /// (<c>naming-convention</c>), else the one id a couple of edits away. Several equally close
    /// ids are a guess, so none is offered.
    /// </summary>
    private static List<string> SimilarRuleIds(string id)
    {
        var bare = id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var sameName = KnownRuleIds.Where(known => known.EndsWith("/" + bare, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        if (sameName.Count > 0)
        {
            return sameName;
        }

        var limit = Math.Max(2, id.Length / 5);
        var nearest = KnownRuleIds
            .Select(known => (Id: known, Distance: EditDistance(id.ToLowerInvariant(), known)))
            .Where(candidate => candidate.Distance <= limit)
            .GroupBy(candidate => candidate.Distance)
            .OrderBy(group => group.Key)
            .FirstOrDefault();
        return nearest is not null && nearest.Count() == 1 ? [nearest.First().Id] : [];
    }

    private static int EditDistance(string left, string right)
    {
        var previous = Enumerable.Range(0, right.Length + 1).ToArray();
        var current = new int[right.Length + 1];
        for (var i = 1; i <= left.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= right.Length; j++)
            {
                var substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[right.Length];
    }

    private static string[] ParseGlobs(IReadOnlyList<string> values, string sourceName, YamlNode node)
    {
        foreach (var value in values)
        {
            try
            {
                _ = new GlobPattern(value);
            }
            catch (ArgumentException exception)
            {
                throw Error(sourceName, node, $"exclude pattern '{value}' is not a valid glob: {exception.Message}");
            }
        }

        return [.. values];
    }

    private static string Scalar(string sourceName, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value.Trim() : throw Error(sourceName, node, $"{key} must be a single value");

    private static List<string> Sequence(string sourceName, string key, YamlNode node) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.Select(child => Scalar(sourceName, key, child))],
        YamlScalarNode { Value: null or "" } => [],
        YamlScalarNode scalar => [scalar.Value!.Trim()],
        _ => throw Error(sourceName, node, $"{key} must be a list"),
    };

    private static int Positive(string sourceName, string key, YamlNode node)
    {
        var text = Scalar(sourceName, key, node);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Error(sourceName, node, $"{key} must be a positive whole number, not '{text}'");
    }

    private static int NotNegative(string sourceName, string key, YamlNode node)
    {
        var text = Scalar(sourceName, key, node);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(sourceName, node, $"{key} must be a whole number (0 or more), not '{text}'");
    }

    private static ConfigurationException Error(string sourceName, YamlNode? node, string message) =>
        new(node is null ? $"{sourceName}: {message}" : $"{sourceName}:{node.Start.Line}: {message}");
}
