using Microsoft.Extensions.Options;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Publishing;
using PrReviewBot.GitHub.Snapshots;
using PrReviewBot.Server.Commands;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// Does one job: for <c>/review</c>, checks the author may ask and reacts with 👀; then loads the
/// pull request, runs the engine and publishes. When findings sit in files whose base version
/// was not loaded, it reads just those bases and reviews again, so findings the base already had
/// are not blamed on the pull request; if GitHub will not give them, the first review stands. Every step is safe to repeat, because a job whose
/// worker died is done again by another.
/// </summary>
public sealed partial class ReviewJobRunner
{
    private readonly PullRequestLoader loader;
    private readonly ReviewEngine engine;
    private readonly ReviewPublisher publisher;
    private readonly PullRequestConversation conversation;
    private readonly ReviewTriggerOptions triggers;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ReviewJobRunner> logger;

    public ReviewJobRunner(
        PullRequestLoader loader,
        ReviewEngine engine,
        ReviewPublisher publisher,
        PullRequestConversation conversation,
        IOptions<ReviewTriggerOptions> triggers,
        TimeProvider timeProvider,
        ILogger<ReviewJobRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        this.loader = loader;
        this.engine = engine;
        this.publisher = publisher;
        this.conversation = conversation;
        this.triggers = triggers.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public async Task RunAsync(LeasedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Request;
        var target = Target(request);
        string? requestedBy = null;
        var state = await conversation.ReadStateAsync(target, cancellationToken).ConfigureAwait(false);
        if (request.Kind == JobKind.ReviewCommand)
        {
            var payload = ReviewCommandPayload.FromJson(request.Payload);
            if (!await MayReviewAsync(target, payload, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var command = PullRequestCommand.Parse(payload.Command ?? ReviewCommand.Word) ?? new PullRequestCommand(CommandKind.Review);
            await conversation.AcknowledgeCommandAsync(target, payload.CommentId, cancellationToken).ConfigureAwait(false);
            if (await ObeyAsync(target, command, state, cancellationToken).ConfigureAwait(false) is not { } changed)
            {
                return;
            }

            state = changed;
            requestedBy = payload.Author;
        }
        else if (state.Paused)
        {
            LogSkipped(logger, target, "reviews are paused on it (/prreviewbot pause)");
            return;
        }

        var pull = await loader.LoadAsync(target, cancellationToken).ConfigureAwait(false);
        if (!pull.IsOpen)
        {
            LogSkipped(logger, target, "the pull request is no longer open");
            return;
        }

        if (request.Kind == JobKind.PullRequest && pull.Draft && triggers.SkipDrafts)
        {
            LogSkipped(logger, target, "the pull request was turned into a draft");
            return;
        }

        if (state.IgnoredRules.Count > 0)
        {
            // Ignored by command on this pull request: quiet, and the summary says so.
            pull = pull with
            {
                Options = pull.Options with { DisabledRules = new HashSet<string>(pull.Options.DisabledRules.Concat(state.IgnoredRules), StringComparer.Ordinal) },
                Notices = [.. pull.Notices, $"Ignored on this pull request (`/prreviewbot ignore`): {string.Join(", ", state.IgnoredRules.Select(rule => $"`{rule}`"))}."],
            };
        }

        var started = timeProvider.GetTimestamp();
        var result = engine.Review(pull.Snapshot, pull.Options, cancellationToken);
        var elapsed = timeProvider.GetElapsedTime(started);
        if (result.Coverage.BaseMissing.Count > 0
            && await loader.LoadBaseVersionsAsync(pull, result.Coverage.BaseMissing, cancellationToken).ConfigureAwait(false) is { } withBases)
        {
            pull = withBases;
            started = timeProvider.GetTimestamp();
            result = engine.Review(pull.Snapshot, pull.Options, cancellationToken);
            elapsed += timeProvider.GetElapsedTime(started);
        }

        // The summary names these too, but only the log keeps what the engine said about why.
        foreach (var problem in result.Coverage.Problems)
        {
            LogEngineProblem(logger, target, problem);
        }

        await publisher.PublishAsync(new PublishRequest(pull, result, elapsed, requestedBy), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries out a command; returns the state the review that follows goes by, or null when no review follows
    /// (help, pause, an unknown rule id).
    /// </summary>
    private async Task<PullRequestState?> ObeyAsync(PullRequestTarget target, PullRequestCommand command, PullRequestState state, CancellationToken cancellationToken)
    {
        switch (command.Kind)
        {
            case CommandKind.Help:
                await conversation.PostNoticeAsync(target, PullRequestCommand.Help, cancellationToken).ConfigureAwait(false);
                return null;
            case CommandKind.Pause:
                await conversation.WriteStateAsync(target, state with { Paused = true }, cancellationToken).ConfigureAwait(false);
                LogCommand(logger, target, "paused");
                return null;
            case CommandKind.Resume:
                state = state with { Paused = false };
                await conversation.WriteStateAsync(target, state, cancellationToken).ConfigureAwait(false);
                return state;
            case CommandKind.Ignore when !ReviewConfigurationFile.KnownRuleIds.Contains(command.Argument ?? string.Empty):
                await conversation.PostNoticeAsync(target, $"`{command.Argument}` is not a PrReviewBot rule id, so nothing was ignored. `/prreviewbot help` lists the commands; the summary names each finding's rule id.", cancellationToken).ConfigureAwait(false);
                return null;
            case CommandKind.Ignore:
                state = state with { IgnoredRules = [.. state.IgnoredRules.Append(command.Argument!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
                await conversation.WriteStateAsync(target, state, cancellationToken).ConfigureAwait(false);
                LogCommand(logger, target, "ignores " + command.Argument);
                return state;
            default:
                // A review asked for in so many words is done even while paused.
                return state;
        }
    }

    public static PullRequestTarget Target(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PullRequestTarget(request.InstallationId, request.Owner, request.Repository, request.PullRequestNumber);
    }

    private async Task<bool> MayReviewAsync(PullRequestTarget target, ReviewCommandPayload command, CancellationToken cancellationToken)
    {
        if (ReviewCommand.IsTrustedAssociation(command.AuthorAssociation))
        {
            return true;
        }

        var permission = await conversation.PermissionOfAsync(target, command.Author, cancellationToken).ConfigureAwait(false);
        if (ReviewCommand.GrantsReview(permission))
        {
            return true;
        }

        LogRefused(logger, target, command.Author, command.AuthorAssociation ?? "NONE", permission);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review of {PullRequest}: the engine reported a problem: {Problem}")]
    private static partial void LogEngineProblem(ILogger logger, PullRequestTarget pullRequest, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{PullRequest} {What} by command")]
    private static partial void LogCommand(ILogger logger, PullRequestTarget pullRequest, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {PullRequest}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored /review on {PullRequest} from {Login} (association {Association}, permission {Permission}): write access is required")]
    private static partial void LogRefused(ILogger logger, PullRequestTarget pullRequest, string login, string association, string permission);
}
