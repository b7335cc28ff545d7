using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// The review as JSON for scripts: verdict, findings (with fingerprints and suggested
/// replacements), rules and coverage. Field names are camelCase and stable.
/// </summary>
public static class JsonReportWriter
{
    public static string Write(ReviewResult result, TimeSpan? engineTime = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "PrReviewBot");
            json.WriteString("version", ToolInfo.Version);
            if (result.HeadCommit is { } commit)
            {
                json.WriteString("commit", commit);
            }

            json.WriteStartObject("security");
            json.WriteNumber("defects", result.Security.Count());
            json.WriteBoolean("complete", result.SecurityComplete);
            json.WriteEndObject();

            json.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();

            json.WriteStartObject("coverage");
            json.WriteStartArray("reviewed");
            foreach (var file in result.Coverage.Reviewed)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("language", file.Language.DisplayName());
                json.WriteNumber("addedLines", file.AddedLines);
                json.WriteBoolean("wholeFile", file.WholeFile);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("textOnly");
            foreach (var file in result.Coverage.TextOnly)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteNumber("addedLines", file.AddedLines);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var file in result.Coverage.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("reason", file.Reason);
                json.WriteBoolean("chosen", file.Chosen);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var problem in result.Coverage.Problems)
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();
            json.WriteStartArray("baseMissing");
            foreach (var path in result.Coverage.BaseMissing)
            {
                json.WriteStringValue(path);
            }

            json.WriteEndArray();
            if (engineTime is { } time)
            {
                json.WriteNumber("engineMilliseconds", Math.Round(time.TotalMilliseconds, 1));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteString("category", finding.Category.Slug());
        json.WriteString("severity", finding.Severity.Slug());
        json.WriteString("path", finding.Path);
        json.WriteNumber("startLine", finding.StartLine);
        json.WriteNumber("endLine", finding.EndLine);
        json.WriteString("message", finding.Message);
        json.WriteString("title", finding.Rule.Title);
        json.WriteString("why", finding.Rule.Why);
        json.WriteString("fix", finding.Rule.Fix);
        json.WriteString("fingerprint", finding.Fingerprint);
        if (finding.Replacement is { } replacement)
        {
            json.WriteString("replacement", replacement);
        }

        json.WriteEndObject();
    }
}
