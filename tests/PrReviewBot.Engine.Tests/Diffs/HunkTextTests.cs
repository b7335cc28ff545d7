using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

public sealed class HunkTextTests
{
    [Fact]
    public void Puts_each_shown_line_at_its_new_line_number_and_leaves_the_rest_empty()
    {
        var hunks = UnifiedDiffParser.ParseHunks("""
            @@ -2,2 +2,3 @@
             two
            +three
             four
            @@ -7 +8 @@
            -old eight
            +eight
            """);

        var text = HunkText.RebuildNewFile(hunks);

        Assert.Equal(string.Join("\n", string.Empty, "two", "three", "four", string.Empty, string.Empty, string.Empty, "eight"), text);
    }

    [Fact]
    public void Removed_lines_are_left_out()
    {
        var hunks = UnifiedDiffParser.ParseHunks("@@ -1,3 +1,2 @@\n a\n-b\n c\n");

        Assert.Equal("a\nc", HunkText.RebuildNewFile(hunks));
    }

    [Fact]
    public void Added_file_is_rebuilt_whole()
    {
        var hunks = UnifiedDiffParser.ParseHunks("@@ -0,0 +1,3 @@\n+x = 1\n+\n+y = 2\n");

        Assert.Equal("x = 1\n\ny = 2", HunkText.RebuildNewFile(hunks));
    }

    [Fact]
    public void Deleted_file_and_no_hunks_give_empty_text()
    {
        Assert.Equal(string.Empty, HunkText.RebuildNewFile([]));
        Assert.Equal(string.Empty, HunkText.RebuildNewFile(UnifiedDiffParser.ParseHunks("@@ -1,2 +0,0 @@\n-a\n-b\n")));
    }

    [Fact]
    public void Line_n_of_the_text_is_line_n_of_the_new_file()
    {
        var hunks = UnifiedDiffParser.ParseHunks("@@ -100,2 +120,2 @@\n keep\n-x\n+y\n");

        var lines = HunkText.RebuildNewFile(hunks).Split('\n');

        Assert.Equal(121, lines.Length);
        Assert.Equal("keep", lines[120 - 1]);
        Assert.Equal("y", lines[121 - 1]);
    }
}
