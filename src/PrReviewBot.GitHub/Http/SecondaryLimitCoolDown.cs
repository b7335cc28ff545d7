using System.Globalization;
using System.Net;
using System.Text;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// GitHub's secondary rate limits, as its documentation asks them to be met: without a
/// <c>retry-after</c> or <c>x-ratelimit-reset</c>, wait at least a minute, and exponentially longer
/// while the limit keeps answering. Held per installation, so every request of that installation
/// waits out the cool-down, not only the one that was refused.
/// </summary>
internal sealed class SecondaryLimitCoolDown
{
    public static readonly TimeSpan FirstWait = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(32);

    private readonly TimeProvider timeProvider;
    private readonly Lock gate = new();
    private int strikes;
    private DateTimeOffset until = DateTimeOffset.MinValue;

    public SecondaryLimitCoolDown(TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
    }

    /// <summary>How long requests must still wait; zero when they may go.</summary>
    public TimeSpan Remaining
    {
        get
        {
            lock (gate)
            {
                var left = until - timeProvider.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    /// <summary>When requests may go again.</summary>
    public DateTimeOffset Until
    {
        get
        {
            lock (gate)
            {
                return until;
            }
        }
    }

    /// <summary>
    /// GitHub answered with a secondary limit: returns the wait from now, the one GitHub named, or
    /// else a minute doubled for every secondary limit met since the last answer that was not one.
    /// </summary>
    public TimeSpan Strike(TimeSpan? askedFor)
    {
        lock (gate)
        {
            strikes++;
            var backoff = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(strikes - 1, 10)));
            var wait = askedFor ?? backoff;
            var end = timeProvider.GetUtcNow() + wait;
            until = end > until ? end : until;
            return wait;
        }
    }

    /// <summary>An answer that was not a secondary limit: the next one starts again at a minute.</summary>
    public void Clear()
    {
        lock (gate)
        {
            strikes = 0;
        }
    }

    /// <summary>
    /// The answer for a request that is not sent because the cool-down lasts longer than the caller
    /// may wait: shaped like GitHub's exhausted quota (403, <c>x-ratelimit-remaining: 0</c>,
    /// <c>x-ratelimit-reset</c>), because Octokit turns that into a RateLimitExceededException that
    /// carries the time to come back, which its secondary-limit exception does not.
    /// </summary>
    public HttpResponseMessage Refusal(HttpRequestMessage request)
    {
        var end = Until;
        var resetSeconds = (end + TimeSpan.FromSeconds(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = $"API rate limit exceeded: PrReviewBot holds this installation's requests after GitHub's secondary rate limit until {end.UtcDateTime:O}.";
        var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            RequestMessage = request,
            Content = new StringContent("{\"message\":\"" + message + "\",\"documentation_url\":\"https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api\"}", Encoding.UTF8, "application/json"),
        };
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", resetSeconds);
        return response;
    }
}
