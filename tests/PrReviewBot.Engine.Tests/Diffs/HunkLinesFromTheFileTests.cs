using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Tests.Diffs;

/// <summary>
/// A changed file given with its new text reads the texts of its context and added lines from that text instead of
/// keeping them: every line must read exactly as the patch has it, or the hunk keeps its own texts.
/// </summary>
public sealed class HunkLinesFromTheFileTests
{
    private const string Patch = """
        diff --git a/src/Program.cs b/src/Program.cs
        index 3b18e51..a4c2f0d 100644
        --- a/src/Program.cs
        +++ b/src/Program.cs
        @@ -1,3 +1,4 @@
         using System;
        +using System.IO;
         namespace Demo;
         class Program
        @@ -8,2 +9,2 @@ class Program
         {
        -    void Old() { }
        +    void New() { }
        \ No newline at end of file
        """;

    private const string NewFile = "using System;\nusing System.IO;\nnamespace Demo;\nclass Program\n\n\n\n\n{\n    void New() { }";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Every_line_reads_as_the_patch_has_it(string newline)
    {
        var diff = Assert.Single(UnifiedDiffParser.Parse(Patch));

        var file = ChangedFile.FromDiff(diff, NewFile.Replace("\n", newline, StringComparison.Ordinal));

        Assert.All(file.Hunks, hunk => Assert.True(Assert.IsType<DiffLineList>(hunk.Lines).ReadsNewLinesFromFile));
        Assert.Equal(diff.Hunks.SelectMany(hunk => hunk.Lines), file.Hunks.SelectMany(hunk => hunk.Lines));
        Assert.Equal(ChangedLines.FromHunks(diff.Hunks).Added, file.ChangedLines.Added);
        Assert.Equal(ChangedLines.FromHunks(diff.Hunks).Context, file.ChangedLines.Context);
    }

    [Fact]
    public void A_file_that_does_not_read_as_the_patch_leaves_the_patch_s_texts()
    {
        var diff = Assert.Single(UnifiedDiffParser.Parse(Patch));

        var file = ChangedFile.FromDiff(diff, NewFile.Replace("namespace Demo;", "namespace Other;", StringComparison.Ordinal)[..20]);

        Assert.All(file.Hunks, hunk => Assert.False(Assert.IsType<DiffLineList>(hunk.Lines).ReadsNewLinesFromFile));
        Assert.Equal(diff.Hunks.SelectMany(hunk => hunk.Lines), file.Hunks.SelectMany(hunk => hunk.Lines));
    }
}
