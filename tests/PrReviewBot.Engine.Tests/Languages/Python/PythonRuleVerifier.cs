using System.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.Python;

namespace PrReviewBot.Engine.Tests.Languages.Python;

/// <summary>
/// Runs one Python rule over a snippet whose expected findings are marked inline with
/// <c>[|…|]</c>. The rule must report exactly the marked lines.
/// </summary>
internal static class PythonRuleVerifier
{
    /// <summary>Asserts that the rule reports one finding per marker, spanning the marker's lines, and nothing else.</summary>
    public static IReadOnlyList<RawFinding> Verify<TRule>(string markedSource, ReviewOptions? options = null, string path = "pkg/module.py", bool hasFullContent = true, ChangedLines? changedLines = null)
        where TRule : PythonRule, new()
    {
        var marked = MarkedSource.Parse(markedSource);
        var findings = Run<TRule>(marked.Source, options, path, hasFullContent, changedLines);
        marked.AssertFound(findings, new TRule().Descriptor.Id);
        return findings;
    }

    /// <summary>Asserts the rule reports nothing on the (unmarked) source.</summary>
    public static void VerifyNone<TRule>(string source, ReviewOptions? options = null, string path = "pkg/module.py", bool hasFullContent = true, ChangedLines? changedLines = null)
        where TRule : PythonRule, new()
    {
        var findings = Run<TRule>(source, options, path, hasFullContent, changedLines);
        Assert.True(findings.Count == 0, "expected no findings but got:\n" + string.Join("\n", findings.Select(finding => $"  {finding.StartLine}: {finding.Message}")));
    }

    /// <summary>Runs the rule (every line counted as added unless <paramref name="changedLines"/> says otherwise) and returns what it reported on added lines, ordered by line.</summary>
    public static IReadOnlyList<RawFinding> Run<TRule>(string source, ReviewOptions? options = null, string path = "pkg/module.py", bool hasFullContent = true, ChangedLines? changedLines = null)
        where TRule : PythonRule, new()
    {
        var analyzer = new PythonAnalyzer([new TRule()]);
        var problems = new List<string>();
        var changed = changedLines ?? ChangedLines.All;
        var findings = analyzer.Analyze([new PythonSourceFile(path, source, changed, hasFullContent) { Role = CodeRoles.Of(path, source) }], options ?? ReviewOptions.Default, problems);
        Assert.Empty(problems);
        AssertChangedCodeFindsTheSame(analyzer, source, options ?? ReviewOptions.Default, path, hasFullContent, changedLines);

        // As the engine does: only findings that touch a line the change added are the change's.
        return [.. findings.Where(finding => changed.TouchesAdded(finding.StartLine, finding.EndLine)).OrderBy(finding => finding.StartLine)];
    }

    /// <summary>
    /// Every snippet a rule test reviews is also reviewed as an edit of one line at a time (and as the edit the
    /// test gave), reading only the changed code and reading the whole file: the two must agree. Where the rule
    /// finds something on the added line, every finding must be the same, since the engine matches the ones on
    /// unchanged lines with the base version's.
    /// </summary>
    private static void AssertChangedCodeFindsTheSame(PythonAnalyzer analyzer, string source, ReviewOptions options, string path, bool hasFullContent, ChangedLines? changedLines)
    {
        var lineCount = source.Split('\n').Length;
        var edits = changedLines is { EveryLine: false } given ? [given] : Enumerable.Range(1, lineCount).Select(line => Added(lineCount, line));
        foreach (var edit in edits)
        {
            var file = new PythonSourceFile(path, source, edit, hasFullContent) { Role = CodeRoles.Of(path, source) };
            var wholeFindings = analyzer.Analyze([file], options with { Scope = AnalysisScope.WholeFiles }, []);
            var changedFindings = analyzer.Analyze([file], options with { Scope = AnalysisScope.ChangedCode }, []);
            var (whole, changed) = (Shown(wholeFindings), Shown(changedFindings));
            var wholeOnAdded = Shown(wholeFindings.Where(finding => edit.TouchesAdded(finding.StartLine, finding.EndLine)));
            var changedOnAdded = Shown(changedFindings.Where(finding => edit.TouchesAdded(finding.StartLine, finding.EndLine)));
            var added = string.Join(", ", edit.Added.Order());
            Assert.True(wholeOnAdded == changedOnAdded, $"with line {added} added, reading the changed code found\n{changedOnAdded}\nbut reading the whole file found\n{wholeOnAdded}");
            Assert.True(wholeOnAdded.Length == 0 || whole == changed, $"with line {added} added, reading the changed code found\n{changed}\nbut reading the whole file found\n{whole}");
        }
    }

    private static string Shown(IEnumerable<RawFinding> findings) => string.Join(
        "\n",
        findings.Select(finding => $"{finding.Rule.Id} {finding.StartLine}-{finding.EndLine} {finding.Severity} {finding.Scope} {finding.Message} {finding.Replacement}").Order(StringComparer.Ordinal));

    /// <summary>A change to an existing file that added only <paramref name="lines"/> (1-based); every other line is unchanged context.</summary>
    public static ChangedLines Added(int lineCount, params int[] lines)
    {
        var added = lines.ToHashSet();
        var diffLines = Enumerable.Range(1, lineCount)
            .Select(line => added.Contains(line)
                ? new DiffLine(DiffLineKind.Added, string.Empty, null, line)
                : new DiffLine(DiffLineKind.Context, string.Empty, line, line))
            .ToList();
        return ChangedLines.FromHunks([new Hunk(1, lineCount - added.Count, 1, lineCount, string.Empty, diffLines)]);
    }

    /// <summary>Removes <c>[|</c> and <c>|]</c> markers, as the C# verifier does.</summary>
    public static (string Source, int[] Lines) Unmark(string markedSource) => CSharp.CSharpRuleVerifier.Unmark(markedSource);
}
