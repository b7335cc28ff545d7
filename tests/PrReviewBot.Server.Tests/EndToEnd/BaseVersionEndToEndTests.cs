using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// The worker asks GitHub for base versions only of the files with findings, so a pull request is
/// not blamed for what its base already had, and never fails a review over them.
/// </summary>
public sealed class BaseVersionEndToEndTests : InProcessServerTests
{
    private const int Number = 21;
    private const string Head = "5555555555555555555555555555555555555555";
    private const string Path = "src/Orders/OrderRepository.cs";

    /// <summary>
    /// The sample before the pull request, in a block-scoped namespace: the injected query was
    /// already there; the hard-coded password was not. Moving to a file-scoped namespace re-indents
    /// every line, so the old query sits on changed lines.
    /// </summary>
    private static string BaseSource
    {
        get
        {
            var source = GitHubAppEndToEndTests.SampleSource;
            var start = source.IndexOf("\n    /// <summary>Opens the reporting replica.", StringComparison.Ordinal);
            var end = source.IndexOf("        return connection;\n    }\n", start, StringComparison.Ordinal) + "        return connection;\n    }\n".Length;
            var lines = (source[..start] + source[end..]).TrimEnd('\n').Split('\n');
            var opening = Array.IndexOf(lines, "namespace Shop.Orders;");
            return string.Join('\n', [
                .. lines[..opening],
                "namespace Shop.Orders",
                "{",
                .. lines[(opening + 2)..].Select(line => line.Length == 0 ? line : "    " + line),
                "}",
                string.Empty]);
        }
    }

    [Fact]
    public async Task A_defect_the_base_already_had_gets_no_comment_while_the_one_the_pull_request_added_does()
    {
        var pull = Scenario.GitHub.OpenPullRequest(
            Scenario.Repository,
            Number,
            Head,
            FakeFile.Modified(Path, BaseSource, GitHubAppEndToEndTests.SampleSource),
            FakeFile.Modified("src/Orders/Limits.cs", "namespace Shop.Orders;\n\ninternal static class Limits\n{\n    internal const int Max = 1;\n}\n", "namespace Shop.Orders;\n\ninternal static class Limits\n{\n    internal const int Max = 2;\n}\n"));

        await Scenario.OpenAsync(Number, Head);

        await WaitForCheckRunAsync();
        var (comments, summary) = Posted();
        Assert.DoesNotContain(comments, comment => comment.Body.Contains("`cs/sql-injection`", StringComparison.Ordinal));
        var password = Assert.Single(comments, comment => comment.Body.Contains("`cs/hardcoded-secret`", StringComparison.Ordinal));
        Assert.Equal(GitHubAppEndToEndTests.LineOf(GitHubAppEndToEndTests.SampleSource, "Password="), password.Line);
        Assert.DoesNotContain("cs/sql-injection", summary, StringComparison.Ordinal);
        var baseReads = Scenario.GitHub.Requests.Where(request => request.Query.Contains(pull.MergeBaseSha, StringComparison.Ordinal)).Select(request => request.Path).ToList();
        Assert.Equal([$"/repos/acme/shop/contents/{Path}"], baseReads);
        Assert.Single(Scenario.GitHub.Requests, request => request.Path.StartsWith("/repos/acme/shop/compare/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pull_request_whose_files_have_no_findings_causes_no_base_read()
    {
        Scenario.GitHub.OpenPullRequest(
            Scenario.Repository,
            Number,
            Head,
            FakeFile.Modified("src/Orders/Limits.cs", "namespace Shop.Orders;\n\ninternal static class Limits\n{\n    internal const int Max = 1;\n}\n", "namespace Shop.Orders;\n\ninternal static class Limits\n{\n    internal const int Max = 2;\n}\n"));

        await Scenario.OpenAsync(Number, Head);

        await WaitForCheckRunAsync();
        Assert.DoesNotContain(Scenario.GitHub.Requests, request => request.Path.Contains("/compare/", StringComparison.Ordinal) || request.Query.Contains("ref=ba5e", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_base_github_will_not_give_leaves_the_first_review_published_and_the_job_done()
    {
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, Head, FakeFile.Renamed("src/Orders/OldRepository.cs", Path, BaseSource, GitHubAppEndToEndTests.SampleSource));
        Scenario.GitHub.FailNext("GET", "/repos/acme/shop/contents/src/Orders/OldRepository.cs", 503, times: 1000);

        await Scenario.OpenAsync(Number, Head);

        await WaitForCheckRunAsync();
        var (comments, summary) = Posted();

        // The first review stands: the password the change added is commented (the old query line, re-indented, is known from the diff as moved code).
        Assert.Contains(comments, comment => comment.Body.Contains("`cs/hardcoded-secret`", StringComparison.Ordinal));
        Assert.Contains("Not compared with the base version", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("could not finish the review", summary, StringComparison.Ordinal);
        await Scenario.WaitForJobsToFinishAsync();
        Assert.Single(Scenario.GitHub.Inspect(() => Scenario.Repository.CheckRuns.ToList()));
        Assert.DoesNotContain(Scenario.GitHub.Inspect(() => Scenario.Repository.IssueComments.ToList()), comment => comment.Body.Contains("could not finish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_rule_id_in_the_configuration_never_stops_the_review_and_the_summary_names_the_line()
    {
        Scenario.Repository.SetContent("main", ".github/prreviewbot.yml", "fail_on: error\ndisabled_rules: [cs/naming-conventions]\n");
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, Head, FakeFile.Added(Path, GitHubAppEndToEndTests.SampleSource));

        await Scenario.OpenAsync(Number, Head);

        await WaitForCheckRunAsync();
        var (comments, summary) = Posted();
        Assert.Contains(".github/prreviewbot.yml:2: disabled_rules names an unknown rule id 'cs/naming-conventions'; did you mean 'cs/naming-convention'?", summary, StringComparison.Ordinal);
        Assert.Contains(comments, comment => comment.Body.Contains("`cs/sql-injection`", StringComparison.Ordinal));
    }

    private Task WaitForCheckRunAsync() =>
        Scenario.WaitUntilAsync(
            () => Scenario.GitHub.Requests.Any(request => request.Method == "POST" && request.Path == "/repos/acme/shop/check-runs" && request.Status == 201),
            "the check run, the last step of publishing");

    private (List<FakeReviewComment> Comments, string Summary) Posted() =>
        Scenario.GitHub.Inspect(() => (
            Scenario.Repository.ReviewComments.ToList(),
            Scenario.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body));
}
