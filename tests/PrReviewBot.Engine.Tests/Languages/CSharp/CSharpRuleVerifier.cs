using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// Runs one rule over a snippet whose expected findings are marked inline with <c>[|…|]</c>,
/// in the manner of Roslyn's analyzer tests. The rule must report exactly the marked lines.
/// </summary>
internal static class CSharpRuleVerifier
{
    /// <summary>Asserts that the rule reports one finding per marker, spanning the marker's lines, and nothing else.</summary>
    public static IReadOnlyList<RawFinding> Verify<TRule>(
        string markedSource,
        ReviewOptions? options = null,
        EditorConfigSettings? editorConfig = null,
        string path = "src/Sample.cs",
        CSharpProjectFacts? project = null)
        where TRule : CSharpRule, new()
    {
        var marked = MarkedSource.Parse(markedSource);
        var findings = Run<TRule>(marked.Source, options, editorConfig, path, project: project);
        marked.AssertFound(findings, new TRule().Descriptor.Id);
        return findings;
    }

    /// <summary>Asserts the rule reports nothing on the (unmarked) source.</summary>
    public static void VerifyNone<TRule>(string source, ReviewOptions? options = null, EditorConfigSettings? editorConfig = null, CSharpProjectFacts? project = null)
        where TRule : CSharpRule, new()
    {
        var findings = Run<TRule>(source, options, editorConfig, "src/Sample.cs", project: project);
        Assert.True(findings.Count == 0, "expected no findings but got:\n" + string.Join("\n", findings.Select(finding => $"  {finding.StartLine}: {finding.Message}")));
    }

    /// <summary>Runs the rule with every line counted as changed and returns what it reported.</summary>
    public static IReadOnlyList<RawFinding> Run<TRule>(
        string source,
        ReviewOptions? options = null,
        EditorConfigSettings? editorConfig = null,
        string path = "src/Sample.cs",
        ChangedLines? changedLines = null,
        CodeRole role = CodeRole.Product,
        CSharpProjectFacts? project = null)
        where TRule : CSharpRule, new()
    {
        var analyzer = new CSharpAnalyzer([new TRule()]);
        var problems = new List<string>();
        var findings = analyzer.Analyze(
            [new CSharpSource(path, source, changedLines ?? ChangedLines.All, HasFullContent: true, editorConfig ?? EditorConfigSettings.None) { Role = role, Project = project ?? CSharpProjectFacts.Unknown }],
            options ?? ReviewOptions.Default,
            problems);
        Assert.Empty(problems);
        return [.. findings.OrderBy(finding => finding.StartLine)];
    }

    /// <summary>Removes <c>[|</c> and <c>|]</c> markers and returns the 1-based lines where each marked span starts.</summary>
    public static (string Source, int[] Lines) Unmark(string markedSource)
    {
        var marked = MarkedSource.Parse(markedSource);
        return (marked.Source, marked.Lines);
    }
}
