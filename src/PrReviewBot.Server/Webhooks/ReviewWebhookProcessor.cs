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
/// One instance per delivery: the body is read first (a body that lacks what a job needs throws
/// <see cref="MalformedDeliveryException"/>), then <see cref="CommitAsync"/> stores the job;
/// <see cref="Outcome"/> says what happened.
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

    /// <summary>What the delivery led to: <c>queued</c>, <c>duplicate</c>, <c>ignored: why</c>, or <c>read</c> before it is committed.</summary>
    public string Outcome { get; private set; } = "ignored: not an event PrReviewBot acts on";

    /// <summary>The job the delivery asks for, once <see cref="WebhookEventProcessor.ProcessWebhookAsync(IDictionary{string, Microsoft.Extensions.Primitives.StringValues}, string, CancellationToken)"/> read it; null when it is ignored.</summary>
    public JobRequest? Request { get; private set; }

    /// <summary>
    /// Commits <see cref="Request"/> to the queue. Kept apart from reading the body so that a body
    /// that cannot be read (a permanent fault of the sender) is never mistaken for a store that
    /// cannot write (a transient fault of ours).
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Request is not { } request)
        {
            return;
        }

        var outcome = await store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome == EnqueueOutcome.Queued)
        {
            Outcome = "queued";
            LogQueued(logger, request.DeliveryId, request.Kind, request.Owner, request.Repository, request.PullRequestNumber, request.HeadSha);
            signal.Notify();
        }
        else
        {
            Outcome = "duplicate";
            LogDuplicate(logger, request.DeliveryId);
        }
    }

    protected override ValueTask ProcessPullRequestWebhookAsync(
        WebhookHeaders headers, PullRequestEvent pullRequestEvent, PullRequestAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(pullRequestEvent);
        if (!ReviewedActions.Contains(pullRequestEvent.Action ?? string.Empty))
        {
            Ignore(headers, $"pull_request action '{pullRequestEvent.Action}' does not ask for a review");
            return ValueTask.CompletedTask;
        }

        var pull = Required(pullRequestEvent.PullRequest, "pull_request");
        if (pull.Draft && triggers.SkipDrafts)
        {
            Ignore(headers, "the pull request is a draft");
            return ValueTask.CompletedTask;
        }

        if (pullRequestEvent.Installation is null || pullRequestEvent.Repository is null)
        {
            Ignore(headers, "the delivery names no installation or repository");
            return ValueTask.CompletedTask;
        }

        var head = Required(pull.Head, "pull_request.head");
        Request = new JobRequest(
            headers.Delivery!,
            JobKind.PullRequest,
            pullRequestEvent.Installation.Id,
            Required(Required(pullRequestEvent.Repository.Owner, "repository.owner").Login, "repository.owner.login"),
            Required(pullRequestEvent.Repository.Name, "repository.name"),
            PullNumber(pull.Number, "pull_request.number"),
            Required(head.Sha, "pull_request.head.sha"),
            "{}");
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ProcessIssueCommentWebhookAsync(
        WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(issueCommentEvent);
        var comment = Required(issueCommentEvent.Comment, "comment");
        if (issueCommentEvent.Action != "created" || !ReviewCommand.IsCommand(comment.Body))
        {
            Ignore(headers, "not a new /review or /prreviewbot comment");
            return ValueTask.CompletedTask;
        }

        var issue = Required(issueCommentEvent.Issue, "issue");
        if (issue.PullRequest is null)
        {
            Ignore(headers, "/review on an issue, not a pull request");
            return ValueTask.CompletedTask;
        }

        var author = Required(comment.User, "comment.user");
        if (IsBot(issueCommentEvent.Sender) || IsBot(author))
        {
            Ignore(headers, "comments by bots (including this one) are not commands");
            return ValueTask.CompletedTask;
        }

        if (issueCommentEvent.Installation is null || issueCommentEvent.Repository is null)
        {
            Ignore(headers, "the delivery names no installation or repository");
            return ValueTask.CompletedTask;
        }

        var payload = new ReviewCommandPayload(comment.Id, Required(author.Login, "comment.user.login"), comment.AuthorAssociation.StringValue, PullRequestCommand.FirstLine(comment.Body));
        Request = new JobRequest(
            headers.Delivery!,
            JobKind.ReviewCommand,
            issueCommentEvent.Installation.Id,
            Required(Required(issueCommentEvent.Repository.Owner, "repository.owner").Login, "repository.owner.login"),
            Required(issueCommentEvent.Repository.Name, "repository.name"),
            PullNumber(issue.Number, "issue.number"),
            null,
            payload.ToJson());
        return ValueTask.CompletedTask;
    }

    private static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw new MalformedDeliveryException($"'{field}' is missing or null");

    private static int PullNumber(long number, string field) =>
        number is > 0 and <= int.MaxValue ? (int)number : throw new MalformedDeliveryException($"'{field}' is {number}, not a pull request number");

    private static bool IsBot(Octokit.Webhooks.Models.User? user) =>
        user is not null && (string.Equals(user.Type.StringValue, "Bot", StringComparison.OrdinalIgnoreCase) || (user.Login?.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase) ?? false));

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
