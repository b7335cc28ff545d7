using System.Net;
using PrReviewBot.FakeGitHub;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>A 401 from GitHub is asked again once with a fresh token (by the client), not retried as if it were transient.</summary>
public sealed class AuthorizationFailureTests : InProcessServerTests
{
    private const int Number = 12;

    protected override void Configure(GitHubAppScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Overrides["Queue:MaxAttempts"] = "5";
    }

    [Fact]
    public async Task A_job_refused_401_even_with_a_fresh_token_fails_for_good_without_another_attempt()
    {
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, new string('1', 40), FakeFile.Added("app/a.py", "x = 1\n"));
        Scenario.GitHub.FailNext("GET", $"/repos/acme/shop/pulls/{Number}", 401, times: 100);

        Assert.Equal(HttpStatusCode.Accepted, (await Scenario.OpenAsync(Number, new string('1', 40))).StatusCode);

        await Scenario.WaitForJobsToFinishAsync();
        var store = new SqliteJobStore(Scenario.Settings["Storage:ConnectionString"], TimeProvider.System);
        Assert.Equal(1, (await store.CountsAsync(CancellationToken.None)).Failed);

        // One request with the cached token, one with a fresh one; then the job is over.
        Assert.Equal(2, Scenario.GitHub.Requests.Count(request => request.Method == "GET" && request.Path == $"/repos/acme/shop/pulls/{Number}"));
    }
}
