using System.Net;
using System.Text.Json.Nodes;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// Signed deliveries whose bodies lack what a job needs, or hold the wrong kinds of value: a fault
/// of the sender that no redelivery mends, so 400 with the field named, and nothing stored.
/// </summary>
public sealed class MalformedDeliveryTests : InProcessServerTests
{

    [Theory]
    [InlineData("pull_request", "null")]
    [InlineData("repository.owner", "null")]
    [InlineData("repository.owner.login", "null")]
    [InlineData("repository.name", "null")]
    [InlineData("pull_request.head", "null")]
    [InlineData("pull_request.head.sha", "null")]
    [InlineData("pull_request.number", "2147483648")]
    [InlineData("pull_request.number", "-3")]
    [InlineData("pull_request.number", "\"twelve\"")]
    [InlineData("pull_request.draft", "\"no\"")]
    [InlineData("repository", "\"acme/shop\"")]
    [InlineData("installation.id", "{}")]
    public async Task A_pull_request_event_with_a_missing_or_mistyped_field_gets_400_and_stores_nothing(string field, string value)
    {
        var body = With(GitHubPayloads.PullRequest("opened", "acme", "shop", 77, 12, new string('1', 40)), field, value);

        var response = await Scenario.DeliverAsync("pull_request", body);

        await AssertRejectedAsync(response);
    }

    [Theory]
    [InlineData("comment", "null")]
    [InlineData("issue", "null")]
    [InlineData("comment.user", "null")]
    [InlineData("comment.user.login", "null")]
    [InlineData("issue.number", "2147483648")]
    [InlineData("comment.id", "\"x\"")]
    [InlineData("repository.owner", "null")]
    public async Task A_review_command_with_a_missing_or_mistyped_field_gets_400_and_stores_nothing(string field, string value)
    {
        var body = With(GitHubPayloads.IssueComment("acme", "shop", 77, 12, 501, "/review", "octocat", "OWNER"), field, value);

        var response = await Scenario.DeliverAsync("issue_comment", body);

        await AssertRejectedAsync(response);
    }

    [Fact]
    public async Task A_well_formed_delivery_after_malformed_ones_is_still_queued()
    {
        await Scenario.DeliverAsync("pull_request", With(GitHubPayloads.PullRequest("opened", "acme", "shop", 77, 12, new string('1', 40)), "pull_request", "null"));

        var response = await Scenario.DeliverAsync("pull_request", GitHubPayloads.PullRequest("opened", "acme", "shop", 77, 12, new string('1', 40)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await StoredJobsAsync());
    }

    [Fact]
    public async Task The_warm_up_deliveries_are_read_into_jobs_and_store_nothing()
    {
        var parsed = await PrReviewBot.Server.Webhooks.WebhookWarmUp.RunAsync(Server.Services, CancellationToken.None);

        Assert.Equal(2, parsed);
        Assert.Equal(0, await StoredJobsAsync());
    }

    private async Task AssertRejectedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("not a valid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(0, await StoredJobsAsync());
    }

    private async Task<int> StoredJobsAsync()
    {
        var store = new SqliteJobStore(Scenario.Settings["Storage:ConnectionString"], TimeProvider.System);
        var counts = await store.CountsAsync(CancellationToken.None);
        return counts.Queued + counts.Leased + counts.Done + counts.Failed + counts.Superseded;
    }

    /// <summary>The body with the value at a dotted path replaced by <paramref name="json"/>.</summary>
    private static string With(string body, string path, string json)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(root, (node, name) => node[name]!.AsObject());
        parent[names[^1]] = JsonNode.Parse(json);
        return root.ToJsonString();
    }
}
