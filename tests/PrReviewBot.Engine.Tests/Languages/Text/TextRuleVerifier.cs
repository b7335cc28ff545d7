using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.Text;

/// <summary>
/// Runs one text rule over a file whose expected findings are marked inline with <c>[|…|]</c>.
/// The rule must report a finding starting on exactly the marked lines.
/// </summary>
internal static class TextRuleVerifier
{
    public static IReadOnlyList<RawFinding> Verify<TRule>(string markedText, string path)
        where TRule : TextRule, new()
    {
        var marked = MarkedSource.Parse(markedText);
        var findings = Run<TRule>(marked.Source, path);
        marked.AssertFound(findings, new TRule().Descriptor.Id);
        return findings;
    }

    public static void VerifyNone<TRule>(string text, string path)
        where TRule : TextRule, new()
    {
        var findings = Run<TRule>(text, path);
        Assert.True(findings.Count == 0, "expected no findings but got:\n" + string.Join("\n", findings.Select(finding => $"  {finding.StartLine}: {finding.Message}")));
    }

    /// <summary>Runs the rule with every line counted as changed and returns what it reported, ordered by line.</summary>
    public static IReadOnlyList<RawFinding> Run<TRule>(string text, string path, ChangedLines? changedLines = null)
        where TRule : TextRule, new()
    {
        var problems = new List<string>();
        var findings = new TextAnalyzer([new TRule()]).Analyze([new TextSource(path, text, changedLines ?? ChangedLines.All)], ReviewOptions.Default, problems);
        Assert.Empty(problems);
        return [.. findings.OrderBy(finding => finding.StartLine)];
    }
}
