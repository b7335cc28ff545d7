using Octokit;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using Xunit.Abstractions;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>GitHub stores a write but its answer is lost (a 502, a reset): nothing may show twice.</summary>
public sealed class LostAnswerTests(ITestOutputHelper output)
{
    private const string Head = "a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7";

    [Theory]
    [InlineData(WriteFaultKind.BadGatewayAfterStoring)]
    [InlineData(WriteFaultKind.ResetAfterStoring)]
    public async Task A_summary_whose_answer_is_lost_is_found_again_and_not_posted_twice(WriteFaultKind kind)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 3, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        session.GitHub.LoseAnswersToWrites(WriteFaultPlan.EveryNth(1, kind).Only("/repos/acme/shop/issues/3/comments"));

        var outcome = await session.ReviewAsync(3);

        var (summaries, posts) = session.GitHub.Inspect(() => (
            session.Repository.IssueComments.Count(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)),
            session.GitHub.Requests.Count(request => request.Method == "POST" && request.Path == "/repos/acme/shop/issues/3/comments")));
        Assert.True(outcome.SummaryCreated);
        Assert.Equal(1, summaries);
        Assert.Equal(1, posts);
    }

    [Theory]
    [InlineData(WriteFaultKind.BadGatewayAfterStoring)]
    [InlineData(WriteFaultKind.ResetAfterStoring)]
    public async Task A_review_and_a_check_run_whose_answers_are_lost_are_each_stored_once(WriteFaultKind kind)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 4, Head, FakeFile.Added("app/two.py", FakeGitHubSession.PythonWithInjections(2)));
        session.GitHub.LoseAnswersToWrites(WriteFaultPlan.EveryNth(1, kind).Only("/repos/acme/shop/pulls/4/reviews"));

        await session.ReviewAsync(4);
        session.GitHub.LoseAnswersToWrites(WriteFaultPlan.EveryNth(1, kind).Only("/repos/acme/shop/check-runs"));
        var again = await session.ReviewAsync(4);

        var (reviews, fingerprints, runs) = session.GitHub.Inspect(() => (
            session.Repository.Reviews.Count,
            session.Repository.ReviewComments.Select(comment => InlineCommentWriter.FingerprintOf(comment.Body)).ToList(),
            session.Repository.CheckRuns.Count));
        Assert.Equal(1, reviews);
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        Assert.True(fingerprints.Count >= 2, $"{fingerprints.Count} inline comments");
        Assert.Equal(2, runs);
        Assert.NotNull(again.CheckRunId);
    }

    [Fact]
    public async Task The_answer_to_review_whose_review_is_lost_is_found_by_commit_and_body_and_not_posted_twice()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 8, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        await session.ReviewAsync(8);
        session.GitHub.LoseAnswersToWrites(WriteFaultPlan.EveryNth(1, WriteFaultKind.BadGatewayAfterStoring).Only("/repos/acme/shop/pulls/8/reviews"));

        await session.ReviewAsync(8, requestedBy: "octocat");

        var reviews = session.GitHub.Inspect(() => session.Repository.Reviews.ToList());
        Assert.Equal(2, reviews.Count);
        Assert.Empty(reviews[1].CommentIds);
        Assert.Contains("@octocat", reviews[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_second_summary_is_deleted_and_the_first_kept()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 5, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        var first = await session.ReviewAsync(5);
        var human = session.GitHub.AddHumanComment(session.Repository, 5, new FakeUser("octocat"), "Quoting the bot: " + SummaryWriter.Marker);
        session.GitHub.Inspect(() =>
        {
            var original = session.Repository.IssueComments.Single(comment => comment.Id == first.SummaryCommentId);
            session.Repository.IssueComments.Add(new FakeIssueComment { Id = 999_999, IssueNumber = 5, User = session.GitHub.Bot, Body = original.Body, CreatedAt = original.CreatedAt.AddSeconds(1) });
            return 0;
        });

        var second = await session.ReviewAsync(5);

        var ids = session.GitHub.Inspect(() => session.Repository.IssueComments.Select(comment => comment.Id).ToList());
        Assert.Equal(first.SummaryCommentId, second.SummaryCommentId);
        Assert.Equal([first.SummaryCommentId, human.Id], ids.Order());
    }

    [Fact]
    public async Task With_a_fifth_of_writes_stored_but_unanswered_twenty_pull_requests_each_end_with_one_summary_and_no_twin_comment()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        for (var number = 1; number <= 20; number++)
        {
            session.GitHub.OpenPullRequest(session.Repository, number, Head, FakeFile.Added($"app/module{number}.py", FakeGitHubSession.PythonWithInjections(1 + (number % 4))));
        }

        session.GitHub.LoseAnswersToWrites(WriteFaultPlan.Random(0.2, seed: 7, WriteFaultKind.BadGatewayAfterStoring, WriteFaultKind.ResetAfterStoring));

        await Task.WhenAll(Enumerable.Range(1, 20).Select(number => ReviewLikeTheWorkerAsync(session, number)));

        var requests = session.GitHub.Requests;
        output.WriteLine($"{requests.Count(request => request.IsWrite)} writes, {requests.Count(request => request.IsWrite && request.Status == 502)} stored then answered 502, {requests.Count(request => request.IsWrite && request.Status == 0)} stored then cut off");
        Assert.Contains(requests, request => request.IsWrite && request.Status == 502);
        Assert.Contains(requests, request => request.IsWrite && request.Status == 0);
        Assert.Contains(requests, request => request.Method == "POST" && request.Path.EndsWith("/reviews", StringComparison.Ordinal) && request.Status is 0 or 502);
        Assert.Contains(requests, request => request.Method == "POST" && request.Path.Contains("/issues/", StringComparison.Ordinal) && request.Status is 0 or 502);
        Assert.True(session.GitHub.AnswersLost >= 10, $"{session.GitHub.AnswersLost} answers lost");
        var (summaries, inline, runs) = session.GitHub.Inspect(() => (
            session.Repository.IssueComments.Where(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).GroupBy(comment => comment.IssueNumber).ToDictionary(group => group.Key, group => group.Count()),
            session.Repository.ReviewComments.GroupBy(comment => comment.PullNumber).ToDictionary(group => group.Key, group => group.Select(comment => InlineCommentWriter.FingerprintOf(comment.Body)).ToList()),
            session.Repository.CheckRuns.GroupBy(run => run.ExternalId).Count()));
        for (var number = 1; number <= 20; number++)
        {
            Assert.Equal(1, summaries.GetValueOrDefault(number));
            var fingerprints = inline[number];
            Assert.True(fingerprints.Count >= 1 + (number % 4), $"PR {number}: {fingerprints.Count} inline comments");
            Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        }

        Assert.True(runs >= 20, $"{runs} check runs");

        // Nothing is missing either: a fault-free review of each finds every comment already there.
        session.GitHub.LoseAnswersToWrites(null);
        for (var number = 1; number <= 20; number++)
        {
            var again = await session.ReviewAsync(number);
            Assert.False(again.SummaryCreated);
            Assert.Equal(0, again.Posted);
        }
    }

    /// <summary>As the worker does: a publication that still fails is tried again from the start, which first reads what is there.</summary>
    private static async Task ReviewLikeTheWorkerAsync(FakeGitHubSession session, int number)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await session.ReviewAsync(number);
                return;
            }
            catch (Exception exception) when (attempt < 5 && exception is ApiException or HttpRequestException or IOException)
            {
            }
        }
    }
}
