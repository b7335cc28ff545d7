using System.Text;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Tests.Languages;

/// <summary>
/// A snippet whose expected findings are marked inline with <c>[|…|]</c>, in the manner of Roslyn's analyzer
/// tests: each marker is one finding, from the line its <c>[|</c> is on to the line its <c>|]</c> is on.
/// </summary>
internal sealed record MarkedSource(string Source, IReadOnlyList<MarkedSpan> Spans)
{
    /// <summary>The 1-based lines where the marked findings start (a line twice when two findings start on it).</summary>
    public int[] Lines => [.. Spans.Select(span => span.StartLine)];

    /// <summary>Removes the markers and records the lines each one spans.</summary>
    public static MarkedSource Parse(string markedSource)
    {
        ArgumentNullException.ThrowIfNull(markedSource);
        var builder = new StringBuilder(markedSource.Length);
        var spans = new List<MarkedSpan>();
        var open = new Stack<int>();
        var line = 1;
        for (var index = 0; index < markedSource.Length; index++)
        {
            if (string.CompareOrdinal(markedSource, index, "[|", 0, 2) == 0)
            {
                open.Push(line);
                index++;
                continue;
            }

            if (string.CompareOrdinal(markedSource, index, "|]", 0, 2) == 0)
            {
                Assert.True(open.Count > 0, $"'|]' on line {line} closes no '[|'");
                spans.Add(new MarkedSpan(open.Pop(), line));
                index++;
                continue;
            }

            if (markedSource[index] == '\n')
            {
                line++;
            }

            builder.Append(markedSource[index]);
        }

        Assert.True(open.Count == 0, $"'[|' on line {(open.Count > 0 ? open.Peek() : 0)} is never closed");
        return new MarkedSource(builder.ToString(), [.. spans.OrderBy(span => span.StartLine).ThenBy(span => span.EndLine)]);
    }

    /// <summary>
    /// Asserts that the rule reported exactly one finding per marker, on the marker's lines, and under its own id.
    /// </summary>
    public void AssertFound(IReadOnlyList<RawFinding> findings, string ruleId)
    {
        var expected = Shown(Spans);
        var actual = Shown(findings.Select(finding => new MarkedSpan(finding.StartLine, finding.EndLine)));
        Assert.True(
            expected == actual,
            $"expected findings on lines [{expected}] but got [{actual}]:\n"
            + string.Join("\n", findings.Select(finding => $"  {finding.StartLine}-{finding.EndLine} {finding.Rule.Id}: {finding.Message}")));
        Assert.All(findings, finding => Assert.Equal(ruleId, finding.Rule.Id));
    }

    private static string Shown(IEnumerable<MarkedSpan> spans) =>
        string.Join(", ", spans.OrderBy(span => span.StartLine).ThenBy(span => span.EndLine).Select(span => span.ToString()));
}

/// <summary>The 1-based first and last line of a marked (or reported) finding.</summary>
internal readonly record struct MarkedSpan(int StartLine, int EndLine)
{
    public override string ToString() => StartLine == EndLine ? $"{StartLine}" : $"{StartLine}-{EndLine}";
}
