using System.Net;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>The durable queue seen from outside: the real server process killed with SIGKILL mid-job, then started again.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Number = 31;
    private const string Head = "3333333333333333333333333333333333333333";

    private GitHubAppScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await GitHubAppScenario.StartAsync();

    public async Task DisposeAsync() => await scenario.DisposeAsync();

    [Fact]
    public async Task A_review_acknowledged_before_a_SIGKILL_is_still_posted_once_after_a_restart()
    {
        scenario.GitHub.OpenPullRequest(scenario.Repository, Number, Head, FakeFile.Added("src/Orders/OrderRepository.cs", GitHubAppEndToEndTests.SampleSource));
        // GitHub is slow to answer the first read, so the kill lands while a worker holds the job.
        scenario.GitHub.DelayNext("GET", $"/repos/acme/shop/pulls/{Number}", TimeSpan.FromSeconds(3));
        string firstLife;
        using (var first = await ServerProcess.StartAsync(scenario))
        {
            using var http = new HttpClient { BaseAddress = first.BaseUrl };
            scenario.Server = http;

            var response = await scenario.OpenAsync(Number, Head);

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await scenario.WaitUntilAsync(() => scenario.GitHub.HasReceived("GET", $"/repos/acme/shop/pulls/{Number}"), "the worker to start on the job");
            first.KillHard();
            firstLife = first.Output;
        }

        Assert.Empty(scenario.GitHub.Inspect(() => scenario.Repository.IssueComments.ToList()));

        using var second = await ServerProcess.StartAsync(scenario);
        await scenario.WaitUntilAsync(() => scenario.Repository.CheckRuns.Count >= 1, $"the review after the restart. Before the kill the server logged:\n{firstLife}\nAfter:\n{second.Output}");
        await scenario.WaitForJobsToFinishAsync();
        var (summaries, reviews, runs) = scenario.GitHub.Inspect(() => (
            scenario.Repository.IssueComments.Count(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)),
            scenario.Repository.Reviews.Count,
            scenario.Repository.CheckRuns.Count));
        Assert.Equal(1, summaries);
        Assert.Equal(1, reviews);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task On_SIGTERM_an_in_flight_job_that_cannot_finish_in_time_is_released_and_done_after_the_restart()
    {
        scenario.GitHub.OpenPullRequest(scenario.Repository, Number, Head, FakeFile.Added("src/Orders/OrderRepository.cs", GitHubAppEndToEndTests.SampleSource));
        scenario.GitHub.DelayNext("GET", $"/repos/acme/shop/pulls/{Number}", TimeSpan.FromSeconds(4));
        var quickDrain = new Dictionary<string, string> { ["Queue:DrainSeconds"] = "1", ["Queue:LeaseSeconds"] = "120" };
        string firstLife;
        using (var first = await ServerProcess.StartAsync(scenario, quickDrain))
        {
            using var http = new HttpClient { BaseAddress = first.BaseUrl };
            scenario.Server = http;
            Assert.Equal(HttpStatusCode.Accepted, (await scenario.OpenAsync(Number, Head)).StatusCode);
            await scenario.WaitUntilAsync(() => scenario.GitHub.HasReceived("GET", $"/repos/acme/shop/pulls/{Number}"), "the worker to start on the job");

            Assert.Equal(0, first.StopGracefully());
            firstLife = first.Output;
        }

        Assert.True(firstLife.Contains("released to the queue at shutdown", StringComparison.Ordinal), firstLife);
        Assert.Empty(scenario.GitHub.Inspect(() => scenario.Repository.IssueComments.ToList()));

        // A lease of two minutes would hold the job that long had it not been released.
        using var second = await ServerProcess.StartAsync(scenario, quickDrain);
        await scenario.WaitUntilAsync(() => scenario.Repository.CheckRuns.Count >= 1, $"the review after the restart. After:\n{second.Output}");
        Assert.Equal(1, scenario.GitHub.Inspect(() => scenario.Repository.Reviews.Count));
    }
}
