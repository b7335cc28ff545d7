using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Publishing;
using PrReviewBot.GitHub.Snapshots;
using PrReviewBot.Server.Commands;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Reviews;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// Does one job: for <c>/review</c>, checks the author may ask and reacts with 👀; then loads the
/// pull request, runs the engine and publishes. When findings sit in files whose base version
/// was not loaded, it reads just those bases and reviews again, so findings the base already had
/// are not blamed on the pull request; if GitHub will not give them, the first review stands. After a push that only
/// added commits, only the files it changed are loaded and reviewed, and the other files' findings are carried over
/// from the record of the last review (<see cref="ReviewRecord"/>), so the summary still covers the whole pull request;
/// <c>/review full</c>, a rewritten history, a moved base or a missing record mean a full review. Every step is safe to
/// repeat, because a job whose worker died is done again by another.
/// </summary>
public sealed partial class ReviewJobRunner
{
    private readonly PullRequestLoader loader;
    private readonly ReviewEngine engine;
    private readonly ReviewCpu cpu;
    private readonly ReviewPublisher publisher;
    private readonly PullRequestConversation conversation;
    private readonly IReviewRecordStore records;
    private readonly ReviewTriggerOptions triggers;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ReviewJobRunner> logger;

    public ReviewJobRunner(
        PullRequestLoader loader,
        ReviewEngine engine,
        ReviewPublisher publisher,
        PullRequestConversation conversation,
        IReviewRecordStore records,
        IOptions<ReviewTriggerOptions> triggers,
        TimeProvider timeProvider,
        ILogger<ReviewJobRunner> logger,
        ReviewCpu cpu)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        this.loader = loader;
        this.engine = engine;
        this.cpu = cpu;
        this.publisher = publisher;
        this.conversation = conversation;
        this.records = records;
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
        var full = false;
        ConversationView? read = await conversation.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        var state = read.State;
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

            if (!ReferenceEquals(changed, state))
            {
                // The command wrote to the summary: the conversation read before is stale.
                read = null;
            }

