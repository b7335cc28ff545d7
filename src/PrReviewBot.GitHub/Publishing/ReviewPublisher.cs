using System.Globalization;
using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.GitHub.Http;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>What to publish: the engine's answer for a loaded pull request.</summary>
/// <param name="RequestedBy">The login that asked with <c>/review</c>; null for reviews the bot started itself.</param>
public sealed record PublishRequest(LoadedPullRequest PullRequest, ReviewResult Result, TimeSpan EngineTime, string? RequestedBy = null)
{
    /// <summary>The conversation as the job read it, if nothing was written to it since; null makes the publisher read it.</summary>
    public ConversationView? Conversation { get; init; }
}

/// <summary>What publishing did, for logs and tests.</summary>
public sealed record PublishOutcome(
    long SummaryCommentId,
    bool SummaryCreated,
    int Posted,
    int AlreadyPosted,
    int NotPlacedInline,
    int MarkedFixed,
    long? CheckRunId);

/// <summary>
/// Puts a review on GitHub without ever repeating itself: new findings go inline in reviews of at
/// most 30 comments, findings already posted (same fingerprint) are left alone, comments whose
/// finding is gone are marked fixed, findings GitHub will not take inline are listed in the one
/// summary comment, which is found by its marker and edited in place; then a check run. A create
/// whose answer is lost is never repeated blindly: our marker or fingerprints are looked for first.
/// </summary>
public sealed partial class ReviewPublisher
{
    private readonly GitHubClientFactory clients;
    private readonly CheckRunPublisher checks;
    private readonly ILogger<ReviewPublisher> logger;

    public ReviewPublisher(GitHubClientFactory clients, CheckRunPublisher checks, ILogger<ReviewPublisher> logger)
    {
        this.clients = clients;
        this.checks = checks;
        this.logger = logger;
    }

    public async Task<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pull = request.PullRequest;
        var target = pull.Target;
        var installation = clients.ForInstallation(target.InstallationId);
        var botLogin = await clients.BotLoginAsync(cancellationToken).ConfigureAwait(false);

        var ours = await OurInlineCommentsAsync(installation, target, botLogin).ConfigureAwait(false);
        var posted = ours.GroupBy(comment => InlineCommentWriter.FingerprintOf(comment.Body)!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

        var drafts = new List<DraftReviewComment>();
        var notInline = new List<Finding>();
        var overCap = new List<Finding>();
        var cameBack = new HashSet<long>();
        var alreadyPosted = 0;

        // The comments already standing count against the cap; new ones go to the most severe findings first.
        var room = Math.Max(0, pull.Options.MaxInlineComments) - request.Result.Findings.Count(finding => posted.ContainsKey(finding.Fingerprint));
        foreach (var finding in request.Result.Findings.OrderByDescending(finding => finding.Severity)
            .ThenBy(finding => finding.Path, StringComparer.Ordinal)
            .ThenBy(finding => finding.StartLine))
        {
            if (posted.TryGetValue(finding.Fingerprint, out var existing))
            {
                alreadyPosted++;
                if (InlineCommentWriter.IsFixed(existing.Body))
                {
                    // The defect came back: the comment says so again (and its thread reopens) rather than posting a twin.
                    await UpdateReviewCommentAsync(installation, target, existing.Id, InlineCommentWriter.Write(finding, withSuggestion: false), cancellationToken).ConfigureAwait(false);
                    cameBack.Add(existing.Id);
                }

                continue;
            }

            pull.Diff.TryGetValue(finding.Path, out var hunks);
            if (InlinePlacement.For(finding, hunks) is not { } placement)
            {
                notInline.Add(finding);
            }
            else if (drafts.Count >= room)
            {
                overCap.Add(finding);
            }
            else
            {
                var body = GitHubLimits.Fit(InlineCommentWriter.Write(finding, withSuggestion: placement.Exact), InlineCommentWriter.Marker(finding.Fingerprint));
                drafts.Add(DraftReviewComment.From(placement, body));
            }
        }

        var fixedNow = await MarkFixedAsync(installation, request, posted, cancellationToken).ConfigureAwait(false);
        var markedFixed = fixedNow.Count;
        await SetThreadsResolvedAsync(installation, target, fixedNow, cameBack, cancellationToken).ConfigureAwait(false);
        var rejected = await PostReviewsAsync(installation, request, drafts, alreadyPosted, botLogin, cancellationToken).ConfigureAwait(false);
        var rejectedSet = rejected.ToHashSet();
        notInline.AddRange(request.Result.Findings.Where(finding => rejectedSet.Contains(finding.Fingerprint)));

        var (summaryId, created, failureNotices) = await UpsertSummaryAsync(installation, request, notInline, overCap, botLogin, cancellationToken).ConfigureAwait(false);
        var checkRun = await checks.PublishAsync(installation, request, cancellationToken).ConfigureAwait(false);
        foreach (var notice in failureNotices)
        {
            // This review stands now, so an earlier job's word that it could not finish one is no longer true.
            cancellationToken.ThrowIfCancellationRequested();
            await OurComments.DeleteAsync(installation, target, notice.Id).ConfigureAwait(false);
        }

        var outcome = new PublishOutcome(summaryId, created, drafts.Count - rejected.Count, alreadyPosted, notInline.Count + overCap.Count, markedFixed, checkRun);
        LogPublished(logger, target, pull.HeadSha, outcome.Posted, outcome.AlreadyPosted, outcome.NotPlacedInline, outcome.MarkedFixed, created ? "created" : "updated");
        return outcome;
    }

