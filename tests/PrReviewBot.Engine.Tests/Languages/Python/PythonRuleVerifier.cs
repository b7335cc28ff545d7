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
    /// <summary>Asserts that the rule reports a finding starting on each marked line and nowhere else.</summary>
    public static IReadOnlyList<RawFinding> Verify<TRule>(string markedSource, ReviewOptions? options = null, string path = "pkg/module.py", bool hasFullContent = true, ChangedLines? changedLines = null)
        where TRule : PythonRule, new()
    {
        var (source, expectedLines) = Unmark(markedSource);
        var findings = Run<TRule>(source, options, path, hasFullContent, changedLines);
        var actualLines = findings.Select(finding => finding.StartLine).Distinct().Order().ToArray();
        Assert.True(
            expectedLines.SequenceEqual(actualLines),
            $"expected findings on lines [{string.Join(", ", expectedLines)}] but got [{string.Join(", ", actualLines)}]:\n"
            + string.Join("\n", findings.Select(finding => $"  {finding.StartLine}: {finding.Message}")));
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

        // As the engine does: only findings that touch a line the change added are the change's.
        return [.. findings.Where(finding => changed.TouchesAdded(finding.StartLine, finding.EndLine)).OrderBy(finding => finding.StartLine)];
    }

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
