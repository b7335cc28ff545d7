using System.Text;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

/// <summary>No input crashes the engine: each gives a clear result or a clear error.</summary>
public sealed class HostileInputTests
{
    private static readonly ReviewEngine Engine = new();

    [Fact]
    public void A_5_MB_file_is_skipped_as_too_large_by_default()
    {
        var huge = "class C {\n" + string.Concat(Enumerable.Repeat("    int field_with_a_long_name = 1;\n", 150_000)) + "}\n";
        Assert.True(huge.Length > 5_000_000);

        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("Huge.cs", huge)]));

        Assert.StartsWith("too large", Assert.Single(result.Coverage.Skipped).Reason, StringComparison.Ordinal);
        Assert.StartsWith("No security review was run: 1 file could not be reviewed (`Huge.cs`: too large", SummaryWriter.Write(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("class C { void M( { if (x) } } }")]
    [InlineData("namespace ;;; @@@ #if\n#endregion\n\"unterminated")]
    [InlineData("class C { string s = $\"{{{\"; dynamic d = null!; }")]
    [InlineData("\uFFFD\uFFFD class \uFFFD {}")]
    [InlineData("")]
    public void Source_with_syntax_errors_or_replacement_characters_is_reviewed_without_problems(string source)
    {
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("Broken.cs", source)]));

        Assert.Empty(result.Coverage.Problems);
    }

    [Fact]
    public void Deeply_nested_code_does_not_overflow_the_stack()
    {
        var depth = 2000;
        var source = "class C { int M() => " + new string('(', depth) + "1" + new string(')', depth) + "; }";

        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("Deep.cs", source)]));

        Assert.Single(result.Coverage.Reviewed);
    }

    [Fact]
    public void A_truncated_patch_is_a_clear_error_naming_the_line()
    {
        var patch = "diff --git a/A.cs b/A.cs\n--- a/A.cs\n+++ b/A.cs\n@@ -1,2 +1,3 @@\n class A\n+{\n";

        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse(patch));

        Assert.Contains("line", error.Message, StringComparison.Ordinal);
        Assert.True(error.LineNumber > 0);
    }

    [Fact]
    public void Binary_content_in_a_text_file_is_skipped_as_binary()
    {
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("Blob.cs", "MZ\0\0\u0003binary")]));

        Assert.Equal("binary", Assert.Single(result.Coverage.Skipped).Reason);
    }

    [Fact]
    public void Hunks_only_review_of_a_modified_file_works_without_full_content()
    {
        var patch = new StringBuilder()
            .Append("diff --git a/A.cs b/A.cs\n--- a/A.cs\n+++ b/A.cs\n@@ -40,3 +40,4 @@ class A\n")
            .Append("     void M()\n     {\n+        var s = \"x\";\n     }\n")
            .ToString();
        var file = ChangedFile.FromDiff(UnifiedDiffParser.Parse(patch)[0]);

        var result = Engine.Review(new PullRequestSnapshot([file]));

        var reviewed = Assert.Single(result.Coverage.Reviewed);
        Assert.False(reviewed.WholeFile);
        Assert.Equal(1, reviewed.AddedLines);
    }
}