    /// <summary>
    /// Posts the drafts in reviews of at most 30 comments. When GitHub rejects a review (422: a line
    /// it will not resolve), posts that review's comments one by one and returns the fingerprints of
    /// those it still rejects, so they are listed in the summary instead of being lost.
    /// </summary>
    private async Task<List<string>> PostReviewsAsync(
        InstallationClient installation, PublishRequest request, List<DraftReviewComment> drafts, int alreadyPosted, string? botLogin, CancellationToken cancellationToken)
    {
        var pull = request.PullRequest;
        var target = pull.Target;
        var rejected = new List<string>();
        var batches = drafts.Chunk(GitHubLimits.CommentsPerReview).ToList();
        if (batches.Count == 0 && request.RequestedBy is { } requester)
        {
            // An explicit /review always gets an answer, even when every finding is already on the PR.
            var body = string.Create(CultureInfo.InvariantCulture, $"Fresh review of `{Short(pull.HeadSha)}` for @{requester}: nothing new on the changed lines") +
                (alreadyPosted > 0 ? string.Create(CultureInfo.InvariantCulture, $"; the {alreadyPosted} earlier comment{(alreadyPosted == 1 ? " still applies" : "s still apply")}.") : ".") +
                " The summary comment is up to date.";
            await PostReviewOnceAsync(installation, target, new NewReviewRequest(pull.HeadSha, body, "COMMENT", []), botLogin, cancellationToken).ConfigureAwait(false);
            return rejected;
        }

        for (var index = 0; index < batches.Count; index++)
        {
            var batch = batches[index];
            var review = new NewReviewRequest(pull.HeadSha, ReviewBody(request, batch.Length, index, batches.Count), "COMMENT", batch);
            try
            {
                await PostReviewOnceAsync(installation, target, review, botLogin, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiValidationException exception)
            {
                LogReviewRejected(logger, target, batch.Length, exception.Message);
                foreach (var comment in batch)
                {
                    var fingerprint = InlineCommentWriter.FingerprintOf(comment.Body)!;
                    try
                    {
                        await CreateOnce.RunAsync(
                            () => installation.Api.Post<PullRequestReviewComment>(
                                ApiUrls.PullRequestReviewComments(target.Owner, target.Repository, target.Number),
                                NewReviewCommentRequest.From(pull.HeadSha, comment),
                                cancellationToken),
                            async () => (await OurInlineCommentsAsync(installation, target, botLogin).ConfigureAwait(false))
                                .FirstOrDefault(posted => InlineCommentWriter.FingerprintOf(posted.Body) == fingerprint),
                            (exception, attempt) => LogAnswerLost(logger, "inline comment", target, attempt, exception.Message),
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (ApiValidationException single)
                    {
                        LogCommentRejected(logger, target, comment.Path, comment.Line, single.Message);
                        rejected.Add(fingerprint);
                    }
                }
            }
        }

        return rejected;
    }

    /// <summary>
    /// Posts a review; when its answer is lost, re-reads our inline comments and posts again only the
    /// comments GitHub does not have (a review is stored whole or not at all, but a new review for
    /// the missing ones is right either way). A review without comments is found by its commit and body.
    /// </summary>
    private async Task PostReviewOnceAsync(InstallationClient installation, PullRequestTarget target, NewReviewRequest review, string? botLogin, CancellationToken cancellationToken)
    {
        var pending = review;
        await CreateOnce.RunAsync(
            () => installation.Api.Post<PullRequestReview>(ApiUrls.PullRequestReviews(target.Owner, target.Repository, target.Number), pending, cancellationToken),
            async () =>
            {
                if (pending.Comments.Count == 0)
                {
                    var reviews = await installation.Client.PullRequest.Review.GetAll(target.Owner, target.Repository, target.Number, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
                    return reviews.Any(posted => OurComments.IsOurs(posted.User, botLogin) && posted.CommitId == pending.CommitId && posted.Body == pending.Body);
                }

                var present = (await OurInlineCommentsAsync(installation, target, botLogin).ConfigureAwait(false))
                    .Select(comment => InlineCommentWriter.FingerprintOf(comment.Body))
                    .ToHashSet(StringComparer.Ordinal);
                pending = pending with { Comments = pending.Comments.Where(comment => !present.Contains(InlineCommentWriter.FingerprintOf(comment.Body))).ToList() };
                return pending.Comments.Count == 0;
            },
            (exception, attempt) => LogAnswerLost(logger, "review", target, attempt, exception.Message),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Our inline comments on the pull request: those by the App that carry a fingerprint marker.</summary>
    private static async Task<List<PullRequestReviewComment>> OurInlineCommentsAsync(InstallationClient installation, PullRequestTarget target, string? botLogin) =>
        (await installation.Client.PullRequest.ReviewComment.GetAll(target.Owner, target.Repository, target.Number, new ApiOptions { PageSize = 100 }).ConfigureAwait(false))
            .Where(comment => OurComments.IsOurs(comment.User, botLogin) && InlineCommentWriter.FingerprintOf(comment.Body) is not null)
            .ToList();

    private static string ReviewBody(PublishRequest request, int comments, int index, int batches)
    {
        var security = request.Result.Security.Count();
        var lead = security > 0
            ? string.Create(CultureInfo.InvariantCulture, $"PrReviewBot found {security} security defect{(security == 1 ? string.Empty : "s")} in this change; details are in the summary comment.")
            : "PrReviewBot: suggestions on the changed lines; the summary comment groups them.";
        var part = batches > 1 ? string.Create(CultureInfo.InvariantCulture, $" (part {index + 1} of {batches})") : string.Empty;
        var asked = request.RequestedBy is { } login && index == 0 ? $" Reviewed `{Short(request.PullRequest.HeadSha)}` as @{login} asked." : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{lead}{asked} {comments} comment{(comments == 1 ? string.Empty : "s")}{part}.");
    }

    /// <summary>Resolves the threads of our comments whose findings are gone and reopens those whose findings came back; a failure leaves the review standing.</summary>
    private async Task SetThreadsResolvedAsync(InstallationClient installation, PullRequestTarget target, IReadOnlySet<long> resolve, IReadOnlySet<long> reopen, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await ReviewThreads.SetResolvedAsync(installation, target, resolve, reopen, cancellationToken).ConfigureAwait(false);
            if (changed > 0)
            {
                LogThreads(logger, target, changed);
            }
        }
        catch (Exception exception) when (exception is ApiException or GraphQlException or HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            LogThreadsFailed(logger, target, exception.Message);
        }
    }

    /// <summary>
    /// Edits our comments whose finding is gone from a file reviewed this time (comments on files not reviewed now are
    /// left as they are); returns their ids.
    /// </summary>
    private static async Task<HashSet<long>> MarkFixedAsync(
        InstallationClient installation, PublishRequest request, Dictionary<string, PullRequestReviewComment> posted, CancellationToken cancellationToken)
    {
        var current = request.Result.Findings.Select(finding => finding.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var reviewedPaths = request.Result.Coverage.Reviewed.Select(file => file.Path)
            .Concat(request.Result.Coverage.TextOnly.Select(file => file.Path))
            .ToHashSet(StringComparer.Ordinal);
        var stillInPullRequest = request.PullRequest.Diff.Keys.ToHashSet(StringComparer.Ordinal);
        var marked = new HashSet<long>();
        foreach (var (fingerprint, comment) in posted)
        {
            var gone = !current.Contains(fingerprint) && (reviewedPaths.Contains(comment.Path) || !stillInPullRequest.Contains(comment.Path));
            if (!gone || InlineCommentWriter.IsFixed(comment.Body))
            {
                continue;
            }

            var body = InlineCommentWriter.WriteFixed(fingerprint, InlineCommentWriter.TitleOf(comment.Body), request.PullRequest.HeadSha);
            await UpdateReviewCommentAsync(installation, request.PullRequest.Target, comment.Id, body, cancellationToken).ConfigureAwait(false);
            marked.Add(comment.Id);
        }

        return marked;
    }

    private static Task<PullRequestReviewComment> UpdateReviewCommentAsync(InstallationClient installation, PullRequestTarget target, long commentId, string body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return installation.Client.PullRequest.ReviewComment.Edit(target.Owner, target.Repository, commentId, new PullRequestReviewCommentEdit(body));
    }

    /// <summary>Edits our summary in place or creates it; also returns our failure notices, read in the same listing.</summary>
    private async Task<(long Id, bool Created, List<IssueComment> FailureNotices)> UpsertSummaryAsync(
        InstallationClient installation, PublishRequest request, List<Finding> notInline, List<Finding> overCap, string? botLogin, CancellationToken cancellationToken)
    {
        var pull = request.PullRequest;
        var target = pull.Target;
        var context = new SummaryContext(
            LinkBase: string.IsNullOrEmpty(pull.HtmlUrl) ? null : $"{pull.HtmlUrl.TrimEnd('/')}/blob/{pull.HeadSha}/",
            EngineTime: request.EngineTime,
            IncludeMarker: true,
            MaxExamplesPerGroup: pull.Options.MaxExamplesPerGroup)
        {
            NotPlacedInline = notInline,
            OverInlineCap = overCap,
            InlineCap = Math.Max(0, pull.Options.MaxInlineComments),
            Notices = pull.Notices,
        };
        var conversation = request.Conversation?.Comments ?? await OurComments.ReadConversationAsync(installation, target).ConfigureAwait(false);
        var failureNotices = OurComments.WithMarker(conversation, botLogin, OurComments.FailureMarker).ToList();
        var existing = await OurSummaryAsync(installation, target, conversation, botLogin, cancellationToken).ConfigureAwait(false);

        // What the commands set lives in the summary: a review carries it on.
        var body = PullRequestState.Of(existing?.Body).InSummary(SummaryWriter.Write(request.Result, context));
        cancellationToken.ThrowIfCancellationRequested();
        if (existing is not null)
        {
            if (!string.Equals(existing.Body, body, StringComparison.Ordinal))
            {
                await installation.Client.Issue.Comment.Update(target.Owner, target.Repository, existing.Id, body).ConfigureAwait(false);
            }

            return (existing.Id, false, failureNotices);
        }

        var created = await CreateOnce.RunAsync(
            () => installation.Client.Issue.Comment.Create(target.Owner, target.Repository, target.Number, body),
            async () => await OurSummaryAsync(installation, target, await OurComments.ReadConversationAsync(installation, target).ConfigureAwait(false), botLogin, cancellationToken).ConfigureAwait(false),
            (exception, attempt) => LogAnswerLost(logger, "summary comment", target, attempt, exception.Message),
            cancellationToken).ConfigureAwait(false);
        if (!string.Equals(created.Body, body, StringComparison.Ordinal))
        {
            await installation.Client.Issue.Comment.Update(target.Owner, target.Repository, created.Id, body).ConfigureAwait(false);
        }

        return (created.Id, true, failureNotices);
    }

    /// <summary>
    /// Our summary comment: the oldest comment by the App with the summary marker. Any later twin
    /// (left by a create whose answer was lost before this reading existed) is deleted, so the pull
    /// request ends with exactly one.
    /// </summary>
    private async Task<IssueComment?> OurSummaryAsync(
        InstallationClient installation, PullRequestTarget target, IReadOnlyList<IssueComment> conversation, string? botLogin, CancellationToken cancellationToken)
    {
        var summaries = OurComments.WithMarker(conversation, botLogin, SummaryWriter.Marker).ToList();
        foreach (var twin in summaries.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await OurComments.DeleteAsync(installation, target, twin.Id).ConfigureAwait(false);
            LogTwinDeleted(logger, target, twin.Id);
        }

        return summaries.FirstOrDefault();
    }

    private static string Short(string sha) => sha.Length > 7 ? sha[..7] : sha;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resolved or reopened {Count} review threads of ours on {PullRequest}")]
    private static partial void LogThreads(ILogger logger, PullRequestTarget pullRequest, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not resolve or reopen our review threads on {PullRequest} ({Reason}); the review stands")]
    private static partial void LogThreadsFailed(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {PullRequest} at {HeadSha}: {Posted} new inline, {AlreadyPosted} already posted, {NotInline} in the summary only, {MarkedFixed} marked fixed; summary {SummaryAction}")]
    private static partial void LogPublished(ILogger logger, PullRequestTarget pullRequest, string headSha, int posted, int alreadyPosted, int notInline, int markedFixed, string summaryAction);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to creating the {What} on {PullRequest} was lost (attempt {Attempt}: {Reason}); looking for it before posting again")]
    private static partial void LogAnswerLost(ILogger logger, string what, PullRequestTarget pullRequest, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted a second summary comment {CommentId} of ours on {PullRequest}")]
    private static partial void LogTwinDeleted(ILogger logger, PullRequestTarget pullRequest, long commentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rejected a review of {Count} comments on {PullRequest} ({Reason}); posting them one by one")]
    private static partial void LogReviewRejected(ILogger logger, PullRequestTarget pullRequest, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rejected the comment on {Path}:{Line} of {PullRequest} ({Reason}); it goes to the summary")]
    private static partial void LogCommentRejected(ILogger logger, PullRequestTarget pullRequest, string path, int line, string reason);
}
