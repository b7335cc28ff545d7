using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.GitHub.Authentication;

namespace PrReviewBot.Server;

/// <summary>
/// Confirms the App's identity with GitHub at start. Confirmed: logs the App's slug and lets
/// <c>/healthz</c> say ok. Refused (401: wrong key or App id): logs why and stops the server with
/// exit code 1, since every job would fail the same way. Unreachable: logs a warning naming the
/// URL, keeps running (deliveries are still stored) but not ready, and asks again with backoff.
/// </summary>
public sealed partial class AppIdentityMonitor(
    GitHubClientFactory clients,
    IOptions<GitHubAppOptions> options,
    ServerReadiness readiness,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<AppIdentityMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var check = new AppIdentityCheck(clients, options.Value);
        var wait = FirstRetry;
        readiness.WaitFor($"GitHub to confirm the App's identity (GET {options.Value.ApiBaseUrl}app)");
        while (!stoppingToken.IsCancellationRequested)
        {
            var result = await check.CheckAsync(stoppingToken).ConfigureAwait(false);
            switch (result.Status)
            {
                case AppIdentityStatus.Confirmed:
                    LogConfirmed(logger, result.Slug ?? "?", options.Value.AppId);
                    readiness.Ready();
                    return;
                case AppIdentityStatus.Refused:
                    LogRefused(logger, result.Problem ?? string.Empty);
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                default:
                    LogUnreachable(logger, result.Problem ?? string.Empty, wait.TotalSeconds);
                    await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub confirmed the App's identity: {Slug} (App id {AppId})")]
    private static partial void LogConfirmed(ILogger logger, string slug, long appId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "GitHub refused the App's identity; stopping with exit code 1. {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub could not confirm the App's identity: {Problem} Deliveries are still stored; /healthz says not ready until GitHub answers (next try in {RetrySeconds} s).")]
    private static partial void LogUnreachable(ILogger logger, string problem, double retrySeconds);
}
