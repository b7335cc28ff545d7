using PrReviewBot.Server.Commands;

namespace PrReviewBot.Server.Tests;

public sealed class ReviewCommandTests
{
    [Theory]
    [InlineData("/review")]
    [InlineData("  /review")]
    [InlineData("/review please")]
    [InlineData("/Review\nthe new parser")]
    public void Recognises_the_command(string body) => Assert.True(ReviewCommand.IsCommand(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/reviewer")]
    [InlineData("please /review")]
    [InlineData("> /review\nquoted from above")]
    public void Leaves_other_comments_alone(string? body) => Assert.False(ReviewCommand.IsCommand(body));

    [Theory]
    [InlineData("OWNER", true)]
    [InlineData("MEMBER", true)]
    [InlineData("COLLABORATOR", true)]
    [InlineData("CONTRIBUTOR", false)]
    [InlineData("FIRST_TIME_CONTRIBUTOR", false)]
    [InlineData("NONE", false)]
    [InlineData(null, false)]
    public void Trusts_owners_members_and_collaborators(string? association, bool trusted) =>
        Assert.Equal(trusted, ReviewCommand.IsTrustedAssociation(association));

    [Theory]
    [InlineData("admin", true)]
    [InlineData("maintain", true)]
    [InlineData("write", true)]
    [InlineData("triage", false)]
    [InlineData("read", false)]
    [InlineData("none", false)]
    [InlineData(null, false)]
    public void Grants_the_command_from_write_permission_up(string? permission, bool granted) =>
        Assert.Equal(granted, ReviewCommand.GrantsReview(permission));
}
