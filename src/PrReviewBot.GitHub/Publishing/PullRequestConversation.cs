using Octokit;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>The pull request's conversation as read at one moment, and the state our summary carried then.</summary>
public sealed record ConversationView(IReadOnlyList<IssueComment> Comments, PullRequestState State);

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

    /// <summary>The hidden marker of the comment saying a review could not be finished; a later review that succeeds deletes it.</summary>
    public const string FailureMarker = OurComments.FailureMarker;

    /// <summary>
    /// Says on the pull request that a review could not be finished. There is at most one such
    /// comment of ours: an earlier one is edited instead of joined by another, and the next review
    /// that succeeds deletes it.
    /// </summary>
    public async Task PostFailureNoticeAsync(PullRequestTarget target, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        var installation = clients.ForInstallation(target.InstallationId);
        var botLogin = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);
        var text = GitHubLimits.Fit(body.TrimEnd() + "\n\n" + FailureMarker + "\n", FailureMarker);
        async Task<IssueComment?> FindAsync() =>
            OurComments.WithMarker(await OurComments.ReadConversationAsync(installation, target).ConfigureAwait(false), botLogin, FailureMarker).FirstOrDefault();

        var existing = await FindAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (existing is null)
        {
            existing = await CreateOnce.RunAsync(
                () => installation.Client.Issue.Comment.Create(target.Owner, target.Repository, target.Number, text),
                FindAsync,
                (_, _) => { },
                cancellationToken).ConfigureAwait(false);
        }

        if (!string.Equals(existing.Body, text, StringComparison.Ordinal))
        {
            await installation.Client.Issue.Comment.Update(target.Owner, target.Repository, existing.Id, text).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The pull request's conversation and the state our summary carries (what its commands have set), read once: a review handed it
    /// (<see cref="PublishRequest.Conversation"/>) does not list the conversation again.
    /// </summary>
    public async Task<ConversationView> ReadAsync(PullRequestTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var installation = clients.ForInstallation(target.InstallationId);
        var botLogin = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);
        var comments = await OurComments.ReadConversationAsync(installation, target).ConfigureAwait(false);
        var summary = OurComments.WithMarker(comments, botLogin, SummaryWriter.Marker).FirstOrDefault();
        return new ConversationView(comments, PullRequestState.Of(summary?.Body));
    }

    /// <summary>
    /// Records the state in our summary comment; before the first review there is none, so a short one that says
    /// so is made, and the review edits it in place later.
    /// </summary>
    public async Task WriteStateAsync(PullRequestTarget target, PullRequestState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        var installation = clients.ForInstallation(target.InstallationId);
        var botLogin = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);
        async Task<IssueComment?> FindAsync() =>
            OurComments.WithMarker(await OurComments.ReadConversationAsync(installation, target).ConfigureAwait(false), botLogin, SummaryWriter.Marker).FirstOrDefault();

        var summary = await FindAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (summary is null)
        {
            var text = state.InSummary((state.Paused ? "PrReviewBot reviews are paused on this pull request (`/prreviewbot resume` to go on)." : "PrReviewBot has not reviewed this pull request yet.") + "\n\n" + SummaryWriter.Marker + "\n");
            await CreateOnce.RunAsync(
                () => installation.Client.Issue.Comment.Create(target.Owner, target.Repository, target.Number, text),
                FindAsync,
                (_, _) => { },
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = state.InSummary(summary.Body ?? string.Empty);
        if (!string.Equals(body, summary.Body, StringComparison.Ordinal))
        {
            await installation.Client.Issue.Comment.Update(target.Owner, target.Repository, summary.Id, body).ConfigureAwait(false);
        }
    }

    /// <summary>A short plain comment on the pull request.</summary>
    public async Task PostNoticeAsync(PullRequestTarget target, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        await clients.ForInstallation(target.InstallationId).Client.Issue.Comment
            .Create(target.Owner, target.Repository, target.Number, GitHubLimits.Fit(body)).ConfigureAwait(false);
    }
}
