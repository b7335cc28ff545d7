using System.Globalization;
using Microsoft.Extensions.Options;
using Octokit;
using PrReviewBot.GitHub;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// The background workers: lease a due job, keep the lease alive while working, then complete,
/// retry with backoff, or fail it for good with a log entry and a short comment on the pull
/// request. On shutdown an in-flight job gets <see cref="QueueOptions.DrainSeconds"/> to finish and
/// is otherwise released to the queue, so a restart picks it up.
/// </summary>
public sealed partial class ReviewWorker : BackgroundService
{
    private readonly IJobStore store;
    private readonly ReviewJobRunner runner;
    private readonly GitHub.Publishing.PullRequestConversation conversation;
    private readonly GitHubClientFactory clients;
    private readonly JobSignal signal;
    private readonly QueueOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ReviewWorker> logger;
    private readonly string workerId = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    public ReviewWorker(
        IJobStore store,
        ReviewJobRunner runner,
        GitHub.Publishing.PullRequestConversation conversation,
        GitHubClientFactory clients,
        JobSignal signal,
        IOptions<QueueOptions> options,
        TimeProvider timeProvider,
        ILogger<ReviewWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.runner = runner;
        this.conversation = conversation;
        this.clients = clients;
        this.signal = signal;
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(1, Math.Max(1, options.Workers)).Select(slot => Task.Run(() => WorkAsync(slot, stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(int slot, CancellationToken stoppingToken)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{workerId}/{slot}");
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedJob? job;
            try
            {
                job = await store.TryLeaseAsync(id, options.Lease, stoppingToken).ConfigureAwait(false);
                if (job is null)
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(50, options.PollMilliseconds)), stoppingToken).ConfigureAwait(false);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogStoreUnavailable(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await RunLeasedAsync(job, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunLeasedAsync(LeasedJob job, CancellationToken stoppingToken)
    {
        using var work = new CancellationTokenSource();
        using var drain = stoppingToken.Register(() => work.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, options.DrainSeconds))));
        using var heartbeat = new CancellationTokenSource();
        var renewing = RenewWhileWorkingAsync(job, work, heartbeat.Token);
        var target = ReviewJobRunner.Target(job.Request);
        LogStarted(logger, job.Id, job.Request.Kind, target, job.Attempt);
        try
        {
            await runner.RunAsync(job, work.Token).ConfigureAwait(false);
            await StopRenewingAsync(heartbeat, renewing).ConfigureAwait(false);
            if (await store.CompleteAsync(job, CancellationToken.None).ConfigureAwait(false))
            {
                LogDone(logger, job.Id, target);
            }
            else
            {
                LogLeaseLost(logger, job.Id, target);
            }
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            await StopRenewingAsync(heartbeat, renewing).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                await store.ReleaseAsync(job, CancellationToken.None).ConfigureAwait(false);
                LogReleased(logger, job.Id, target);
            }
            else
            {
                LogLeaseLost(logger, job.Id, target);
            }
        }
        catch (Exception exception)
        {
            await StopRenewingAsync(heartbeat, renewing).ConfigureAwait(false);
            await HandleFailureAsync(job, exception).ConfigureAwait(false);
        }
    }

    private async Task HandleFailureAsync(LeasedJob job, Exception exception)
    {
        var target = ReviewJobRunner.Target(job.Request);
        if (exception is AuthorizationException)
        {
            clients.Tokens.Invalidate(job.Request.InstallationId);
        }

        var reason = Describe(exception);
        // The GitHub client already asked again with a fresh installation token before giving up on a 401,
        // so it means the App's key or id is wrong (or it was uninstalled): no further attempt would differ.
        var refusedAgain = exception is AuthorizationException;
        if (IsPermanent(exception) || refusedAgain || job.Attempt >= Math.Max(1, options.MaxAttempts))
        {
            await store.FailAsync(job, reason, CancellationToken.None).ConfigureAwait(false);
            LogFailed(logger, exception, job.Id, target, job.Attempt, reason);
            await TellPullRequestAsync(job, reason).ConfigureAwait(false);
            return;
        }

        var retryAt = RetryTime(job.Attempt, exception);
        await store.RetryLaterAsync(job, retryAt, reason, CancellationToken.None).ConfigureAwait(false);
        LogRetrying(logger, job.Id, target, job.Attempt, reason, retryAt);
    }

    private DateTimeOffset RetryTime(int attempt, Exception exception)
    {
        var now = timeProvider.GetUtcNow();
        if (exception is RateLimitExceededException limited && limited.Reset > now)
        {
            return limited.Reset + TimeSpan.FromSeconds(1);
        }

        var backoff = TimeSpan.FromSeconds(Math.Max(1, options.RetryBaseSeconds) * Math.Pow(2, Math.Min(attempt - 1, 10)));
        var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000));
        return now + backoff + jitter;
    }

    /// <summary>Failures another attempt cannot fix: the pull request is gone, or the App lacks a permission.</summary>
    private static bool IsPermanent(Exception exception) => exception switch
    {
        NotFoundException => true,
        RateLimitExceededException or SecondaryRateLimitExceededException => false,
        ForbiddenException => true,
        InvalidDataException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        NotFoundException => "GitHub answered 404: the pull request or repository is gone, or the App is not installed on it.",
        ForbiddenException forbidden when forbidden is not RateLimitExceededException and not SecondaryRateLimitExceededException =>
            "GitHub refused the App (403): check that it has the permissions app-manifest.yml lists. " + forbidden.Message,
        AuthorizationException => "GitHub answered 401 to the App: check GitHub:AppId and the private key, and that the App is still installed.",
        ApiException api => string.Create(CultureInfo.InvariantCulture, $"GitHub answered {(int)api.StatusCode}: {api.Message}"),
        HttpRequestException http => "GitHub could not be reached: " + http.Message,
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    private async Task TellPullRequestAsync(LeasedJob job, string reason)
    {
        try
        {
            var sha = job.Request.HeadSha is { Length: > 7 } head ? $" of `{head[..7]}`" : string.Empty;
            await conversation.PostFailureNoticeAsync(
                ReviewJobRunner.Target(job.Request),
                $"PrReviewBot could not finish the review{sha} after {job.Attempt} attempt{(job.Attempt == 1 ? string.Empty : "s")}: {reason}\n\nComment `/review` to try again.",
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException)
        {
            LogNoticeFailed(logger, exception, job.Id);
        }
    }

    private async Task RenewWhileWorkingAsync(LeasedJob job, CancellationTokenSource work, CancellationToken stop)
    {
        var interval = options.Lease / 3;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, timeProvider, stop).ConfigureAwait(false);
                if (!await store.RenewAsync(job, options.Lease, stop).ConfigureAwait(false))
                {
                    // Another worker took the job over: stop here rather than publish twice in parallel.
                    await work.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRenewFailed(logger, exception, job.Id);
        }
    }

    private static async Task StopRenewingAsync(CancellationTokenSource heartbeat, Task renewing)
    {
        await heartbeat.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) for {PullRequest}: attempt {Attempt} started")]
    private static partial void LogStarted(ILogger logger, long jobId, JobKind kind, GitHub.Snapshots.PullRequestTarget pullRequest, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} for {PullRequest}: done")]
    private static partial void LogDone(ILogger logger, long jobId, GitHub.Snapshots.PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} for {PullRequest}: the lease was lost to another worker; its result is theirs")]
    private static partial void LogLeaseLost(ILogger logger, long jobId, GitHub.Snapshots.PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} for {PullRequest}: released to the queue at shutdown")]
    private static partial void LogReleased(ILogger logger, long jobId, GitHub.Snapshots.PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} for {PullRequest}: attempt {Attempt} failed ({Reason}); retrying at {RetryAt:o}")]
    private static partial void LogRetrying(ILogger logger, long jobId, GitHub.Snapshots.PullRequestTarget pullRequest, int attempt, string reason, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} for {PullRequest}: failed for good after {Attempt} attempts: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId, GitHub.Snapshots.PullRequestTarget pullRequest, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not tell the pull request that the review failed")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: renewing its lease failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job store is unavailable; workers retry in 5 s")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
