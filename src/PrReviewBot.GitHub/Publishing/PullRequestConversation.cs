using Octokit;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>The small things the bot says or asks on a pull request besides the review itself.</summary>
public sealed class PullRequestConversation
{
    private readonly GitHubClientFactory clients;

    public PullRequestConversation(GitHubClientFactory clients)
    {
        this.clients = clients;
    }

    /// <summary>The 👀 reaction that tells a commenter their <c>/review</c> was accepted.</summary>
    public async Task AcknowledgeCommandAsync(PullRequestTarget target, long commentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        await clients.ForInstallation(target.InstallationId).Client.Reaction.IssueComment
            .Create(target.Owner, target.Repository, commentId, new NewReaction(ReactionType.Eyes)).ConfigureAwait(false);
    }

    /// <summary>The user's permission on the repository: <c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c>, <c>read</c> or <c>none</c>.</summary>
    public async Task<string> PermissionOfAsync(PullRequestTarget target, string login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var response = await clients.ForInstallation(target.InstallationId).Client.Repository.Collaborator
                .ReviewPermission(target.Owner, target.Repository, login).ConfigureAwait(false);

            // role_name carries "maintain" and "triage", which the older permission field folds into write and read.
            return string.IsNullOrEmpty(response.RoleName) ? response.Permission ?? "none" : response.RoleName;
        }
        catch (NotFoundException)
        {
            return "none";
        }
    }

    /// <summary>A short plain comment on the pull request, e.g. that a review could not be done.</summary>
    public async Task PostNoticeAsync(PullRequestTarget target, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        await clients.ForInstallation(target.InstallationId).Client.Issue.Comment
            .Create(target.Owner, target.Repository, target.Number, GitHubLimits.Fit(body)).ConfigureAwait(false);
    }
}
