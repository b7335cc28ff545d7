using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Publishing;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

public sealed class ReviewPublisherTests
{
    private const string Head = "d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4";

    [Fact]
    public async Task Posts_inline_comments_in_reviews_of_at_most_30_and_annotates_the_50_most_severe_findings_in_one_request()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent("main", ".github/prreviewbot.yml", "max_inline_comments: 500\n");
        var pull = session.GitHub.OpenPullRequest(session.Repository, 9, Head, FakeFile.Added("app/many.py", FakeGitHubSession.PythonWithInjections(60)));

        var outcome = await session.ReviewAsync(9);

        var (reviews, comments, summaries, run) = session.GitHub.Inspect(() => (
            session.Repository.Reviews.ToList(),
            session.Repository.ReviewComments.ToList(),
            session.Repository.IssueComments.Where(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).ToList(),
            session.Repository.CheckRuns.Single()));
        Assert.True(outcome.Posted > 60, $"posted {outcome.Posted}");
        Assert.Equal(outcome.Posted, comments.Count);
        Assert.All(reviews, review => Assert.InRange(review.CommentIds.Count, 1, 30));
        Assert.Equal((outcome.Posted + 29) / 30, reviews.Count);
        Assert.All(comments, comment => Assert.True(DiffLines.Parse(pull.Files[0].Patch).Accepts(comment.Line, comment.StartLine), $"line {comment.Line}"));
        Assert.Single(summaries);
        Assert.Equal("PrReviewBot", run.Name);
        Assert.Equal("failure", run.Conclusion);
        Assert.Equal([50], run.AnnotationBatches);
        Assert.Contains($"{outcome.Posted - 50} more findings are not annotated", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_comments_stop_at_twenty_the_most_severe_first_and_the_summary_lists_the_rest_with_their_lines()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var module = "import hashlib\n\n" + string.Concat(Enumerable.Range(0, 25).Select(index => $"def digest_{index}(data):\n    return hashlib.md5(data).hexdigest()\n\n"))
            + FakeGitHubSession.PythonWithInjections(5)["import sqlite3\n\n".Length..];
        session.GitHub.OpenPullRequest(session.Repository, 4, Head, FakeFile.Added("app/mixed.py", "import sqlite3\n" + module));

        var outcome = await session.ReviewAsync(4);

        var (comments, summary) = session.GitHub.Inspect(() => (
            session.Repository.ReviewComments.ToList(),
            session.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body));
        Assert.Equal(20, comments.Count);
        Assert.Equal(20, outcome.Posted);
        Assert.Equal(5, comments.Count(comment => comment.Body.Contains("py/sql-injection", StringComparison.Ordinal)));
        Assert.Contains("Inline comments stop at 20 per pull request (`max_inline_comments`), the most severe first", summary, StringComparison.Ordinal);
        var listed = summary.Split('\n').Count(line => line.StartsWith("- [`app/mixed.py:", StringComparison.Ordinal) && line.Contains("`py/", StringComparison.Ordinal));
        var more = System.Text.RegularExpressions.Regex.Match(summary, @"- …and (\d+) more\.");
        var counted = listed + (more.Success ? int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        Assert.True(outcome.NotPlacedInline == counted, $"{outcome.NotPlacedInline} not inline, {counted} in the summary:\n{summary}");
        Assert.True(outcome.NotPlacedInline > 0);
    }

    [Fact]
    public async Task Comments_already_standing_count_against_the_cap_so_a_second_review_adds_none_past_it()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent("main", ".github/prreviewbot.yml", "max_inline_comments: 3\n");
        session.GitHub.OpenPullRequest(session.Repository, 5, Head, FakeFile.Added("app/five.py", FakeGitHubSession.PythonWithInjections(5)));

        var first = await session.ReviewAsync(5);
        var second = await session.ReviewAsync(5);

        Assert.Equal(3, first.Posted);
        Assert.True(first.NotPlacedInline >= 2);
        Assert.Equal(0, second.Posted);
        Assert.Equal(3, second.AlreadyPosted);
        Assert.Equal(first.NotPlacedInline, second.NotPlacedInline);
        Assert.Equal(3, session.GitHub.Inspect(() => session.Repository.ReviewComments.Count));
    }

