using PrReviewBot.Engine.Detection.Comments;

namespace PrReviewBot.Engine.Tests.Detection;

/// <summary>The one judgement of whether a comment restates a statement, whatever the language gave as the statement's words.</summary>
public sealed class CommentRestatementTests
{
    [Theory]
    [InlineData("Create a record in the projects table", "record projects table insert")]
    [InlineData("increment the counter", "counter increment")]
    [InlineData("Clear the cache", "cache Clear")]
    [InlineData("Loading the user settings", "user Settings settings Load User Settings")]
    public void A_comment_that_opens_with_the_statements_action_and_names_its_parts_restates_it(string comment, string code)
    {
        Assert.True(CommentRestatement.Restates(comment, code.Split(' ')));
    }

    [Theory]
    [InlineData("Save the project because the host may kill us", "project Save")]
    [InlineData("Ensure the directory exists", "System IO Directory Create Directory")]
    [InlineData("Min official rating", "if string Is Null Or White Space min Official Rating")]
    [InlineData("Retry 3 times", "retry times")]
    [InlineData("Arrange the orders", "orders Arrange")]
    [InlineData("the id is stable", "id stable")]
    public void Reasons_facts_headings_numbers_and_test_phases_are_not_restatements(string comment, string code)
    {
        Assert.False(CommentRestatement.Restates(comment, code.Split(' ')));
    }
}
