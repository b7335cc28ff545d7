namespace PrReviewBot.Cli.Tests;

/// <summary>The samples the README demonstrates read in the product's voice.</summary>
public sealed class SampleReviewTests
{
    [Fact]
    public void Python_reference_sample_review_is_pinned()
    {
        var actual = CliRun.ReviewSample("python-reference.patch");

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", "python-reference.md"));
        Assert.Equal(expected, actual);
        Assert.Contains("`sqlalchemy.orm` is imported but never used", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("`consumer_obj` is camelCase", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_sql_injection_sample_leads_with_the_defect_and_fails()
    {
        var (code, stdout, _) = CliRun.Review(null, "--diff", CliRun.Sample("python-sql-injection.patch"));

        Assert.Equal(1, code);
        Assert.StartsWith("**1 security defect is detected in the code:**", stdout, StringComparison.Ordinal);
        Assert.Contains("1. **SQL built from non-constant strings** at `app/projects.py:34-36`", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Readability_sample_leads_with_the_clean_verdict_then_every_group_in_order()
    {
        var (code, stdout, stderr) = CliRun.Review(null, "--diff", CliRun.Sample("csharp-readability.patch"));

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        Assert.Equal("No security defects are detected in the code.", lines[0]);
        string[] groups =
        [
            "However, I do have some suggestions",
            "1. **Consistent naming conventions**",
            "2. **Type hints and annotations**",
            "3. **Documentation of functions and classes**",
            "4. **Consistent indentation**",
            "5. **Unused imports**",
            "6. **Unnecessary comments**",
            "Overall, I did not detect any security defects",
            "<summary>Coverage",
        ];
        CliRun.AssertInOrder(stdout, groups);
        Assert.Contains("Local `consumer_obj` is snake_case", stdout, StringComparison.Ordinal);
        Assert.Contains("Parameter `project_external_id` is snake_case", stdout, StringComparison.Ordinal);
        Assert.Contains("`using System.Text;` is not used", stdout, StringComparison.Ordinal);
        Assert.Contains("`total` is declared `dynamic`", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_injection_sample_leads_with_the_defect_and_fails()
    {
        var (code, stdout, _) = CliRun.Review(null, "--diff", CliRun.Sample("csharp-sql-injection.patch"));

        Assert.Equal(1, code);
        Assert.StartsWith("**2 security defects are detected in the code:**", stdout, StringComparison.Ordinal);
        Assert.Contains("1. **SQL built from non-constant strings** at `src/Orders/OrderRepository.cs:40`", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Wi" + "nter2024", stdout, StringComparison.Ordinal);
    }
}
