using Microsoft.Extensions.Options;
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
        if (request.Kind == JobKind.ReviewCommand)
        {
            var command = ReviewCommandPayload.FromJson(request.Payload);
            if (!await MayReviewAsync(target, command, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await conversation.AcknowledgeCommandAsync(target, command.CommentId, cancellationToken).ConfigureAwait(false);
            requestedBy = command.Author;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {PullRequest}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored /review on {PullRequest} from {Login} (association {Association}, permission {Permission}): write access is required")]
    private static partial void LogRefused(ILogger logger, PullRequestTarget pullRequest, string login, string association, string permission);
}
