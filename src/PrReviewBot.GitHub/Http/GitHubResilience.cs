using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// The one resilience pipeline every GitHub request goes through: jittered exponential retries on
/// 5xx and network errors for requests that may safely arrive twice, and on 403/429 rate limits a
/// wait for exactly as long as GitHub asks (<c>retry-after</c>, else <c>x-ratelimit-reset</c>, else
/// a minute for secondary limits, doubling while they go on) when that wait is short; a longer one
/// fails the request so the job is retried later. A request that creates something (a comment, a review, a check run) is
/// not repeated after an answer that leaves open whether GitHub stored it: the publisher looks for
/// what it wrote before writing again.
/// </summary>
public static partial class GitHubResilience
{
    /// <summary>The request being sent, so the pipeline can tell a create from a read and name it in logs.</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("PrReviewBot.GitHub.Request");

    /// <summary>Set by the handler when the answer was a secondary rate limit: how long its installation now waits.</summary>
    internal static readonly ResiliencePropertyKey<TimeSpan?> SecondaryWaitKey = new("PrReviewBot.GitHub.SecondaryWait");

    private static readonly TimeSpan SecondaryLimitWait = SecondaryLimitCoolDown.FirstWait;

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
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, RequestOf(arguments.Context), timeProvider, options.MaxRateLimitWait, SecondaryWaitOf(arguments.Context))),
                DelayGenerator = arguments => ValueTask.FromResult(SecondaryWaitOf(arguments.Context) ?? (arguments.Outcome.Result is { } response ? RateLimitWait(response, timeProvider) : null)),
                OnRetry = arguments =>
                {
                    var response = arguments.Outcome.Result;
                    var request = RequestOf(arguments.Context) ?? response?.RequestMessage;
                    LogRetry(
                        logger,
                        request?.Method.Method ?? "request",
                        Describe(request?.RequestUri),
                        response is null ? Describe(arguments.Outcome.Exception) : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                        arguments.RetryDelay.TotalSeconds,
                        arguments.AttemptNumber + 1);
                    response?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether to send <paramref name="request"/> again after <paramref name="outcome"/>; a null
    /// request is treated as a read. <paramref name="secondaryWait"/> is set when the answer was a
    /// secondary rate limit, with the wait its installation's cool-down asks for.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, TimeProvider timeProvider, TimeSpan maxWait, TimeSpan? secondaryWait = null)
    {
        var repeatable = request is null || IsRepeatable(request);
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or IOException && (repeatable || NeverReachedGitHub(exception));
        }

        if (secondaryWait is { } cooling)
        {
            // A limited request was not carried out, so even a create may be sent again, after the wait.
            return cooling <= maxWait;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            // A 502 or 504 may come after GitHub stored the write: only a request that may arrive twice is sent again.
            return repeatable;
        }

        if (IsRateLimited(response))
        {
            // A rate-limited request was not carried out, so even a create may be sent again.
            return (RateLimitWait(response, timeProvider) ?? SecondaryLimitWait) <= maxWait;
        }

        return false;
    }

    /// <summary>
    /// Requests GitHub may receive twice without anything showing twice: reads, PATCH, PUT and
    /// DELETE (the same end state however often they arrive), a new installation token (it replaces
    /// nothing) and a reaction (GitHub answers an existing one with 200 instead of adding another).
    /// Not an update of a check run: the annotations it carries are added to those already there.
    /// </summary>
    internal static bool IsRepeatable(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method == HttpMethod.Patch)
        {
            var slash = path.LastIndexOf('/');
            return !(path[..Math.Max(0, slash)].EndsWith("/check-runs", StringComparison.Ordinal) && long.TryParse(path[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _));
        }

        return request.Method != HttpMethod.Post
            || path.EndsWith("/access_tokens", StringComparison.Ordinal)
            || path.EndsWith("/reactions", StringComparison.Ordinal);
    }

    /// <summary>A failure to connect at all: the request was never sent, so it cannot have been stored.</summary>
    private static bool NeverReachedGitHub(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError };

    /// <summary>A 429, or a 403 that GitHub marks as a rate limit (an exhausted quota or a <c>retry-after</c>).</summary>
    internal static bool IsRateLimited(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        || (response.StatusCode == HttpStatusCode.Forbidden
            && (response.Headers.RetryAfter is not null || Header(response, "x-ratelimit-remaining") == "0"));

    /// <summary>How long GitHub asked us to wait; null when it did not say (then the backoff decides).</summary>
    internal static TimeSpan? RateLimitWait(HttpResponseMessage response, TimeProvider timeProvider) =>
        IsRateLimited(response) ? AskedWait(response, timeProvider) ?? SecondaryLimitWait : null;

    /// <summary>
    /// A 403 or 429 whose message says it is a secondary rate limit (GitHub may send it without
    /// <c>retry-after</c> and with quota left, so only the body tells). Buffers the body, so Octokit
    /// still reads it afterwards.
    /// </summary>
    internal static async ValueTask<bool> IsSecondaryLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The wait GitHub names in <c>retry-after</c>, or until <c>x-ratelimit-reset</c> of an exhausted quota; null when it names none.</summary>
    internal static TimeSpan? AskedWait(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
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

        return null;
    }

    /// <summary>Scheme, host and path only: a query string may carry secrets, and the token travels in a header that is never logged.</summary>
    internal static string Describe(Uri? uri) =>
        uri is null ? string.Empty : uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) : uri.OriginalString.Split('?')[0];

    private static string Describe(Exception? exception) => exception switch
    {
        null => "error",
        HttpRequestException http => string.Create(CultureInfo.InvariantCulture, $"{nameof(HttpRequestException)} ({http.HttpRequestError}: {http.Message})"),
        _ => $"{exception.GetType().Name} ({exception.Message})",
    };

    private static TimeSpan? SecondaryWaitOf(ResilienceContext context) =>
        context.Properties.TryGetValue(SecondaryWaitKey, out var wait) ? wait : null;

    private static HttpRequestMessage? RequestOf(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request) ? request : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub {Method} {Url} answered {Outcome}; retrying in {DelaySeconds:0.0} s (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, string method, string url, string outcome, double delaySeconds, int attempt);
}
