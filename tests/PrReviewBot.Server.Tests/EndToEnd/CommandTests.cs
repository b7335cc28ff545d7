using System.Net;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using PrReviewBot.Server.Commands;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>The commands in pull request comments, judged by what GitHub received.</summary>
public sealed class CommandTests : InProcessServerTests
{
    private const int Number = 21;
    private const string FirstHead = "3131313131313131313131313131313131313131";
    private const string SecondHead = "3232323232323232323232323232323232323232";
    private const string Module = "import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n";

    [Fact]
    public async Task Help_gets_a_reply_listing_the_commands()
    {
        Open();

        await Scenario.CommentAsync(Number, "/prreviewbot help", new FakeUser("acme"), "OWNER");

        await Scenario.WaitForJobsToFinishAsync();
        var reply = Assert.Single(BotComments(), comment => !comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal));
        Assert.Equal(PullRequestCommand.Help, reply.Body);
        Assert.Single(Scenario.GitHub.Inspect(() => Scenario.Repository.Reactions.ToList()));
    }

    [Fact]
    public async Task Ignore_keeps_the_rule_quiet_on_this_pull_request_and_the_summary_says_so()
    {
        Open();
        await Scenario.OpenAsync(Number, FirstHead);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Contains("py/weak-hash", Summary(), StringComparison.Ordinal);

        await Scenario.CommentAsync(Number, "/prreviewbot ignore py/weak-hash", new FakeUser("acme"), "OWNER");
        await Scenario.WaitForJobsToFinishAsync();

        var summary = Summary();
        Assert.Contains("Ignored on this pull request (`/prreviewbot ignore`): `py/weak-hash`.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("`py/weak-hash`,", summary, StringComparison.Ordinal);
        Assert.StartsWith(SummaryWriter.CleanVerdict, summary, StringComparison.Ordinal);
        Assert.Single(BotComments(), comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_rule_id_is_answered_and_nothing_is_ignored()
    {
        Open();

        await Scenario.CommentAsync(Number, "/prreviewbot ignore py/no-such-rule", new FakeUser("acme"), "OWNER");

        await Scenario.WaitForJobsToFinishAsync();
        Assert.Contains(BotComments(), comment => comment.Body.StartsWith("`py/no-such-rule` is not a PrReviewBot rule id", StringComparison.Ordinal));
        Assert.DoesNotContain(Scenario.GitHub.Requests, request => request.Path == "/repos/acme/shop/check-runs");
    }

    [Fact]
    public async Task Pause_stops_reviews_of_pushes_until_resume_reviews_at_once()
    {
        var pull = Open();
        await Scenario.CommentAsync(Number, "/prreviewbot pause", new FakeUser("acme"), "OWNER");
        await Scenario.WaitForJobsToFinishAsync();

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, FakeFile.Added("app/hashes.py", Module + "\n\ndef other(data):\n    return hashlib.sha1(data).hexdigest()\n"));
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();
        var whilePaused = CheckRuns();
        Assert.Contains("paused", Summary(), StringComparison.Ordinal);

        await Scenario.CommentAsync(Number, "/prreviewbot resume", new FakeUser("acme"), "OWNER");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal(0, whilePaused);
        Assert.Equal(1, CheckRuns());
        Assert.Contains("py/weak-hash", Summary(), StringComparison.Ordinal);
        Assert.Single(BotComments(), comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/prreviewbot pause")]
    [InlineData("/prreviewbot help")]
    [InlineData("/prreviewbot ignore py/weak-hash")]
    [InlineData("/review full")]
    public async Task Commands_from_someone_without_write_access_post_nothing_and_react_with_nothing(string command)
    {
        Open();
        Scenario.GitHub.Inspect(() => Scenario.Repository.Roles["visitor"] = "read");

        var response = await Scenario.CommentAsync(Number, command, new FakeUser("visitor"), "NONE");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.DoesNotContain(Scenario.GitHub.Requests, request => request.IsWrite && request.Path.StartsWith("/repos/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/review", CommandKind.Review, null)]
    [InlineData("/review please", CommandKind.Review, null)]
    [InlineData("/REVIEW Full\nthanks", CommandKind.ReviewFull, null)]
    [InlineData("/prreviewbot ignore cs/weak-hash", CommandKind.Ignore, "cs/weak-hash")]
    [InlineData("/prreviewbot pause", CommandKind.Pause, null)]
    [InlineData("/prreviewbot resume", CommandKind.Resume, null)]
    [InlineData("/prreviewbot", CommandKind.Help, null)]
    [InlineData("/prreviewbot what", CommandKind.Help, null)]
    public void Reads_the_command_from_the_comment_s_first_line(string body, CommandKind kind, string? argument)
    {
        Assert.Equal(new PullRequestCommand(kind, argument), PullRequestCommand.Parse(body));
    }

    [Theory]
    [InlineData("please /review")]
    [InlineData("/reviewer")]
    [InlineData("thanks\n/review")]
    [InlineData("")]
    public void Other_comments_are_not_commands(string body)
    {
        Assert.Null(PullRequestCommand.Parse(body));
    }

    private FakePullRequest Open() =>
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.Added("app/hashes.py", Module));

    private List<FakeIssueComment> BotComments() =>
        Scenario.GitHub.Inspect(() => Scenario.Repository.IssueComments.Where(comment => comment.User.Type == "Bot").ToList());

    private string Summary() =>
        Assert.Single(BotComments(), comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body;

    private int CheckRuns() =>
        Scenario.GitHub.Requests.Count(request => request.Method == "POST" && request.Path == "/repos/acme/shop/check-runs" && request.Status == 201);
}
