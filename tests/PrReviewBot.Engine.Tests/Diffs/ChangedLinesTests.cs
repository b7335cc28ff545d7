using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

public sealed class ChangedLinesTests
{
    private static readonly IReadOnlyList<Hunk> Hunks = UnifiedDiffParser.ParseHunks("""
        @@ -1,3 +1,3 @@
         one
        -two
        +TWO
         three
        @@ -10,2 +10,3 @@
         ten
        +ten and a half
         eleven
        """);

    [Fact]
    public void Added_and_context_lines_of_the_new_file_are_told_apart()
    {
        var changed = ChangedLines.FromHunks(Hunks);

        Assert.Equal([2, 11], changed.Added.Order());
        Assert.Equal([1, 3, 10, 12], changed.Context.Order());
        Assert.False(changed.EveryLine);
    }

    [Fact]
    public void Only_added_lines_count_as_added_but_context_lines_are_in_the_diff()
    {
        var changed = ChangedLines.FromHunks(Hunks);

        Assert.True(changed.IsAdded(2));
        Assert.False(changed.IsAdded(3));
        Assert.True(changed.IsInDiff(3));
        Assert.False(changed.IsInDiff(5));
    }

    [Fact]
    public void Removed_lines_do_not_take_a_new_line_number()
    {
        var changed = ChangedLines.FromHunks(UnifiedDiffParser.ParseHunks("@@ -1,2 +1 @@\n-gone\n kept\n"));

        Assert.Empty(changed.Added);
        Assert.Equal([1], changed.Context);
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(1, 2, true)]
    [InlineData(3, 10, false)]
    [InlineData(3, 11, true)]
    [InlineData(12, 40, false)]
    public void Range_touches_added_only_when_it_holds_an_added_line(int start, int end, bool expected)
    {
        Assert.Equal(expected, ChangedLines.FromHunks(Hunks).TouchesAdded(start, end));
    }

    [Fact]
    public void All_counts_every_line_as_added()
    {
        Assert.True(ChangedLines.All.EveryLine);
        Assert.True(ChangedLines.All.IsAdded(12345));
        Assert.True(ChangedLines.All.IsInDiff(1));
        Assert.True(ChangedLines.All.TouchesAdded(5, 6));
    }
}
