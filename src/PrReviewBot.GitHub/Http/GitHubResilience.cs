using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// The one resilience pipeline every GitHub request goes through: jittered exponential retries on
/// 5xx and network errors, and on 403/429 rate limits a wait for exactly as long as GitHub asks
/// (<c>retry-after</c>, else <c>x-ratelimit-reset</c>, else a minute for secondary limits) when that
/// wait is short; a longer one fails the request so the job is retried later.
/// </summary>
public static partial class GitHubResilience
{
    private static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromSeconds(60);

    public static ResiliencePipeline<HttpResponseMessage> Create(GitHubAppOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRateLimitWait,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, timeProvider, options.MaxRateLimitWait)),
                DelayGenerator = arguments => ValueTask.FromResult(arguments.Outcome.Result is { } response ? RateLimitWait(response, timeProvider) : null),
                OnRetry = arguments =>
                {
                    var response = arguments.Outcome.Result;
                    LogRetry(
                        logger,
                        response?.RequestMessage?.Method.Method ?? "request",
                        response?.RequestMessage?.RequestUri?.AbsolutePath ?? string.Empty,
                        response is null ? arguments.Outcome.Exception?.GetType().Name ?? "error" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                        arguments.RetryDelay.TotalSeconds,
                        arguments.AttemptNumber + 1);
                    response?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeProvider timeProvider, TimeSpan maxWait)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or IOException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return true;
        }

        if (IsRateLimited(response))
        {
            return (RateLimitWait(response, timeProvider) ?? SecondaryLimitWait) <= maxWait;
        }

        return false;
    }

    /// <summary>A 429, or a 403 that GitHub marks as a rate limit (an exhausted quota or a <c>retry-after</c>).</summary>
    internal static bool IsRateLimited(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        || (response.StatusCode == HttpStatusCode.Forbidden
            && (response.Headers.RetryAfter is not null || Header(response, "x-ratelimit-remaining") == "0"));

    /// <summary>How long GitHub asked us to wait; null when it did not say (then the backoff decides).</summary>
    internal static TimeSpan? RateLimitWait(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (!IsRateLimited(response))
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date - timeProvider.GetUtcNow()) ?? TimeSpan.Zero;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return SecondaryLimitWait;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Method} {Path} answered {Outcome}; retrying in {DelaySeconds:0.0} s (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, string method, string path, string outcome, double delaySeconds, int attempt);
}