            state = changed;
            requestedBy = payload.Author;
            full = command.Kind == CommandKind.ReviewFull;
        }
        else if (state.Paused)
        {
            LogSkipped(logger, target, "reviews are paused on it (/prreviewbot pause)");
            return;
        }

        var record = full ? null : await ReadRecordAsync(target, cancellationToken).ConfigureAwait(false);
        var ignored = state.IgnoredRules;
        var pull = await loader.LoadAsync(target, record?.Basis(options => record.Settings == ReviewRecord.SettingsOf(WithIgnored(options, ignored))), cancellationToken).ConfigureAwait(false);
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

        var (reviewed, result, elapsed) = await ReviewAsync(WithIgnored(pull, ignored), cancellationToken).ConfigureAwait(false);
        var whole = result;
        if (reviewed.Carried is { } carried)
        {
            if (record?.Merge(result, carried, engine.Rules) is { } merged)
            {
                whole = merged;
                reviewed = reviewed with { Notices = [.. reviewed.Notices, Covered(reviewed.Snapshot.Files.Count, reviewed.Since!, carried.Count)] };
            }
            else
            {
                // The record cannot speak for the files it should: review them all after all.
                LogRecordUnusable(logger, target);
                (reviewed, result, elapsed) = await ReviewAsync(WithIgnored(await loader.LoadAsync(target, cancellationToken).ConfigureAwait(false), ignored), cancellationToken).ConfigureAwait(false);
                whole = result;
                record = null;
            }
        }

        await publisher.PublishAsync(new PublishRequest(reviewed, whole, elapsed, requestedBy) { Conversation = read }, cancellationToken).ConfigureAwait(false);
        await SaveRecordAsync(target, ReviewRecord.Of(reviewed, result, ReviewRecord.SettingsOf(reviewed.Options), record), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the engine on the loaded files. When findings sit in files whose base version was not loaded, reads just
    /// those bases and runs it again; returns the pull request as last reviewed, the result and the engine's time.
    /// </summary>
    private async Task<(LoadedPullRequest Pull, ReviewResult Result, TimeSpan Elapsed)> ReviewAsync(LoadedPullRequest pull, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var result = await cpu.RunAsync(() => engine.Review(pull.Snapshot, pull.Options, cancellationToken), cancellationToken).ConfigureAwait(false);
        var elapsed = timeProvider.GetElapsedTime(started);
        if (result.Coverage.BaseMissing.Count > 0
            && await loader.LoadBaseVersionsAsync(pull, result.Coverage.BaseMissing, cancellationToken).ConfigureAwait(false) is { } withBases)
        {
            pull = withBases;
            started = timeProvider.GetTimestamp();
            result = await cpu.RunAsync(() => engine.Review(withBases.Snapshot, withBases.Options, cancellationToken), cancellationToken).ConfigureAwait(false);
            elapsed += timeProvider.GetElapsedTime(started);
        }

        // The summary names these too, but only the log keeps what the engine said about why.
        foreach (var problem in result.Coverage.Problems)
        {
            LogEngineProblem(logger, pull.Target, problem);
        }

        return (pull, result, elapsed);
    }

    /// <summary>Rules ignored by command on this pull request are quiet, and the summary says so.</summary>
    private static LoadedPullRequest WithIgnored(LoadedPullRequest pull, IReadOnlyList<string> ignored) =>
        ignored.Count == 0 ? pull : pull with
        {
            Options = WithIgnored(pull.Options, ignored),
            Notices = [.. pull.Notices, $"Ignored on this pull request (`/prreviewbot ignore`): {string.Join(", ", ignored.Select(rule => $"`{rule}`"))}."],
        };

    private static ReviewOptions WithIgnored(ReviewOptions options, IReadOnlyList<string> ignored) =>
        ignored.Count == 0 ? options : options with { DisabledRules = new HashSet<string>(options.DisabledRules.Concat(ignored), StringComparer.Ordinal) };

    /// <summary>The last review's record; null (a full review) when there is none, it does not read back, or the store fails.</summary>
    private async Task<ReviewRecord?> ReadRecordAsync(PullRequestTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var json = await records.ReadReviewAsync(target.Owner, target.Repository, target.Number, cancellationToken).ConfigureAwait(false);
            var record = ReviewRecord.FromJson(json);
            if (json is not null && record is null)
            {
                LogRecordUnusable(logger, target);
            }

            return record;
        }
        catch (DbException exception)
        {
            LogRecordStoreFailed(logger, exception, target);
            return null;
        }
    }

    /// <summary>
    /// Keeps what this review saw for the next one; a record that cannot be made or is too large is dropped instead, so
    /// the next review is a full one. A store that fails leaves the older record, which is still right for its own head.
    /// </summary>
    private async Task SaveRecordAsync(PullRequestTarget target, ReviewRecord? record, CancellationToken cancellationToken)
    {
        try
        {
            var json = record?.ToJson();
            if (json is null || json.Length > ReviewRecord.MaxJsonLength)
            {
                await records.ForgetReviewAsync(target.Owner, target.Repository, target.Number, cancellationToken).ConfigureAwait(false);
                return;
            }

            await records.SaveReviewAsync(target.Owner, target.Repository, target.Number, json, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            LogRecordStoreFailed(logger, exception, target);
        }
    }

    /// <summary>What an incremental review covered, for the summary.</summary>
    private static string Covered(int reviewed, string since, int carried)
    {
        var sha = since.Length > 7 ? since[..7] : since;
        var lead = reviewed == 0
            ? $"No file changed since `{sha}`"
            : string.Create(CultureInfo.InvariantCulture, $"Reviewed {reviewed} file{(reviewed == 1 ? string.Empty : "s")} changed since `{sha}`");
        return string.Create(CultureInfo.InvariantCulture, $"{lead}; {carried} file{(carried == 1 ? string.Empty : "s")} carried over from the previous review.");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The record of the last review of {PullRequest} is unusable; reviewing every file")]
    private static partial void LogRecordUnusable(ILogger logger, PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The record of the last review of {PullRequest} could not be read or kept; the next review is a full one")]
    private static partial void LogRecordStoreFailed(ILogger logger, Exception exception, PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review of {PullRequest}: the engine reported a problem: {Problem}")]
    private static partial void LogEngineProblem(ILogger logger, PullRequestTarget pullRequest, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{PullRequest} {What} by command")]
    private static partial void LogCommand(ILogger logger, PullRequestTarget pullRequest, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {PullRequest}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored /review on {PullRequest} from {Login} (association {Association}, permission {Permission}): write access is required")]
    private static partial void LogRefused(ILogger logger, PullRequestTarget pullRequest, string login, string association, string permission);
}
