using System.Net;
using PrReviewBot.FakeGitHub;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>A 401 from GitHub is asked again once with a fresh token (by the client), not retried as if it were transient.</summary>
public sealed class AuthorizationFailureTests : IAsyncLifetime
{
    private const int Number = 12;

    private GitHubAppScenario scenario = null!;
    private InProcessServer server = null!;

    public async Task InitializeAsync()
    {
        scenario = await GitHubAppScenario.StartAsync();
        scenario.Overrides["Queue:MaxAttempts"] = "5";
        server = InProcessServer.Start(scenario);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await scenario.DisposeAsync();
    }

    [Fact]
    public async Task A_job_refused_401_even_with_a_fresh_token_fails_for_good_without_another_attempt()
    {
        scenario.GitHub.OpenPullRequest(scenario.Repository, Number, new string('1', 40), FakeFile.Added("app/a.py", "x = 1\n"));
        scenario.GitHub.FailNext("GET", $"/repos/acme/shop/pulls/{Number}", 401, times: 100);

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.OpenAsync(Number, new string('1', 40))).StatusCode);

        await scenario.WaitForJobsToFinishAsync();
        var store = new SqliteJobStore(scenario.Settings["Storage:ConnectionString"], TimeProvider.System);
        Assert.Equal(1, (await store.CountsAsync(CancellationToken.None)).Failed);

        // One request with the cached token, one with a fresh one; then the job is over.
        Assert.Equal(2, scenario.GitHub.Requests.Count(request => request.Method == "GET" && request.Path == $"/repos/acme/shop/pulls/{Number}"));
    }
}
