using System.Net;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// The App as GitHub sees it: signed deliveries in, the real Octokit client out to a fake GitHub
/// on loopback, and assertions on what GitHub received.
/// </summary>
public sealed class GitHubAppEndToEndTests : InProcessServerTests
{
    private const int Number = 12;
    private const string FirstHead = "1111111111111111111111111111111111111111";
    private const string FixedHead = "2222222222222222222222222222222222222222";
    private const string Path = "src/Orders/OrderRepository.cs";

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task A_delivery_with_a_bad_or_missing_signature_gets_401_and_causes_no_call_to_GitHub(string signature)
    {
        OpenSample();

        var response = await Scenario.DeliverAsync("pull_request", GitHubPayloads.PullRequest("opened", "acme", "shop", 77, Number, FirstHead), signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Empty(Scenario.RequestsAfterStart);
    }

    [Fact]
    public async Task An_opened_pull_request_gets_one_summary_with_the_verdict_and_a_review_with_the_injection_inline()
    {
        var pull = OpenSample();

        var response = await Scenario.OpenAsync(Number, FirstHead);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForCheckRunsAsync(1);
        var (summaries, reviews, comments) = Posted();
        var summary = Assert.Single(summaries);
        Assert.Contains(SummaryWriter.Marker, summary.Body, StringComparison.Ordinal);
        Assert.Contains("security defect", summary.Body, StringComparison.Ordinal);
        Assert.Single(reviews);
        var patch = DiffLines.Parse(pull.Files[0].Patch);
        Assert.All(comments, comment => Assert.True(patch.Accepts(comment.Line, comment.StartLine), $"{comment.Path}:{comment.Line} is not on the diff"));
        var injection = Assert.Single(comments, comment => comment.Body.Contains("`cs/sql-injection`", StringComparison.Ordinal));
        Assert.InRange(injection.Line, LineOf(SampleSource, "var sql = "), LineOf(SampleSource, "new SqlCommand(sql"));
        Assert.All(Scenario.GitHub.Requests, request => Assert.NotEqual(CallerKind.Rejected, request.Caller));
    }

    [Fact]
    public async Task Redelivering_the_same_delivery_adds_nothing()
    {
        OpenSample();
        var delivery = Scenario.NewDeliveryId();
        await Scenario.OpenAsync(Number, FirstHead, deliveryId: delivery);
        await WaitForCheckRunsAsync(1);
        var before = Scenario.GitHub.Requests.Count;

        var again = await Scenario.OpenAsync(Number, FirstHead, deliveryId: delivery);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", await again.Content.ReadAsStringAsync());
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Equal(before, Scenario.GitHub.Requests.Count);
    }

    [Fact]
    public async Task A_push_that_fixes_one_defect_updates_the_summary_in_place_and_reposts_none_of_the_unchanged_comments()
    {
        var pull = OpenSample();
        await Scenario.OpenAsync(Number, FirstHead);
        await WaitForCheckRunsAsync(1);
        var (_, _, first) = Posted();
        var fixedSource = SampleSource.Replace(
            "new SqlConnection(\"Server=reports.contoso.internal;Database=Shop;User Id=report;Password=Winter2024!;\")",
            "new SqlConnection(Environment.GetEnvironmentVariable(\"REPORTING_DB\"))",
            StringComparison.Ordinal);
        Scenario.GitHub.Push(Scenario.Repository, pull, FixedHead, FakeFile.Added(Path, fixedSource));

        var response = await Scenario.OpenAsync(Number, FixedHead, action: "synchronize");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForCheckRunsAsync(2);
        var (summaries, reviews, comments) = Posted();
        var summary = Assert.Single(summaries);
        Assert.True(summary.Edits >= 1, "the summary was not edited in place");
        Assert.Single(reviews);
        Assert.Equal(first.Count, comments.Count);
        var password = Assert.Single(comments, comment => comment.Line == LineOf(SampleSource, "Password="));
        Assert.Equal(1, password.Edits);
        Assert.All(comments.Where(comment => comment != password), comment => Assert.Equal(0, comment.Edits));
    }

    [Fact]
    public async Task Review_from_the_owner_gets_a_reaction_and_a_fresh_review()
    {
        OpenSample();
        await Scenario.OpenAsync(Number, FirstHead);
        await WaitForCheckRunsAsync(1);

        var response = await Scenario.CommentAsync(Number, "/review", new FakeUser("acme"), "OWNER");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForCheckRunsAsync(2);
        var (reactions, reviews) = Scenario.GitHub.Inspect(() => (Scenario.Repository.Reactions.ToList(), Scenario.Repository.Reviews.ToList()));
        Assert.Equal("eyes", Assert.Single(reactions).Content);
        Assert.Equal(2, reviews.Count);
        Assert.Contains("@acme", reviews[1].Body, StringComparison.Ordinal);
        Assert.Single(Posted().Summaries);
    }

    [Fact]
    public async Task Review_from_a_collaborator_with_write_permission_is_accepted()
    {
        OpenSample();
        Scenario.GitHub.Inspect(() => Scenario.Repository.Roles["dev"] = "write");

        await Scenario.CommentAsync(Number, "/review please", new FakeUser("dev"), "CONTRIBUTOR");

        await WaitForCheckRunsAsync(1);
        Assert.Single(Scenario.GitHub.Inspect(() => Scenario.Repository.Reactions.ToList()));
    }

    [Fact]
    public async Task Review_from_a_user_with_read_access_gets_no_review()
    {
        OpenSample();
        Scenario.GitHub.Inspect(() => Scenario.Repository.Roles["visitor"] = "read");

        var response = await Scenario.CommentAsync(Number, "/review", new FakeUser("visitor"), "NONE");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Scenario.WaitUntilAsync(() => Scenario.GitHub.Requests.Any(request => request.Path.EndsWith("/collaborators/visitor/permission", StringComparison.Ordinal)), "the permission check");
        await Scenario.WaitForJobsToFinishAsync();
        Assert.DoesNotContain(Scenario.GitHub.Requests, request => request.IsWrite && request.Path.StartsWith("/repos/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_that_keeps_failing_retries_with_backoff_then_tells_the_pull_request()
    {
        OpenSample();
        Scenario.GitHub.FailNext("GET", $"/repos/acme/shop/pulls/{Number}", 502, times: 1000);

        await Scenario.OpenAsync(Number, FirstHead);

        await Scenario.WaitUntilAsync(() => Scenario.Repository.IssueComments.Count >= 1, "the comment that the review failed");
        var notice = Scenario.GitHub.Inspect(() => Scenario.Repository.IssueComments.Single());
        Assert.Contains("could not finish the review", notice.Body, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", notice.Body, StringComparison.Ordinal);
        Assert.Contains("GitHub answered 502", notice.Body, StringComparison.Ordinal);
        Assert.Empty(Scenario.GitHub.Inspect(() => Scenario.Repository.Reviews.ToList()));
    }

    [Theory]
    [InlineData("/review", "renovate[bot]", "Bot")]
    [InlineData("Thanks, looks good", "acme", "User")]
    public async Task Comments_by_bots_and_comments_that_are_not_the_command_are_ignored(string body, string login, string type)
    {
        OpenSample();

        var response = await Scenario.CommentAsync(Number, body, new FakeUser(login, type), "NONE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Empty(Scenario.RequestsAfterStart);
    }

    [Fact]
    public async Task Drafts_wait_until_they_are_ready_for_review()
    {
        OpenSample();

        var draft = await Scenario.OpenAsync(Number, FirstHead, draft: true);
        var ready = await Scenario.OpenAsync(Number, FirstHead, action: "ready_for_review");

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, ready.StatusCode);
        await WaitForCheckRunsAsync(1);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("ping")]
    [InlineData("installation")]
    public async Task Events_the_App_does_not_act_on_are_acknowledged_and_ignored(string eventName)
    {
        var response = await Scenario.DeliverAsync(eventName, GitHubPayloads.Ping(77));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("labeled")]
    public async Task Pull_request_actions_that_do_not_ask_for_a_review_are_ignored(string action)
    {
        var response = await Scenario.OpenAsync(Number, FirstHead, action: action);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_with_a_good_signature_is_refused_with_400()
    {
        var response = await Scenario.DeliverAsync("pull_request", "{ not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_health_endpoint_answers_ok()
    {
        Assert.Equal("ok", await Scenario.WaitForHealthAsync(HttpStatusCode.OK));
    }

    /// <summary>A pull request adding the C# file of <c>samples/csharp-sql-injection.patch</c>: an injected query and a connection string with a password.</summary>
    internal static string SampleSource => """
        using Microsoft.Data.SqlClient;

        namespace Shop.Orders;

        public sealed class OrderRepository
        {
            private readonly string _connectionString;

            public OrderRepository(string connectionString)
            {
                _connectionString = connectionString;
            }

            /// <summary>Finds orders whose note mentions the search text.</summary>
            public IReadOnlyList<int> SearchByNote(string searchText)
            {
                using var connection = new SqlConnection(_connectionString);
                connection.Open();
                var sql = "SELECT Id FROM Orders WHERE Note LIKE '%" + searchText + "%'";
                using var command = new SqlCommand(sql, connection);
                var ids = new List<int>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    ids.Add(reader.GetInt32(0));
                }

                return ids;
            }

            /// <summary>Opens the reporting replica.</summary>
            public static SqlConnection OpenReporting()
            {
                var connection = new SqlConnection("Server=reports.contoso.internal;Database=Shop;User Id=report;Password=Winter2024!;");
                connection.Open();
                return connection;
            }
        }

        """;

    internal static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, index) => (line, index)).First(pair => pair.line.Contains(fragment, StringComparison.Ordinal)).index + 1;

    private FakePullRequest OpenSample() =>
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.Added(Path, SampleSource));

    private Task WaitForCheckRunsAsync(int count) =>
        // Waits for the answered request, not only the fake's state, so later counts of requests start from a settled log.
        Scenario.WaitUntilAsync(
            () => Scenario.GitHub.Requests.Count(request => request.Method == "POST" && request.Path == "/repos/acme/shop/check-runs" && request.Status == 201) >= count,
            $"{count} check run(s), the last step of publishing");

    private (List<FakeIssueComment> Summaries, List<FakeReview> Reviews, List<FakeReviewComment> Comments) Posted() =>
        Scenario.GitHub.Inspect(() => (
            Scenario.Repository.IssueComments.Where(comment => comment.User.Type == "Bot" && comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).ToList(),
            Scenario.Repository.Reviews.ToList(),
            Scenario.Repository.ReviewComments.ToList()));
}
