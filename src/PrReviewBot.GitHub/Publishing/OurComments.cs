using Octokit;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// How the App knows its own comments: written by the App (its bot login, or any bot when GitHub
/// would not say which) and carrying one of our hidden markers. A comment someone else wrote is
/// never ours, even when it quotes our marker.
/// </summary>
internal static class OurComments
{
    /// <summary>Marks the comment a job leaves when it could not finish a review, so a later review can take it down.</summary>
    public const string FailureMarker = "<!-- prreviewbot:review-failed -->";

    public static bool IsOurs(User? user, string? botLogin) =>
        user is not null && (botLogin is null
            ? user.Type == AccountType.Bot
            : string.Equals(user.Login, botLogin, StringComparison.OrdinalIgnoreCase));

    /// <summary>Our comments on the pull request's conversation that carry <paramref name="marker"/>, oldest first.</summary>
    public static IEnumerable<IssueComment> WithMarker(IEnumerable<IssueComment> comments, string? botLogin, string marker) =>
        comments
            .Where(comment => IsOurs(comment.User, botLogin) && comment.Body?.Contains(marker, StringComparison.Ordinal) == true)
            .OrderBy(comment => comment.CreatedAt)
            .ThenBy(comment => comment.Id);

    public static Task<IReadOnlyList<IssueComment>> ReadConversationAsync(InstallationClient installation, PullRequestTarget target) =>
        installation.Client.Issue.Comment.GetAllForIssue(target.Owner, target.Repository, target.Number, new ApiOptions { PageSize = 100 });

    /// <summary>Deletes one of our comments; one already gone (a DELETE whose answer was lost and was sent again) is fine.</summary>
    public static async Task DeleteAsync(InstallationClient installation, PullRequestTarget target, long commentId)
    {
        try
        {
            await installation.Client.Issue.Comment.Delete(target.Owner, target.Repository, commentId).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
        }
    }
}
