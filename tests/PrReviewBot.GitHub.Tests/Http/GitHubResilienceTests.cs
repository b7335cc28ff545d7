using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Tests.Http;

public sealed class GitHubResilienceTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Retry_after_in_seconds_is_the_wait()
    {
        using var response = Response(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), GitHubResilience.RateLimitWait(response, clock));
        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromResult(response), clock, MaxWait));
    }

    [Fact]
    public void An_exhausted_quota_waits_until_a_second_after_x_ratelimit_reset()
    {
        using var response = Response(HttpStatusCode.Forbidden);
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", clock.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromSeconds(21), GitHubResilience.RateLimitWait(response, clock));
    }

    [Fact]
    public void A_wait_longer_than_the_limit_is_not_retried_in_place()
    {
        using var response = Response(HttpStatusCode.Forbidden);
        response.Headers.Add("x-ratelimit-remaining", "0");
        response.Headers.Add("x-ratelimit-reset", clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromResult(response), clock, MaxWait));
    }

    [Fact]
    public void A_403_that_is_not_a_rate_limit_is_a_permission_problem_and_not_retried()
    {
        using var response = Response(HttpStatusCode.Forbidden);

        Assert.False(GitHubResilience.IsRateLimited(response));
        Assert.Null(GitHubResilience.RateLimitWait(response, clock));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromResult(response), clock, MaxWait));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public void Server_errors_are_retried_and_client_errors_are_not(HttpStatusCode status, bool retried)
    {
        using var response = Response(status);

        Assert.Equal(retried, GitHubResilience.ShouldRetry(Outcome.FromResult(response), clock, MaxWait));
    }

    [Fact]
    public void Network_errors_are_retried_and_cancellation_is_not()
    {
        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection reset")), clock, MaxWait));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()), clock, MaxWait));
    }

    private static HttpResponseMessage Response(HttpStatusCode status) => new(status);
}
