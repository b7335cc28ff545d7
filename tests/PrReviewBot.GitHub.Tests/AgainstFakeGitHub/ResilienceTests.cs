using Octokit;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

public sealed class ResilienceTests
{
    private const string Head = "f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6";

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_is_retried(int status)
    {
        await using var session = await WithOnePullRequestAsync();
        session.GitHub.FailNext("GET", "/repos/acme/shop/pulls/1", status, times: 2);

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Head, pull.HeadSha);
        Assert.Equal(3, session.GitHub.Requests.Count(request => request.Path == "/repos/acme/shop/pulls/1"));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_GitHub_names_in_retry_after()
    {
        await using var session = await WithOnePullRequestAsync();
        session.GitHub.FailNext("GET", "/repos/acme/shop/pulls/1", 429, headers: new Dictionary<string, string> { ["retry-after"] = "1" });

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Head, pull.HeadSha);
        Assert.Equal(2, session.GitHub.Requests.Count(request => request.Path == "/repos/acme/shop/pulls/1"));
    }

    [Fact]
    public async Task An_exhausted_quota_that_resets_later_than_the_longest_wait_fails_at_once_for_the_job_to_retry()
    {
        await using var session = await WithOnePullRequestAsync();
        var reset = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        session.GitHub.FailNext("GET", "/repos/acme/shop/pulls/1", 403, headers: new Dictionary<string, string>
        {
            ["x-ratelimit-remaining"] = "0",
            ["x-ratelimit-reset"] = reset,
        });

        await Assert.ThrowsAsync<RateLimitExceededException>(() => session.Loader.LoadAsync(session.Target(1), CancellationToken.None));

        Assert.Equal(1, session.GitHub.Requests.Count(request => request.Path == "/repos/acme/shop/pulls/1"));
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        await using var session = await FakeGitHubSession.StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => session.Loader.LoadAsync(session.Target(404), CancellationToken.None));

        Assert.Equal(1, session.GitHub.Requests.Count(request => request.Path == "/repos/acme/shop/pulls/404"));
    }

    [Fact]
    public async Task A_revoked_installation_token_is_replaced_once_and_the_request_goes_through()
    {
        await using var session = await WithOnePullRequestAsync();
        await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);
        session.GitHub.RevokeInstallationTokens();

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Head, pull.HeadSha);
        var requests = session.GitHub.Requests;
        Assert.Equal(2, requests.Count(request => request.Path == "/app/installations/77/access_tokens"));
        Assert.Single(requests, request => request.Status == 401);
    }

    [Fact]
    public async Task A_401_that_a_fresh_token_does_not_cure_is_final_and_not_retried_as_transient()
    {
        await using var session = await WithOnePullRequestAsync();
        session.GitHub.FailNext("GET", "/repos/acme/shop/pulls/1", 401, times: 10);

        await Assert.ThrowsAsync<AuthorizationException>(() => session.Loader.LoadAsync(session.Target(1), CancellationToken.None));

        var requests = session.GitHub.Requests;
        Assert.Equal(2, requests.Count(request => request.Path == "/repos/acme/shop/pulls/1"));
        Assert.Equal(2, requests.Count(request => request.Path == "/app/installations/77/access_tokens"));
    }

    [Fact]
    public async Task A_wrong_app_key_is_refused_at_once()
    {
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        await using var session = await FakeGitHubSession.StartAsync(configure: options => options.PrivateKey = otherKey.ExportRSAPrivateKeyPem());
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("a.py", "x = 1\n"));

        await Assert.ThrowsAsync<AuthorizationException>(() => session.Loader.LoadAsync(session.Target(1), CancellationToken.None));

        Assert.Equal(1, session.GitHub.Requests.Count(request => request.Path == "/app/installations/77/access_tokens"));
    }

    private static async Task<FakeGitHubSession> WithOnePullRequestAsync()
    {
        var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("a.py", "x = 1\n"));
        return session;
    }
}
