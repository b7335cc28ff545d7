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
        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromResult(response), Read, clock, MaxWait));
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

        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromResult(response), Read, clock, MaxWait));
    }

    [Fact]
    public void A_403_that_is_not_a_rate_limit_is_a_permission_problem_and_not_retried()
    {
        using var response = Response(HttpStatusCode.Forbidden);

        Assert.False(GitHubResilience.IsRateLimited(response));
        Assert.Null(GitHubResilience.RateLimitWait(response, clock));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromResult(response), Read, clock, MaxWait));
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

        Assert.Equal(retried, GitHubResilience.ShouldRetry(Outcome.FromResult(response), Read, clock, MaxWait));
    }

    [Fact]
    public void Network_errors_are_retried_and_cancellation_is_not()
    {
        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection reset")), Read, clock, MaxWait));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()), Read, clock, MaxWait));
    }

    [Theory]
    [InlineData("repos/acme/shop/issues/2/comments")]
    [InlineData("repos/acme/shop/pulls/2/reviews")]
    [InlineData("repos/acme/shop/pulls/2/comments")]
    [InlineData("repos/acme/shop/check-runs")]
    [InlineData("repos/acme/shop/check-runs/12", "PATCH")]
    public void A_create_answered_with_a_server_error_or_a_broken_connection_is_not_sent_again(string path, string method = "POST")
    {
        using var create = new HttpRequestMessage(new HttpMethod(method), new Uri(Api, path));
        using var badGateway = Response(HttpStatusCode.BadGateway);

        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromResult(badGateway), create, clock, MaxWait));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ResponseEnded, "reset")), create, clock, MaxWait));
        Assert.False(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new IOException("connection reset by peer")), create, clock, MaxWait));
    }

    [Fact]
    public void A_create_that_never_reached_GitHub_or_was_rate_limited_is_sent_again()
    {
        using var create = Post("repos/acme/shop/issues/2/comments");
        using var limited = Response(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused")), create, clock, MaxWait));
        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromResult(limited), create, clock, MaxWait));
    }

    [Theory]
    [InlineData("PATCH", "repos/acme/shop/issues/comments/7")]
    [InlineData("PATCH", "repos/acme/shop/pulls/comments/7")]
    [InlineData("DELETE", "repos/acme/shop/issues/comments/7")]
    [InlineData("POST", "app/installations/77/access_tokens")]
    [InlineData("POST", "repos/acme/shop/issues/comments/7/reactions")]
    public void Writes_that_may_arrive_twice_are_retried_on_server_errors(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Api, path));
        using var badGateway = Response(HttpStatusCode.BadGateway);

        Assert.True(GitHubResilience.ShouldRetry(Outcome.FromResult(badGateway), request, clock, MaxWait));
    }

    [Fact]
    public void Logged_urls_leave_out_the_query()
    {
        Assert.Equal("https://api.github.com/repos/acme/shop/pulls/2", GitHubResilience.Describe(new Uri("https://api.github.com/repos/acme/shop/pulls/2?access_token=secret&page=2")));
    }

    private static readonly Uri Api = new("https://api.github.com/");

    private static HttpRequestMessage Read { get; } = new(HttpMethod.Get, new Uri(Api, "repos/acme/shop/pulls/2"));

    private static HttpRequestMessage Post(string path) => new(HttpMethod.Post, new Uri(Api, path));

    private static HttpResponseMessage Response(HttpStatusCode status) => new(status);
}
