using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;
using PrReviewBot.Engine.Tests.Review;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// Reviews a snippet of which only some lines were added, reading only the changed code and reading
/// the whole file, and asserts that both keep the same findings, as the engine keeps them: those that
/// touch an added line, and for whole-file style rules all of the file's findings when one does.
/// </summary>
internal static class ChangedCodeScope
{
    /// <summary>The findings the review keeps, the same under both scopes.</summary>
    public static IReadOnlyList<RawFinding> Kept<TRule>(string source, ChangedLines changedLines, EditorConfigSettings? editorConfig = null, CodeRole role = CodeRole.Product)
        where TRule : CSharpRule, new()
    {
        var changedCode = Kept<TRule>(source, changedLines, editorConfig, role, AnalysisScope.ChangedCode);
        var wholeFile = Kept<TRule>(source, changedLines, editorConfig, role, AnalysisScope.WholeFiles);
        Assert.Equal(Describe(wholeFile), Describe(changedCode));
        return changedCode;
    }

    /// <summary>
    /// Reviews a modified file with only this rule, as the engine does (comparing the findings with its base
    /// version's), under both scopes, and asserts the same findings.
    /// </summary>
    public static IReadOnlyList<Finding> Reviewed<TRule>(string before, string after)
        where TRule : CSharpRule, new()
    {
        var engine = new ReviewEngine(new CSharpAnalyzer([new TRule()]));
        var snapshot = new PullRequestSnapshot([BaseChanges.Modified("src/Sample.cs", before, after)]);
        var changedCode = engine.Review(snapshot, ReviewOptions.Default with { Scope = AnalysisScope.ChangedCode }).Findings;
        var wholeFile = engine.Review(snapshot, ReviewOptions.Default with { Scope = AnalysisScope.WholeFiles }).Findings;
        Assert.Equal(
            wholeFile.Select(finding => $"{finding.StartLine}-{finding.EndLine} {finding.Message}"),
            changedCode.Select(finding => $"{finding.StartLine}-{finding.EndLine} {finding.Message}"));
        return changedCode;
    }

    /// <summary>A change to an existing file that added only <paramref name="lines"/> (1-based); every other line is unchanged context.</summary>
    public static ChangedLines Added(string source, params int[] lines)
    {
        ArgumentNullException.ThrowIfNull(source);
        var texts = source.Split('\n');
        var added = lines.ToHashSet();
        var diffLines = Enumerable.Range(1, texts.Length)
            .Select(line => added.Contains(line)
                ? new DiffLine(DiffLineKind.Added, texts[line - 1], null, line)
                : new DiffLine(DiffLineKind.Context, texts[line - 1], line, line))
            .ToList();
        return ChangedLines.FromHunks([new Hunk(1, texts.Length - added.Count, 1, texts.Length, string.Empty, diffLines)]);
    }

    private static List<RawFinding> Kept<TRule>(string source, ChangedLines changedLines, EditorConfigSettings? editorConfig, CodeRole role, AnalysisScope scope)
        where TRule : CSharpRule, new()
    {
        var findings = CSharpRuleVerifier.Run<TRule>(source, ReviewOptions.Default with { Scope = scope }, editorConfig, changedLines: changedLines, role: role);
        var touching = findings.Where(finding => changedLines.TouchesAdded(finding.StartLine, finding.EndLine)).ToList();
        var judgesWholeFile = new TRule().Descriptor.JudgesWholeFile;
        return judgesWholeFile ? (touching.Count > 0 ? [.. findings] : []) : touching;
    }

    private static List<string> Describe(List<RawFinding> findings) =>
        [.. findings.Select(finding => $"{finding.StartLine}-{finding.EndLine} {finding.Message} [{finding.Replacement}]")];
}
