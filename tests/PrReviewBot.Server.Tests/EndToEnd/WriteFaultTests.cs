using System.Globalization;
using System.Net;
using System.Text;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using Xunit.Abstractions;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// The whole App against a GitHub that stores a fifth of the writes and then loses the answer
/// (a 502 or a cut connection): every pull request still ends with one summary and each inline
/// comment once.
/// </summary>
public sealed class WriteFaultTests(ITestOutputHelper output) : InProcessServerTests
{
    private const int PullRequests = 20;

    protected override void Configure(GitHubAppScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Overrides["Queue:MaxAttempts"] = "5";
    }

    [Fact]
    public async Task With_a_fifth_of_writes_stored_but_unanswered_twenty_pull_requests_each_end_with_one_summary_and_no_twin_inline_comment()
    {
        for (var number = 1; number <= PullRequests; number++)
        {
            Scenario.GitHub.OpenPullRequest(Scenario.Repository, number, Head(number), FakeFile.Added($"app/module{number}.py", Injections(1 + (number % 3))));
        }

        Scenario.GitHub.LoseAnswersToWrites(WriteFaultPlan.Random(0.2, seed: 42, WriteFaultKind.BadGatewayAfterStoring, WriteFaultKind.ResetAfterStoring));

        for (var number = 1; number <= PullRequests; number++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Scenario.OpenAsync(number, Head(number))).StatusCode);
        }

        await Scenario.WaitUntilAsync(
            () => Scenario.Repository.CheckRuns.Select(run => run.HeadSha).Distinct().Count() == PullRequests,
            "a check run, the last step of publishing, on every pull request");

        Assert.True(Scenario.GitHub.AnswersLost >= 10, $"{Scenario.GitHub.AnswersLost} answers lost");
        var requests = Scenario.GitHub.Requests;
        output.WriteLine($"{requests.Count(request => request.IsWrite)} writes, {requests.Count(request => request.IsWrite && request.Status == 502)} stored then answered 502, {requests.Count(request => request.IsWrite && request.Status == 0)} stored then cut off");
        Assert.Contains(requests, request => request.IsWrite && request.Status == 502);
        Assert.Contains(requests, request => request.IsWrite && request.Status == 0);
        Assert.Contains(requests, request => request.Method == "POST" && request.Path.EndsWith("/reviews", StringComparison.Ordinal) && request.Status is 0 or 502);
        Assert.Contains(requests, request => request.Method == "POST" && request.Path.Contains("/issues/", StringComparison.Ordinal) && request.Status is 0 or 502);
        var (summaries, inline, failures) = Scenario.GitHub.Inspect(() => (
            Scenario.Repository.IssueComments.Where(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).GroupBy(comment => comment.IssueNumber).ToDictionary(group => group.Key, group => group.Count()),
            Scenario.Repository.ReviewComments.GroupBy(comment => comment.PullNumber).ToDictionary(group => group.Key, group => group.Select(comment => InlineCommentWriter.FingerprintOf(comment.Body)).ToList()),
            Scenario.Repository.IssueComments.Count(comment => comment.Body.Contains("could not finish", StringComparison.Ordinal))));
        for (var number = 1; number <= PullRequests; number++)
        {
            Assert.Equal(1, summaries.GetValueOrDefault(number));
            var fingerprints = inline.GetValueOrDefault(number) ?? [];
            Assert.True(fingerprints.Count >= 1 + (number % 3), $"PR {number}: {fingerprints.Count} inline comments");
            Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        }

        Assert.Equal(0, failures);
    }

    private static string Head(int number) => number.ToString("x40", CultureInfo.InvariantCulture);

    /// <summary>A Python module with <paramref name="count"/> functions that each build SQL from their argument.</summary>
    private static string Injections(int count)
    {
        var text = new StringBuilder("import sqlite3\n\n");
        for (var index = 0; index < count; index++)
        {
            text.Append(CultureInfo.InvariantCulture, $"def find_{index}(connection, name):\n")
                .Append(CultureInfo.InvariantCulture, $"    return connection.execute(\"SELECT * FROM t{index} WHERE name = '\" + name + \"'\").fetchall()\n\n");
        }

        return text.ToString();
    }
}
