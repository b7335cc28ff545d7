namespace PrReviewBot.Cli.Tests;

/// <summary>
/// The reference scenario of issue 12, done right: a new SQLAlchemy service module reviewed with
/// every group the reference review has, each example correct.
/// </summary>
public sealed class ReferenceScenarioSampleTests
{
    private static string Review() => CliRun.ReviewSample("python-reference-scenario.patch");

    [Fact]
    public void Reference_scenario_review_is_pinned()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", "python-reference-scenario.md"));

        Assert.Equal(expected, Review());
    }

    [Fact]
    public void Reference_scenario_shows_every_group_of_the_reference_review_in_order()
    {
        var review = Review();

        string[] groups =
        [
            "No security defects are detected in the code.",
            "1. **Consistent naming conventions**",
            "2. **Type hints and annotations**",
            "3. **Documentation of functions and classes**",
            "4. **Consistent indentation**",
            "5. **Unused imports**",
            "6. **Unnecessary comments**",
            "Overall, I did not detect any security defects",
        ];
        CliRun.AssertInOrder(review, groups);
    }

    [Fact]
    public void Reference_scenario_examples_are_correct()
    {
        var review = Review();

        Assert.Contains("Parameter `projectName` is camelCase", review, StringComparison.Ordinal);
        Assert.Contains("Method `getProject` is camelCase", review, StringComparison.Ordinal);
        Assert.Contains("Class `ProjectService` has no docstring", review, StringComparison.Ordinal);
        Assert.Contains("`sqlalchemy.orm` is imported but never used", review, StringComparison.Ordinal);
        Assert.Contains("Comment `Create a record in the projects table for our incomplete project` only restates the next line", review, StringComparison.Ordinal);
        Assert.Contains("Block indented by 2 spaces; this module indents by 4.", review, StringComparison.Ordinal);
        Assert.DoesNotContain("`consumer_obj` is camelCase", review, StringComparison.Ordinal);
        Assert.DoesNotContain("`project_external_id` is camelCase", review, StringComparison.Ordinal);
        Assert.DoesNotContain("`sqlalchemy` is imported but never used", review, StringComparison.Ordinal);
    }
}
