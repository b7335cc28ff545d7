using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

/// <summary>GitHub's per-file <c>patch</c> field: hunks only, no file header.</summary>
public sealed class HunkParsingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\r\n")]
    public void Empty_or_whitespace_patch_yields_no_hunks(string patch)
    {
        Assert.Empty(UnifiedDiffParser.ParseHunks(patch));
    }

    [Fact]
    public void Reads_every_hunk_and_numbers_lines_from_each_header()
    {
        var hunks = UnifiedDiffParser.ParseHunks("""
            @@ -1,3 +1,3 @@ import os
             import os
            -import sys
            +import re
             import json
            @@ -40,2 +40,4 @@ def main():
                 run()
            +    log()
            +    flush()
                 return 0
            """);

        Assert.Equal(2, hunks.Count);
        Assert.Equal((1, 3, 1, 3, "import os"), (hunks[0].OldStart, hunks[0].OldCount, hunks[0].NewStart, hunks[0].NewCount, hunks[0].Header));
        Assert.Equal("def main():", hunks[1].Header);
        Assert.Equal(
            [
                new DiffLine(DiffLineKind.Context, "    run()", 40, 40),
                new DiffLine(DiffLineKind.Added, "    log()", null, 41),
                new DiffLine(DiffLineKind.Added, "    flush()", null, 42),
                new DiffLine(DiffLineKind.Context, "    return 0", 41, 43),
            ],
            hunks[1].Lines);
    }

    [Fact]
    public void Counts_default_to_one_when_omitted()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -7 +7 @@\n-a\n+b"));

        Assert.Equal((7, 1, 7, 1), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal(string.Empty, hunk.Header);
        Assert.Equal([7, null], hunk.Lines.Select(line => line.OldLine));
        Assert.Equal([null, 7], hunk.Lines.Select(line => line.NewLine));
    }

    [Fact]
    public void Added_file_patch_starts_the_old_side_at_zero()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -0,0 +1,2 @@\n+one\n+two\n"));

        Assert.Equal((0, 0, 1, 2), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.All(hunk.Lines, line => Assert.Equal(DiffLineKind.Added, line.Kind));
        Assert.Equal([1, 2], hunk.Lines.Select(line => line.NewLine));
    }

    [Fact]
    public void Deleted_file_patch_has_zero_new_lines()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -1,2 +0,0 @@\n-one\n-two"));

        Assert.Equal((0, 0), (hunk.NewStart, hunk.NewCount));
        Assert.All(hunk.Lines, line => Assert.Null(line.NewLine));
    }

    [Fact]
    public void No_newline_marker_marks_the_last_line()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -1 +1,2 @@\n x\n+y\n\\ No newline at end of file"));

        Assert.Equal(2, hunk.Lines.Count);
        Assert.True(hunk.Lines[1].NoNewlineAtEnd);
        Assert.False(hunk.Lines[0].NoNewlineAtEnd);
    }

    [Fact]
    public void A_hunks_lines_read_alike_by_index_and_in_order_and_only_within_the_hunk()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -4,3 +4,3 @@\n a\n-b\n+c\n d\n\\ No newline at end of file"));

        Assert.Equal(
            [
                new DiffLine(DiffLineKind.Context, "a", 4, 4),
                new DiffLine(DiffLineKind.Removed, "b", 5, null),
                new DiffLine(DiffLineKind.Added, "c", null, 5),
                new DiffLine(DiffLineKind.Context, "d", 6, 6) { NoNewlineAtEnd = true },
            ],
            hunk.Lines);
        Assert.Equal(hunk.Lines, Enumerable.Range(0, hunk.Lines.Count).Select(index => hunk.Lines[index]));
        Assert.Throws<ArgumentOutOfRangeException>(() => hunk.Lines[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => hunk.Lines[-1]);
    }

    [Fact]
    public void Crlf_patch_parses_like_lf_patch()
    {
        var lf = "@@ -1,2 +1,2 @@ f\n a\n-b\n+c\n\\ No newline at end of file\n@@ -9 +9 @@\n-x\n+y\n";

        Assert.Equivalent(UnifiedDiffParser.ParseHunks(lf), UnifiedDiffParser.ParseHunks(lf.ReplaceLineEndings("\r\n")), strict: true);
    }

    [Fact]
    public void Empty_line_inside_a_hunk_is_a_context_line()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks(string.Join("\n", "@@ -1,3 +1,3 @@", "-a", "+b", string.Empty, " c")));

        Assert.Equal(new DiffLine(DiffLineKind.Context, string.Empty, 2, 2), hunk.Lines[2]);
    }

    [Fact]
    public void Empty_lines_between_hunks_are_ignored()
    {
        var hunks = UnifiedDiffParser.ParseHunks(string.Join("\n", "@@ -1 +1 @@", "-a", "+b", string.Empty, "@@ -5 +5 @@", "-c", "+d", string.Empty, string.Empty));

        Assert.Equal(2, hunks.Count);
    }

    [Fact]
    public void Text_before_the_first_hunk_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("diff --git a/x b/x\n@@ -1 +1 @@\n-a\n+b"));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("expected a hunk header '@@ -start,count +start,count @@' but found 'diff --git a/x b/x'", error.Reason);
    }

    [Fact]
    public void Truncated_patch_names_its_last_line_and_what_is_missing()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1,3 +1,4 @@\n-x\n-y\n c\n+d\n"));

        Assert.Equal(5, error.LineNumber);
        Assert.Equal("hunk @@ -1,3 +1,4 @@ ends after 2 of 4 new lines", error.Reason);
    }

    [Fact]
    public void Blank_line_after_a_cut_hunk_is_named_as_where_the_hunk_ends()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1,3 +1,4 @@\n-x\n-y\n c\n+d\n\n"));

        Assert.Equal(6, error.LineNumber);
        Assert.Equal("hunk @@ -1,3 +1,4 @@ ends after 2 of 4 new lines", error.Reason);
    }

    [Fact]
    public void Truncated_second_hunk_is_reported_after_a_good_first_one()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1 +1 @@\n-a\n+b\n@@ -10,4 +10,4 @@\n x\n y\n"));

        Assert.Equal(6, error.LineNumber);
        Assert.Equal("hunk @@ -10,4 +10,4 @@ ends after 2 of 4 old lines and 2 of 4 new lines", error.Reason);
    }

    [Fact]
    public void Unexpected_first_character_names_the_line_and_character()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1,2 +1,2 @@\n a\n*b\n"));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("expected ' ', '+', '-' or '\\' but found '*'", error.Reason);
    }

    [Fact]
    public void Unexpected_control_character_is_named_by_code_point()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1 +1 @@\n\tb\n"));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("expected ' ', '+', '-' or '\\' but found U+0009", error.Reason);
    }

    [Fact]
    public void More_added_lines_than_counted_are_rejected_at_the_first_extra_line()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1,2 +1,2 @@\n+a\n+b\n+c\n x\n"));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal("hunk @@ -1,2 +1,2 @@ has more new lines than the 2 its header counts", error.Reason);
    }

    [Fact]
    public void More_removed_lines_than_counted_are_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1 +1,2 @@\n-a\n-b\n+c\n"));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("hunk @@ -1 +1,2 @@ has more old lines than the 1 its header counts", error.Reason);
    }

    [Fact]
    public void Line_after_a_complete_hunk_that_is_not_a_header_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1 +1 @@\n-a\n+b\n+c\n"));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal("hunk @@ -1 +1 @@ has more lines than its header counts (1 old, 1 new)", error.Reason);
    }

    [Theory]
    [InlineData("@@ -1,2 +1,x @@")]
    [InlineData("@@ -1,2 +1,2")]
    [InlineData("@@ 1,2 +1,2 @@")]
    [InlineData("@@ -1,2 +99999999999 @@")]
    public void Malformed_header_names_its_line(string header)
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks($"@@ -1 +1 @@\n-a\n+b\n{header}\n a\n"));

        Assert.Equal(4, error.LineNumber);
        Assert.Equal($"malformed hunk header '{header}': expected '@@ -start,count +start,count @@'", error.Reason);
    }

    [Fact]
    public void Header_starting_at_line_zero_with_lines_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -0,1 +1 @@\n-a\n+b\n"));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("hunk header '@@ -0,1 +1 @@' starts at line 0 but counts lines", error.Reason);
    }

    [Theory]
    [InlineData("@@ -2147483647,1 +2147483647,2 @@")]
    [InlineData("@@ -1 +9999999,5 @@")]
    [InlineData("@@ -10000000,1 +1 @@")]
    public void Header_reaching_past_ten_million_lines_is_rejected_before_anything_is_built_from_it(string header)
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks(header + "\n a\n+b\n"));

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("reaches past line 10,000,000", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_ending_just_below_ten_million_lines_is_read()
    {
        var hunk = Assert.Single(UnifiedDiffParser.ParseHunks("@@ -9999998 +9999998,2 @@\n a\n+b\n"));

        Assert.Equal(9_999_998, hunk.NewStart);
    }

    [Fact]
    public void No_newline_marker_before_any_line_is_rejected()
    {
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.ParseHunks("@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n"));

        Assert.Equal(2, error.LineNumber);
    }
}
