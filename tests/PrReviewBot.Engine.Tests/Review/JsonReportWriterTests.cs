using System.Text.Json;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class JsonReportWriterTests
{
    [Fact]
    public void Writes_verdict_findings_and_coverage()
    {
        var engine = new ReviewEngine(new CSharpAnalyzer([new UnsafeLiteralRule()]));
        var result = engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("C.cs", "class C { string s = \"unsafe\"; }"), ChangedFile.WholeFile("a.txt", "x")], "deadbeef"));

        var json = JsonDocument.Parse(JsonReportWriter.Write(result, TimeSpan.FromMilliseconds(5))).RootElement;

        Assert.Equal(1, json.GetProperty("security").GetProperty("defects").GetInt32());
        Assert.Equal("deadbeef", json.GetProperty("commit").GetString());
        var finding = json.GetProperty("findings")[0];
        Assert.Equal("test/unsafe", finding.GetProperty("ruleId").GetString());
        Assert.Equal("security", finding.GetProperty("category").GetString());
        Assert.Equal(1, finding.GetProperty("startLine").GetInt32());
        Assert.Equal(20, finding.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal("a.txt", json.GetProperty("coverage").GetProperty("textOnly")[0].GetProperty("path").GetString());
    }
}