    [Fact]
    public async Task A_review_of_250_files_some_without_a_patch_makes_at_most_two_requests_per_hundred_files_and_ten_more()
    {
        const int Count = 250;
        await using var session = await FakeGitHubSession.StartAsync();

        // A few files too large for GitHub's diff: both their versions are read, in the same GraphQL queries as the heads.
        var files = Enumerable.Range(0, Count)
            .Select(index => index % 50 == 7
                ? FakeFile.WithoutPatch($"app/large_{index}.py", $"LIMIT_{index} = 0\n", $"LIMIT_{index} = {index}\n")
                : FakeFile.Added($"app/module_{index}.py", index % 50 == 0 ? FakeGitHubSession.PythonWithInjections(1) : $"LIMIT_{index} = {index}\n"))
            .ToArray();
        session.GitHub.OpenPullRequest(session.Repository, 12, Head, files);
        var before = session.GitHub.Requests.Count;

        var outcome = await session.ReviewAsync(12);

        var requests = session.GitHub.Requests.Skip(before).Where(request => request.Caller != CallerKind.App).Select(request => $"{request.Method} {request.Path}").ToList();
        Assert.True(outcome.Posted > 0);
        Assert.DoesNotContain(requests, request => request.Contains("/contents/app/", StringComparison.Ordinal));
        var budget = (2 * ((Count + 99) / 100)) + 10;
        Assert.True(requests.Count <= budget, $"{requests.Count} requests, {budget} allowed:\n{string.Join("\n", requests)}");
    }

    [Fact]
    public async Task Publishing_the_same_head_again_posts_nothing_and_keeps_one_summary()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 2, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        var first = await session.ReviewAsync(2);

        var second = await session.ReviewAsync(2);

