using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

public sealed class TextDiffTests
{
    private static string Numbered(int count, Func<int, string>? line = null) =>
        string.Concat(Enumerable.Range(1, count).Select(index => (line ?? (number => $"line {number}"))(index) + "\n"));

    [Fact]
    public void Gives_the_hunks_git_would_write_for_the_same_two_versions()
    {
        var before = Numbered(20);
        var after = Numbered(20, number => number == 5 ? "line five" : number == 18 ? "line eighteen" : $"line {number}");

        var hunks = TextDiff.Between(before, after);

        var patch = string.Join('\n', hunks.Select(Show));
        Assert.Equal(
            """
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
            @@ -15,6 +15,6 @@
             line 15
             line 16
             line 17
            -line 18
            +line eighteen
             line 19
             line 20
            """,
            patch);
    }

    [Fact]
    public void Changes_within_six_lines_share_one_hunk()
    {
        var hunk = Assert.Single(TextDiff.Between(Numbered(20), Numbered(20, number => number is 5 or 11 ? $"changed {number}" : $"line {number}")));

        Assert.Equal((2, 13, 2, 13), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
    }

    [Fact]
    public void An_added_file_is_one_hunk_of_added_lines_from_line_one()
    {
        var hunk = Assert.Single(TextDiff.Between(null, "a\nb\n"));

        Assert.Equal((0, 0, 1, 2), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.All(hunk.Lines, line => Assert.Equal(DiffLineKind.Added, line.Kind));
    }

    [Fact]
    public void Lines_added_at_the_end_and_removed_at_the_start_keep_their_numbers()
    {
        var hunks = TextDiff.Between("gone\n" + Numbered(10), Numbered(10) + "new 11\nnew 12\n");

        Assert.Equal(2, hunks.Count);
        Assert.Equal(new DiffLine(DiffLineKind.Removed, "gone", 1, null), hunks[0].Lines[0]);
        Assert.Equal([11, 12], hunks[1].Lines.Where(line => line.Kind == DiffLineKind.Added).Select(line => line.NewLine!.Value));
        Assert.True(ChangedLines.FromHunks(hunks).TouchesAdded(12, 12));
    }

    [Fact]
    public void Identical_versions_have_no_hunks()
    {
        Assert.Empty(TextDiff.Between("same\r\ntext\r\n", "same\ntext\n"));
    }

    private static string Show(Hunk hunk) =>
        $"@@ -{hunk.OldStart},{hunk.OldCount} +{hunk.NewStart},{hunk.NewCount} @@\n"
        + string.Join('\n', hunk.Lines.Select(line => (line.Kind switch { DiffLineKind.Added => "+", DiffLineKind.Removed => "-", _ => " " }) + line.Text));
}
