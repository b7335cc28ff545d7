using System.Globalization;
using PrReviewBot.Engine.Findings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PrReviewBot.Engine.Configuration;

/// <summary>
/// Reads <c>.github/prreviewbot.yml</c> (or the CLI's <c>--config</c>) into <see cref="ReviewOptions"/>.
/// Unknown keys and bad values are errors that name the line, so a typo never silently does nothing.
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
/// </code>
/// </example>
public static class ReviewConfigurationFile
{
    public const string RepositoryPath = ".github/prreviewbot.yml";

    private static readonly string[] Keys = ["fail_on", "docs", "python_type_hints", "disabled_rules", "exclude", "max_file_size_kb", "max_examples_per_group"];

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
                "disabled_rules" => options with { DisabledRules = new HashSet<string>(Sequence(sourceName, key, valueNode), StringComparer.Ordinal) },
                "exclude" => options with { Exclude = ParseGlobs(Sequence(sourceName, key, valueNode), sourceName, valueNode) },
                "max_file_size_kb" => options with { MaxFileBytes = Positive(sourceName, key, valueNode) * 1024 },
                "max_examples_per_group" => options with { MaxExamplesPerGroup = Positive(sourceName, key, valueNode) },
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

    private static ConfigurationException Error(string sourceName, YamlNode? node, string message) =>
        new(node is null ? $"{sourceName}: {message}" : $"{sourceName}:{node.Start.Line}: {message}");
}
