using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using System.Text.Json;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class SarifWriterTests
{
    private static readonly ReviewEngine Engine = new(new CSharpAnalyzer([new UnsafeLiteralRule(), new UnderscoreLocalRule()]));

    private static JsonElement Sarif(params ChangedFile[] files) =>
        JsonDocument.Parse(SarifWriter.Write(Engine.Review(new PullRequestSnapshot(files)))).RootElement;

    [Fact]
    public void Every_result_carries_the_contract_fields()
    {
        var sarif = Sarif(ChangedFile.WholeFile("src/C.cs", "class C { void M() {\nvar my_x = \"unsafe\";\n} }"));

        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = Assert.Single(sarif.GetProperty("runs").EnumerateArray().ToArray());
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        foreach (var result in results)
        {
            Assert.False(string.IsNullOrEmpty(result.GetProperty("ruleId").GetString()));
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetProperty("text").GetString()));
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("src/C.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(2, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Contains(result.GetProperty("properties").GetProperty("category").GetString(), new[] { "security", "naming", "type-hints", "docs", "indentation", "imports", "comments" });
        }

        Assert.Equal("security", results[0].GetProperty("properties").GetProperty("category").GetString());
        Assert.Equal("naming", results[1].GetProperty("properties").GetProperty("category").GetString());
    }

    [Fact]
    public void Rule_metadata_lives_in_the_driver_and_results_point_at_it()
    {
        var sarif = Sarif(ChangedFile.WholeFile("C.cs", "class C { string s = \"unsafe\"; }"));

        var run = sarif.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
        var result = run.GetProperty("results")[0];
        var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
        Assert.Equal(result.GetProperty("ruleId").GetString(), rule.GetProperty("id").GetString());
        Assert.Equal("Unsafe literal", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("security", rule.GetProperty("properties").GetProperty("category").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
    }

    [Fact]
    public void Skipped_files_become_notifications_and_paths_are_uri_encoded()
    {
        var sarif = Sarif(new ChangedFile("img/a b.png", ChangeStatus.Added, [], IsBinary: true));

        var notification = sarif.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        Assert.Equal("Not reviewed: binary.", notification.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("img/a%20b.png", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
    }

    [Fact]
    public void Mechanical_fixes_are_sarif_fixes()
    {
        var sarif = Sarif(ChangedFile.WholeFile("C.cs", "class C { void M() {\nvar my_x = 1;\n} }"));

        var fix = sarif.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("fixes")[0];
        var replacement = fix.GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal(2, replacement.GetProperty("deletedRegion").GetProperty("startLine").GetInt32());
        Assert.Equal("var myx = 1;\n", replacement.GetProperty("insertedContent").GetProperty("text").GetString());
    }

    [Fact]
    public void A_run_over_the_cap_keeps_the_most_severe_results_and_says_how_many_were_left_out()
    {
        var review = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("src/C.cs", "class C { void M() {\nvar my_x = \"unsafe\";\nvar my_y = 1;\n} }")]));
        Assert.Equal(3, review.Findings.Count);
        var mostSevere = review.Findings.Max(finding => finding.Severity);

        var run = JsonDocument.Parse(SarifWriter.Write(review, maxResults: 1)).RootElement.GetProperty("runs")[0];

        var kept = Assert.Single(run.GetProperty("results").EnumerateArray().ToArray());
        Assert.Equal(mostSevere.Slug(), kept.GetProperty("level").GetString());
        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(note => note.GetProperty("message").GetProperty("text").GetString()).ToArray();
        Assert.Contains("2 of 3 results were left out, the least severe first: GitHub code scanning takes at most 25,000 results per run. The markdown or JSON report lists them all.", notes);
        Assert.True(SarifWriter.MaxResults < 25_000);
    }

    [Fact]
    public void The_tool_links_to_an_https_home_the_build_can_name()
    {
        var driver = Sarif(ChangedFile.WholeFile("src/C.cs", "class C { }")).GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");

        Assert.Equal(ToolInfo.InformationUri, driver.GetProperty("informationUri").GetString());
        Assert.Equal(Uri.UriSchemeHttps, new Uri(ToolInfo.InformationUri).Scheme);
    }
}
