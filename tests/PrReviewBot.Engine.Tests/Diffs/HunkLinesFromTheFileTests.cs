using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Tests.Diffs;

/// <summary>
/// A changed file given with its new text reads the texts of its context and added lines from that text instead of
/// keeping them: every line must read exactly as the patch has it, or the hunk keeps its own texts.
/// </summary>
public sealed class HunkLinesFromTheFileTests
{
    /// <summary>The new README.md of <see cref="UnifiedDiffParserTests.TwoFiles"/>: its hunks show lines 2-4 and 19-23.</summary>
    private static readonly string NewFile = string.Join('\n', Enumerable.Range(1, 25).Select(line => line switch
    {
        2 => "two",
        3 => "FOUR",
        4 => "five",
        19 => "twenty",
        20 => "new a",
        21 => "new b",
        22 => "twenty-one",
        23 => "TWENTY-TWO",
        _ => $"line {line}",
    }));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Every_line_reads_as_the_patch_has_it(string newline)
    {
        var diff = UnifiedDiffParser.Parse(UnifiedDiffParserTests.TwoFiles)[1];

        var file = ChangedFile.FromDiff(diff, NewFile.Replace("\n", newline, StringComparison.Ordinal));

        Assert.All(file.Hunks, hunk => Assert.True(Assert.IsType<DiffLineList>(hunk.Lines).ReadsNewLinesFromFile));
        Assert.Equal(diff.Hunks.SelectMany(hunk => hunk.Lines), file.Hunks.SelectMany(hunk => hunk.Lines));
        Assert.Equal(ChangedLines.FromHunks(diff.Hunks).Added, file.ChangedLines.Added);
        Assert.Equal(ChangedLines.FromHunks(diff.Hunks).Context, file.ChangedLines.Context);
    }

    [Fact]
    public void A_file_that_does_not_read_as_the_patch_leaves_the_patch_s_texts()
    {
        var diff = UnifiedDiffParser.Parse(UnifiedDiffParserTests.TwoFiles)[1];

        var file = ChangedFile.FromDiff(diff, NewFile.Replace("FOUR", "four", StringComparison.Ordinal).Replace("new b", "new c", StringComparison.Ordinal));

        Assert.All(file.Hunks, hunk => Assert.False(Assert.IsType<DiffLineList>(hunk.Lines).ReadsNewLinesFromFile));
        Assert.Equal(diff.Hunks.SelectMany(hunk => hunk.Lines), file.Hunks.SelectMany(hunk => hunk.Lines));
    }
}
