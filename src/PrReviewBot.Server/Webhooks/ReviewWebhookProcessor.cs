using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.PullRequest;
using PrReviewBot.Server.Commands;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Workers;

namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// Routes a verified delivery: pull request events that ask for a review and <c>/review</c>
/// comments become jobs in the durable queue; everything else is acknowledged and ignored. It
/// only enqueues — the slow work happens in the workers — so GitHub gets its answer quickly.
/// One instance per delivery; <see cref="Outcome"/> says what happened.
/// </summary>
public sealed partial class ReviewWebhookProcessor : WebhookEventProcessor
{
    private static readonly HashSet<string> ReviewedActions = new(StringComparer.Ordinal) { "opened", "reopened", "synchronize", "ready_for_review" };

    private readonly IJobStore store;
    private readonly JobSignal signal;
    private readonly ReviewTriggerOptions triggers;
    private readonly ILogger<ReviewWebhookProcessor> logger;

    public ReviewWebhookProcessor(IJobStore store, JobSignal signal, IOptions<ReviewTriggerOptions> triggers, ILogger<ReviewWebhookProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        this.store = store;
        this.signal = signal;
        this.triggers = triggers.Value;
        this.logger = logger;
    }

    /// <summary>
    /// Whether a delivery of this event and action can lead to a review. Others are answered before
    /// their body is parsed, so an action whose payload shape is new to us is still acknowledged.
    /// </summary>
    public static bool MayActOn(string eventName, string? action) => eventName switch
    {
        "pull_request" => ReviewedActions.Contains(action ?? string.Empty),
        "issue_comment" => action == "created",
        _ => false,
    };

    /// <summary>What the delivery led to: <c>queued</c>, <c>duplicate</c>, or <c>ignored: why</c>.</summary>
    public string Outcome { get; private set; } = "ignored: not an event PrReviewBot acts on";

    protected override async ValueTask ProcessPullRequestWebhookAsync(
        WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(pullRequestEvent);
        var pull = pullRequestEvent.PullRequest;
        if (!ReviewedActions.Contains(pullRequestEvent.Action ?? string.Empty))
        {
            Ignore(headers, $"pull_request action '{pullRequestEvent.Action}' does not ask for a review");
            return;
        }

        if (pull.Draft && triggers.SkipDrafts)
        {
            Ignore(headers, "the pull request is a draft");
            return;
        }

        if (pullRequestEvent.Installation is null || pullRequestEvent.Repository is null)
        {
            Ignore(headers, "the delivery names no installation or repository");
            return;
        }

        await EnqueueAsync(headers, new JobRequest(
            headers.Delivery!,
            JobKind.PullRequest,
            pullRequestEvent.Installation.Id,
            pullRequestEvent.Repository.Owner.Login,
            pullRequestEvent.Repository.Name,
            checked((int)pull.Number),
            pull.Head.Sha,
            "{}"), cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask ProcessIssueCommentWebhookAsync(
        WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(issueCommentEvent);
        var comment = issueCommentEvent.Comment;
        if (issueCommentEvent.Action != "created" || !ReviewCommand.IsCommand(comment.Body))
        {
            Ignore(headers, "not a new /review comment");
            return;
        }

        if (issueCommentEvent.Issue.PullRequest is null)
        {
            Ignore(headers, "/review on an issue, not a pull request");
            return;
        }

        if (IsBot(issueCommentEvent.Sender) || IsBot(comment.User))
        {
            Ignore(headers, "comments by bots (including this one) are not commands");
            return;
        }

        if (issueCommentEvent.Installation is null || issueCommentEvent.Repository is null)
        {
            Ignore(headers, "the delivery names no installation or repository");
            return;
        }

        var payload = new ReviewCommandPayload(comment.Id, comment.User.Login, comment.AuthorAssociation.StringValue);
        await EnqueueAsync(headers, new JobRequest(
            headers.Delivery!,
            JobKind.ReviewCommand,
            issueCommentEvent.Installation.Id,
            issueCommentEvent.Repository.Owner.Login,
            issueCommentEvent.Repository.Name,
            checked((int)issueCommentEvent.Issue.Number),
            null,
            payload.ToJson()), cancellationToken).ConfigureAwait(false);
    }

    private static bool IsBot(Octokit.Webhooks.Models.User? user) =>
        user is not null && (string.Equals(user.Type.StringValue, "Bot", StringComparison.OrdinalIgnoreCase) || user.Login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase));

    private async Task EnqueueAsync(WebhookHeaders headers, JobRequest request, CancellationToken cancellationToken)
    {
        var outcome = await store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome == EnqueueOutcome.Queued)
        {
            Outcome = "queued";
            LogQueued(logger, headers.Delivery, request.Kind, request.Owner, request.Repository, request.PullRequestNumber, request.HeadSha);
            signal.Notify();
        }
        else
        {
            Outcome = "duplicate";
            LogDuplicate(logger, headers.Delivery);
        }
    }

    private void Ignore(WebhookHeaders headers, string reason)
    {
        Outcome = "ignored: " + reason;
        LogIgnored(logger, headers.Delivery, headers.Event, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: queued {Kind} for {Owner}/{Repository}#{Number} at {HeadSha}")]
    private static partial void LogQueued(ILogger logger, string? deliveryId, JobKind kind, string owner, string repository, int number, string? headSha);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: already received; nothing added")]
    private static partial void LogDuplicate(ILogger logger, string? deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({Event}): ignored, {Reason}")]
    private static partial void LogIgnored(ILogger logger, string? deliveryId, string? @event, string reason);
}
