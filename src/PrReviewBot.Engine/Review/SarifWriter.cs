using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// SARIF 2.1.0 with one run. Every result has <c>ruleId</c>, <c>level</c>, <c>message.text</c>,
/// a location whose <c>artifactLocation.uri</c> is relative to the reviewed root and whose
/// <c>region.startLine</c> is 1-based, and <c>properties.category</c>; rule metadata lives in
/// <c>tool.driver.rules</c>. Skipped files become tool execution notifications.
/// </summary>
public static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>
    /// The most results one run carries: GitHub code scanning rejects a run of more than 25,000. The most severe
    /// findings are kept, and a notification says how many were left out.
    /// </summary>
    public const int MaxResults = 20_000;

    public static string Write(ReviewResult result) => Write(result, MaxResults);

    internal static string Write(ReviewResult result, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kept = result.Findings.Count <= maxResults
            ? result.Findings
            : [.. result.Findings.Index().OrderByDescending(pair => pair.Item.Severity).ThenBy(pair => pair.Index).Take(maxResults).OrderBy(pair => pair.Index).Select(pair => pair.Item)];
        var rules = result.Rules
            .Concat(result.Findings.Select(finding => finding.Rule))
            .DistinctBy(rule => rule.Id)
            .OrderBy(rule => rule.Id, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("semanticVersion", ToolInfo.Version);
            json.WriteString("informationUri", ToolInfo.InformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", result.Coverage.Problems.Count == 0);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var skipped in result.Coverage.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("level", "note");
                json.WriteStartObject("message");
                json.WriteString("text", $"Not reviewed: {skipped.Reason}.");
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                WriteArtifact(json, skipped.Path);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (kept.Count < result.Findings.Count)
            {
                json.WriteStartObject();
                json.WriteString("level", "warning");
                json.WriteStartObject("message");
                json.WriteString("text", string.Create(CultureInfo.InvariantCulture, $"{result.Findings.Count - kept.Count:N0} of {result.Findings.Count:N0} results were left out, the least severe first: GitHub code scanning takes at most 25,000 results per run. The markdown or JSON report lists them all."));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            foreach (var problem in result.Coverage.Problems)
            {
                json.WriteStartObject();
                json.WriteString("level", "error");
                json.WriteStartObject("message");
                json.WriteString("text", problem);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            foreach (var finding in kept)
            {
                WriteResult(json, finding, ruleIndex[finding.Rule.Id]);
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalName(rule.Id));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", rule.Why);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", $"{rule.Why} {rule.Fix}");
        json.WriteString("markdown", $"**{rule.Title}**\n\n{rule.Why}\n\n**Fix:** {rule.Fix}");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", rule.Severity.Slug());
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", rule.Category.Slug());
        json.WriteStartArray("tags");
        json.WriteStringValue(rule.Category.Slug());
        if (rule.Category != Category.Security)
        {
            json.WriteStringValue("maintainability");
        }

        json.WriteEndArray();
        if (rule.Category == Category.Security)
        {
            // GitHub code scanning ranks security alerts by this score (0.1–10).
            json.WriteString("security-severity", rule.Severity switch
            {
                Severity.Error => "8.0",
                Severity.Warning => "5.0",
                _ => "3.0",
            });
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", finding.Severity.Slug());
        json.WriteStartObject("message");
        json.WriteString("text", finding.Message);
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, finding.Path);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.StartLine);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("prreviewbot/v1", finding.Fingerprint);
        json.WriteEndObject();
        if (finding.Replacement is { } replacement)
        {
            WriteFix(json, finding, replacement);
        }

        json.WriteStartObject("properties");
        json.WriteString("category", finding.Category.Slug());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFix(Utf8JsonWriter json, Finding finding, string replacement)
    {
        json.WriteStartArray("fixes");
        json.WriteStartObject();
        json.WriteStartObject("description");
        json.WriteString("text", finding.Rule.Fix);
        json.WriteEndObject();
        json.WriteStartArray("artifactChanges");
        json.WriteStartObject();
        WriteArtifact(json, finding.Path);
        json.WriteStartArray("replacements");
        json.WriteStartObject();
        json.WriteStartObject("deletedRegion");
        json.WriteNumber("startLine", finding.StartLine);
        json.WriteNumber("startColumn", 1);
        json.WriteNumber("endLine", finding.EndLine + 1);
        json.WriteNumber("endColumn", 1);
        json.WriteEndObject();
        json.WriteStartObject("insertedContent");
        json.WriteString("text", replacement.Length == 0 ? string.Empty : replacement + "\n");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", RelativeUri(path));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
    }

    /// <summary>A relative URI reference: each segment percent-encoded, slashes kept.</summary>
    internal static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string PascalName(string id)
    {
        var builder = new StringBuilder();
        foreach (var part in id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..].Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }

        return builder.ToString();
    }
}