        Assert.True(first.SummaryCreated);
        Assert.False(second.SummaryCreated);
        Assert.Equal(first.SummaryCommentId, second.SummaryCommentId);
        Assert.Equal(0, second.Posted);
        Assert.Equal(first.Posted, second.AlreadyPosted);
        var (reviews, comments, issueComments) = session.GitHub.Inspect(() => (session.Repository.Reviews.Count, session.Repository.ReviewComments.Count, session.Repository.IssueComments.Count));
        Assert.Equal(1, reviews);
        Assert.Equal(first.Posted, comments);
        Assert.Equal(1, issueComments);
    }

    [Fact]
    public async Task Without_the_App_identity_our_comments_are_still_known_by_marker_and_bot_author()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 2, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        session.GitHub.FailNext("GET", "/app", 404, times: 100);
        var first = await session.ReviewAsync(2);

        var second = await session.ReviewAsync(2);

        Assert.Equal(first.SummaryCommentId, second.SummaryCommentId);
        Assert.Equal(0, second.Posted);
        Assert.Equal(1, session.GitHub.Inspect(() => session.Repository.IssueComments.Count));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task A_check_run_GitHub_refuses_leaves_the_review_standing(int status)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 2, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        session.GitHub.FailNext("POST", "/repos/acme/shop/check-runs", status);

        var outcome = await session.ReviewAsync(2);

        Assert.Null(outcome.CheckRunId);
        Assert.True(outcome.Posted > 0);
        Assert.Equal(1, session.GitHub.Inspect(() => session.Repository.IssueComments.Count));
    }

    [Fact]
    public async Task A_comment_GitHub_refuses_with_422_goes_to_the_summary_and_the_others_are_posted_one_by_one()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, Head, FakeFile.Added("app/two.py", FakeGitHubSession.PythonWithInjections(2)));
        // Line 4 holds the first injection; GitHub is made to refuse it as if its diff had moved.
        session.GitHub.Inspect(() => pull.RefusedLines.Add(("app/two.py", 4)));

        var outcome = await session.ReviewAsync(5);

        var (comments, summary, requests) = session.GitHub.Inspect(() => (
            session.Repository.ReviewComments.ToList(),
            session.Repository.IssueComments.Single().Body,
            session.GitHub.Requests));
        Assert.Contains(requests, request => request.Path == "/repos/acme/shop/pulls/5/reviews" && request.Status == 422);
        Assert.DoesNotContain(comments, comment => comment.Line == 4);
        Assert.Contains(comments, comment => comment.Line == 7);
        Assert.Equal(1, outcome.NotPlacedInline);
        Assert.Contains("app/two.py", summary, StringComparison.Ordinal);
        Assert.Contains("L4", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_fixes_a_defect_edits_the_summary_in_place_and_marks_only_that_comment_fixed()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 6, Head, FakeFile.Added("app/two.py", FakeGitHubSession.PythonWithInjections(2)));
        var first = await session.ReviewAsync(6);
        var fixedText = FakeGitHubSession.PythonWithInjections(2).Replace(
            "connection.execute(\"SELECT * FROM t0 WHERE name = '\" + name + \"'\")", "connection.execute(\"SELECT * FROM t0 WHERE name = ?\", (name,))", StringComparison.Ordinal);
        session.GitHub.Push(session.Repository, pull, "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5", FakeFile.Added("app/two.py", fixedText));

        var second = await session.ReviewAsync(6);

        Assert.Equal(first.SummaryCommentId, second.SummaryCommentId);
        Assert.Equal(0, second.Posted);
        Assert.Equal(1, second.MarkedFixed);
        var (comments, summary) = session.GitHub.Inspect(() => (session.Repository.ReviewComments.ToList(), session.Repository.IssueComments.Single()));
        Assert.Equal(first.Posted, comments.Count);
        Assert.Equal(1, summary.Edits);
        Assert.Single(comments, comment => comment.Edits == 1 && comment.Line == 4);
    }

    [Fact]
    public async Task A_fixed_finding_s_thread_is_resolved_a_returning_one_reopened_and_a_person_s_thread_never_touched()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var original = FakeGitHubSession.PythonWithInjections(2);
        var pull = session.GitHub.OpenPullRequest(session.Repository, 7, Head, FakeFile.Added("app/two.py", original));
        await session.ReviewAsync(7);
        session.GitHub.Inspect(() =>
        {
            session.Repository.ReviewComments.Add(new FakeReviewComment
            {
                Id = 990_001, PullNumber = 7, CommitId = Head, Path = "app/two.py", Line = 4, Side = "RIGHT",
                Body = "Why not a parameter here?", User = new FakeUser("octocat"), CreatedAt = DateTimeOffset.UtcNow,
            });
            return 0;
        });
        var fixedText = original.Replace(
            "connection.execute(\"SELECT * FROM t0 WHERE name = '\" + name + \"'\")", "connection.execute(\"SELECT * FROM t0 WHERE name = ?\", (name,))", StringComparison.Ordinal);

        session.GitHub.Push(session.Repository, pull, "e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6", FakeFile.Added("app/two.py", fixedText));
        var fixedReview = await session.ReviewAsync(7);
        var afterFix = session.GitHub.Inspect(() => session.Repository.ReviewComments.ToDictionary(comment => comment.Id, comment => (comment.Line, comment.ThreadResolved, comment.ThreadResolvedBy)));

        session.GitHub.Push(session.Repository, pull, "e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7e7", FakeFile.Added("app/two.py", original));
        var returned = await session.ReviewAsync(7);
        var afterReturn = session.GitHub.Inspect(() => session.Repository.ReviewComments.ToDictionary(comment => comment.Id, comment => comment.ThreadResolved));

        Assert.Equal(1, fixedReview.MarkedFixed);
        Assert.Single(afterFix.Values, thread => thread.ThreadResolved);
        Assert.Equal(4, afterFix.Values.Single(thread => thread.ThreadResolved).Line);
        Assert.Null(afterFix[990_001].ThreadResolvedBy);
        Assert.Equal(0, returned.Posted);
        Assert.DoesNotContain(afterReturn.Values, resolved => resolved);
        Assert.Equal(
            ["reviewThreads acme/shop#7 after 0", "resolveReviewThread PRRT_" + afterFix.Single(pair => pair.Value.ThreadResolved).Key, "reviewThreads acme/shop#7 after 0", "unresolveReviewThread PRRT_" + afterFix.Single(pair => pair.Value.ThreadResolved).Key],
            session.GitHub.GraphQlOperations.Where(operation => !operation.StartsWith("blobs", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/graphql")]
    public void GraphQl_is_asked_where_github_serves_it_for_the_api_base(string apiBase, string expected)
    {
        Assert.Equal(new Uri(expected), PrReviewBot.GitHub.Http.GraphQl.Endpoint(new Uri(apiBase)));
    }

    [Fact]
    public async Task A_failure_notice_stays_one_comment_and_the_next_review_that_succeeds_takes_it_down_but_not_a_person_s_comment()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 7, Head, FakeFile.Added("app/one.py", FakeGitHubSession.PythonWithInjections(1)));
        var human = session.GitHub.AddHumanComment(session.Repository, 7, new FakeUser("octocat"), "The bot said: " + PullRequestConversation.FailureMarker);
        await session.Conversation.PostFailureNoticeAsync(session.Target(7), "PrReviewBot could not finish the review after 1 attempt: GitHub answered 502.", CancellationToken.None);
        await session.Conversation.PostFailureNoticeAsync(session.Target(7), "PrReviewBot could not finish the review after 3 attempts: GitHub answered 502.", CancellationToken.None);

        var notices = session.GitHub.Inspect(() => session.Repository.IssueComments.Where(comment => comment.User == session.GitHub.Bot).ToList());
        var notice = Assert.Single(notices);
        Assert.Contains("after 3 attempts", notice.Body, StringComparison.Ordinal);
        Assert.Contains(PullRequestConversation.FailureMarker, notice.Body, StringComparison.Ordinal);

        var outcome = await session.ReviewAsync(7);

        var left = session.GitHub.Inspect(() => session.Repository.IssueComments.Select(comment => comment.Id).ToList());
        Assert.Equal([human.Id, outcome.SummaryCommentId], left.Order());
    }
}
