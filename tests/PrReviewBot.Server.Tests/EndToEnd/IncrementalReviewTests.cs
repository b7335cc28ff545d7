using System.Globalization;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// Incremental reviews through the real server: after a push that only adds commits, only the files it changed are
/// read and reviewed, while the summary still covers the whole pull request. Judged by what GitHub received.
/// </summary>
public sealed partial class IncrementalReviewTests : InProcessServerTests
{
    private const int Number = 30;
    private const int FileCount = 30;
    private const string FirstHead = "4141414141414141414141414141414141414141";
    private const string SecondHead = "4242424242424242424242424242424242424242";
    private const string ThirdHead = "4343434343434343434343434343434343434343";

    [Fact]
    public async Task A_push_touching_one_file_of_thirty_reads_only_that_file_and_the_summary_still_covers_all_thirty()
    {
        var pull = await ReviewThirtyFilesAsync();
        var fixedComment = Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.Single(comment => comment.Path == PathOf(0)));
        var before = Scenario.GitHub.Requests.Count;

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Files().Select((file, index) => index == 0 ? FakeFile.Added(PathOf(0), Safe(0)) : file)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal([PathOf(0)], ContentsRead(before));
        var summary = Summary();
        Assert.Contains("Reviewed 1 file changed since `4141414`; 29 files carried over from the previous review.", summary, StringComparison.Ordinal);
        Assert.Contains("**29 security defects are detected in the code:**", summary, StringComparison.Ordinal);
        Assert.Contains("Coverage: 30 files reviewed", summary, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(1, FileCount - 1), index => Assert.Contains(PathOf(index) + ":", summary, StringComparison.Ordinal));
        Assert.Contains($"`{SecondHead}`", summary, StringComparison.Ordinal);
        var resolved = Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.Single(comment => comment.Id == fixedComment.Id));
        Assert.True(resolved.ThreadResolved, "the fixed finding's thread was not resolved");
        Assert.Equal(1, Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.Count(comment => comment.ThreadResolved)));
        // The cap counts the comments still standing: the fixed one's place goes to the next finding.
        Assert.Equal(20, Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.Count(comment => !comment.ThreadResolved)));
    }

    [Fact]
    public async Task A_second_push_builds_on_the_first_incremental_review()
    {
        var pull = await ReviewThirtyFilesAsync();
        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Files().Select((file, index) => index == 0 ? FakeFile.Added(PathOf(0), Safe(0)) : file)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();
        var before = Scenario.GitHub.Requests.Count;

        Scenario.GitHub.Push(Scenario.Repository, pull, ThirdHead, [.. Files().Select((file, index) => index is 0 or 1 ? FakeFile.Added(PathOf(index), Safe(index)) : file)]);
        await Scenario.OpenAsync(Number, ThirdHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal([PathOf(1)], ContentsRead(before));
        var summary = Summary();
        Assert.Contains("**28 security defects are detected in the code:**", summary, StringComparison.Ordinal);
        Assert.Contains("Reviewed 1 file changed since `4242424`; 29 files carried over", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_the_push_reverts_to_its_base_drops_out_with_its_findings()
    {
        var pull = await ReviewThirtyFilesAsync();

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Files().Skip(1)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        var summary = Summary();
        Assert.Contains("**29 security defects are detected in the code:**", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(PathOf(0) + ":", summary, StringComparison.Ordinal);
        Assert.Contains("Coverage: 29 files reviewed", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_branch_that_moved_on_without_moving_the_merge_base_still_gets_an_incremental_review()
    {
        var pull = await ReviewThirtyFilesAsync();
        var before = Scenario.GitHub.Requests.Count;

        Scenario.GitHub.MoveBase(pull, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2");
        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Files().Select((file, index) => index == 0 ? FakeFile.Added(PathOf(0), Safe(0)) : file)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal([PathOf(0)], ContentsRead(before));
        Assert.Contains("Reviewed 1 file changed since `4141414`; 29 files carried over", Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_touching_one_file_of_250_reads_one_file_in_fewer_requests_than_the_full_review()
    {
        const int Count = 250;
        FakeFile Module(int index, bool changed = false) =>
            FakeFile.Added(string.Create(CultureInfo.InvariantCulture, $"app/module_{index:000}.py"), index % 25 == 0 ? Unsafe(index) : $"LIMIT_{index} = {index + (changed ? 1 : 0)}\n");
        var pull = Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, [.. Enumerable.Range(0, Count).Select(index => Module(index))]);
        var start = Scenario.GitHub.Requests.Count;
        await Scenario.OpenAsync(Number, FirstHead);
        await Scenario.WaitForJobsToFinishAsync();
        var full = Scenario.GitHub.Requests.Skip(start).Count(request => request.Caller != CallerKind.App);
        var before = Scenario.GitHub.Requests.Count;

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Enumerable.Range(0, Count).Select(index => Module(index, changed: index == 1))]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        var incremental = Scenario.GitHub.Requests.Skip(before).Count(request => request.Caller != CallerKind.App);
        Assert.True(incremental < full, $"incremental {incremental} requests, full {full}");
        Assert.Equal(["app/module_001.py"], Scenario.GitHub.Requests.Skip(before).Where(request => request.Path.EndsWith("/graphql", StringComparison.Ordinal))
            .SelectMany(request => Regex.Matches(request.Body, @"app/module_\d+\.py").Select(match => match.Value)).Distinct());
        var summary = Summary();
        Assert.Contains("Reviewed 1 file changed since `4141414`; 249 files carried over from the previous review.", summary, StringComparison.Ordinal);
        Assert.Contains("**10 security defects are detected in the code:**", summary, StringComparison.Ordinal);
        Assert.Contains("Coverage: 250 files reviewed", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_force_push_gets_a_full_review()
    {
        var pull = await ReviewThirtyFilesAsync();
        var before = Scenario.GitHub.Requests.Count;

        Scenario.GitHub.ForcePush(Scenario.Repository, pull, SecondHead, [.. Files().Select((file, index) => index == 0 ? FakeFile.Added(PathOf(0), Safe(0)) : file)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal(FileCount, ContentsRead(before).Count);
        var summary = Summary();
        Assert.DoesNotContain("carried over", summary, StringComparison.Ordinal);
        Assert.Contains("**29 security defects are detected in the code:**", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_full_gets_a_full_review_and_plain_review_reuses_the_last_one()
    {
        await ReviewThirtyFilesAsync();
        var before = Scenario.GitHub.Requests.Count;

        await Scenario.CommentAsync(Number, "/review", new FakeUser("acme"), "OWNER");
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Empty(ContentsRead(before));
        Assert.Contains("No file changed since `4141414`; 30 files carried over from the previous review.", Summary(), StringComparison.Ordinal);
        before = Scenario.GitHub.Requests.Count;

        await Scenario.CommentAsync(Number, "/review full", new FakeUser("acme"), "OWNER");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal(FileCount, ContentsRead(before).Count);
        Assert.DoesNotContain("carried over", Summary(), StringComparison.Ordinal);
        Assert.Contains("**30 security defects are detected in the code:**", Summary(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(501)]
    public async Task A_github_that_will_not_compare_gets_a_full_review(int status)
    {
        var pull = await ReviewThirtyFilesAsync();
        var before = Scenario.GitHub.Requests.Count;
        Scenario.GitHub.FailNext("GET", "/repos/acme/shop/compare/", status, times: 10);

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, [.. Files().Select((file, index) => index == 0 ? FakeFile.Added(PathOf(0), Safe(0)) : file)]);
        await Scenario.OpenAsync(Number, SecondHead, action: "synchronize");
        await Scenario.WaitForJobsToFinishAsync();

        Assert.Equal(FileCount, ContentsRead(before).Count);
        Assert.Contains("**29 security defects are detected in the code:**", Summary(), StringComparison.Ordinal);
        Assert.Equal(2, Scenario.GitHub.Inspect(() => Scenario.Repository.CheckRuns.Count));
    }

    private async Task<FakePullRequest> ReviewThirtyFilesAsync()
    {
        var pull = Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, [.. Files()]);
        await Scenario.OpenAsync(Number, FirstHead);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Contains("**30 security defects are detected in the code:**", Summary(), StringComparison.Ordinal);
        return pull;
    }

    private static IEnumerable<FakeFile> Files() => Enumerable.Range(0, FileCount).Select(index => FakeFile.Added(PathOf(index), Unsafe(index)));

    private static string PathOf(int index) => string.Create(CultureInfo.InvariantCulture, $"app/module_{index:00}.py");

    private static string Unsafe(int index) => string.Create(CultureInfo.InvariantCulture, $"import sqlite3\n\n\ndef find_{index}(connection, name):\n    return connection.execute(\"SELECT * FROM t{index} WHERE name = '\" + name + \"'\").fetchall()\n");

    private static string Safe(int index) => string.Create(CultureInfo.InvariantCulture, $"import sqlite3\n\n\ndef find_{index}(connection, name):\n    return connection.execute(\"SELECT * FROM t{index} WHERE name = ?\", (name,)).fetchall()\n");

    private string Summary() => Scenario.GitHub.Inspect(() => Scenario.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body);

    /// <summary>The pull request's files whose contents were asked for since request <paramref name="from"/>, through GraphQL or REST.</summary>
    private List<string> ContentsRead(int from) => Scenario.GitHub.Requests.Skip(from)
        .SelectMany(request => request.Path.EndsWith("/graphql", StringComparison.Ordinal)
            ? ModulePath().Matches(request.Body).Select(match => match.Value)
            : request.Path.Contains("/contents/app/", StringComparison.Ordinal) ? [request.Path[(request.Path.IndexOf("/contents/", StringComparison.Ordinal) + "/contents/".Length)..]] : [])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    [GeneratedRegex(@"app/module_\d+\.py")]
    private static partial Regex ModulePath();
}
