using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class SummaryWriterTests
{
    private static readonly ReviewEngine Engine = new(new CSharpAnalyzer([new UnsafeLiteralRule(), new UnderscoreLocalRule()]));

    private static string Summarize(params ChangedFile[] files) =>
        SummaryWriter.Write(Engine.Review(new PullRequestSnapshot(files, "abc1234")), new SummaryContext(EngineTime: TimeSpan.FromMilliseconds(120)));

    [Fact]
    public void Clean_change_says_the_exact_verdict_first_and_nothing_else_to_suggest()
    {
        var summary = Summarize(ChangedFile.WholeFile("C.cs", "class C { }"));

        Assert.StartsWith(SummaryWriter.CleanVerdict + "\n", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("suggestions", summary, StringComparison.Ordinal);
        Assert.Contains("Overall, the change looks good", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Defects_lead_with_a_count_and_each_defect_names_file_line_why_and_fix()
    {
        var summary = Summarize(ChangedFile.WholeFile("src/C.cs", "class C {\nstring s = \"unsafe\";\n}"));

        var lines = summary.Split('\n');
        Assert.Equal("**1 security defect is detected in the code:**", lines[0]);
        Assert.Contains("1. **Unsafe literal** at `src/C.cs:2`", summary, StringComparison.Ordinal);
        Assert.Contains("*Why:* It is unsafe. *Fix:* Make it safe.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(SummaryWriter.CleanVerdict, summary, StringComparison.Ordinal);
        Assert.Contains("Overall, the security defect above should be fixed", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestions_are_numbered_groups_with_examples_and_a_cap()
    {
        var source = "class C { void M() {\n" + string.Concat(Enumerable.Range(1, 7).Select(i => $"var my_{i} = {i};\n")) + "} }";

        var summary = Summarize(ChangedFile.WholeFile("C.cs", source));

        Assert.Contains("However, I do have some suggestions for improving the code's readability and maintainability:", summary, StringComparison.Ordinal);
        Assert.Contains("1. **Consistent naming conventions**: 7 names break", summary, StringComparison.Ordinal);
        Assert.Contains("   - `C.cs:2`: Local `my_1` is snake_case.", summary, StringComparison.Ordinal);
        Assert.Contains("   - …and 2 more, each marked inline.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("`C.cs:8`", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Skipped_supported_files_prevent_the_clean_verdict_and_are_named()
    {
        var summary = Summarize(
            ChangedFile.WholeFile("C.cs", "class C { }"),
            new ChangedFile("Huge.cs", ChangeStatus.Added, [], SkipReason: "too large"));

        Assert.StartsWith("No security defects were detected in the reviewed files, but 1 file could not be reviewed (`Huge.cs`: too large)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(SummaryWriter.CleanVerdict, summary, StringComparison.Ordinal);
        Assert.Contains("- **Skipped:** `Huge.cs` (too large)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_that_should_have_been_reviewed_is_named_however_many_the_repository_left_out()
    {
        var files = Enumerable.Range(0, 60).Select(index => ChangedFile.WholeFile($"Migrations/M{index:D2}.cs", "class M { }"))
            .Append(new ChangedFile("Huge.cs", ChangeStatus.Added, [], SkipReason: "too large"))
            .Prepend(ChangedFile.WholeFile("C.cs", "class C { }"))
            .ToArray();

        var summary = SummaryWriter.Write(new ReviewEngine().Review(new PullRequestSnapshot(files), ReviewOptions.Default with { Exclude = ["Migrations/**"] }));

        Assert.Contains("- **Skipped:** `Huge.cs` (too large); `Migrations/M00.cs` (excluded by configuration)", summary, StringComparison.Ordinal);
        Assert.Contains("; and 10 more", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_reports_coverage_time_and_commit_collapsed()
    {
        var summary = Summarize(ChangedFile.WholeFile("C.cs", "class C { }"), ChangedFile.WholeFile("notes.txt", "hi"));

        Assert.Contains("<details>\n<summary>Coverage: 1 file reviewed, 0 skipped</summary>", summary, StringComparison.Ordinal);
        Assert.Contains("- **Text checks only** (leaked secrets, conflict markers, indentation): `notes.txt`", summary, StringComparison.Ordinal);
        Assert.Contains("- **Reviewed:** 1 file (C#: 1), 1 added line", summary, StringComparison.Ordinal);
        Assert.Contains("- **Engine time:** 0.12 s", summary, StringComparison.Ordinal);
        Assert.Contains("- **Commit reviewed:** `abc1234`", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_unsupported_files_say_no_security_review_ran()
    {
        var summary = SummaryWriter.Write(new ReviewEngine().Review(new PullRequestSnapshot([ChangedFile.WholeFile("README.md", "# hi")])));

        Assert.StartsWith("No security review of code was run: none of the changed files is in a language the reviewer supports (C#, Python) (the changed files were only checked for leaked secrets).", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_point_at_the_reviewed_commit_when_a_link_base_is_given()
    {
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("src/My File.cs", "class C {\nstring s = \"unsafe\";\n}")]));

        var summary = SummaryWriter.Write(result, new SummaryContext(LinkBase: "https://github.com/o/r/blob/abc/", IncludeMarker: true));

        Assert.Contains("[`src/My File.cs:2`](https://github.com/o/r/blob/abc/src/My%20File.cs#L2)", summary, StringComparison.Ordinal);
        Assert.EndsWith(SummaryWriter.Marker + "\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Stays_under_the_github_body_limit_with_thousands_of_findings()
    {
        var source = "class C { void M() {\n" + string.Concat(Enumerable.Range(1, 3000).Select(i => $"var s{i} = \"unsafe\";\n")) + "} }";

        var summary = Summarize(ChangedFile.WholeFile("C.cs", source));

        Assert.True(summary.Length <= SummaryWriter.MaxBodyLength, $"length {summary.Length}");
        Assert.Contains("more, each marked inline", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Angle_brackets_outside_code_are_escaped()
    {
        Assert.Equal("List&lt;T&gt; and `List<T>`", SummaryWriter.Inline("List<T> and `List<T>`"));
    }
}
