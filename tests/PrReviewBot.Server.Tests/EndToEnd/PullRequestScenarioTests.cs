using System.Globalization;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// What a pull request sees after the first review (issue 15, points 1–3 and 5–7), each through the real server and
/// Octokit against the fake GitHub, judged only by what GitHub received. Points 4 and 8 have their own classes
/// (<see cref="IncrementalReviewTests"/>, <see cref="CommandTests"/>).
/// </summary>
public sealed class PullRequestScenarioTests : InProcessServerTests
{
    private const int Number = 15;
    private const string FirstHead = "5151515151515151515151515151515151515151";
    private const string SecondHead = "5252525252525252525252525252525252525252";

    [Fact]
    public async Task A_fixed_defect_resolves_our_thread_and_leaves_a_person_s_thread_alone()
    {
        var pull = Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.Added("app/two.py", Injections(2)));
        await ReviewAsync(FirstHead);
        var person = Scenario.GitHub.Inspect(() =>
        {
            var comment = new FakeReviewComment
            {
                Id = 990_001, PullNumber = Number, CommitId = FirstHead, Path = "app/two.py", Line = 7, Side = "RIGHT",
                Body = "Why not a parameter here?", User = new FakeUser("octocat"), CreatedAt = DateTimeOffset.UtcNow,
            };
            Scenario.Repository.ReviewComments.Add(comment);
            return comment;
        });
        var ours = Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.Where(comment => comment.Body.Contains("`py/sql-injection`", StringComparison.Ordinal)).ToList());
        Assert.Equal(2, ours.Count);

        Scenario.GitHub.Push(Scenario.Repository, pull, SecondHead, FakeFile.Added("app/two.py", Injections(2, fixedFirst: true)));
        await ReviewAsync(SecondHead, "synchronize");

        var after = Scenario.GitHub.Inspect(() => Scenario.Repository.ReviewComments.ToDictionary(comment => comment.Id, comment => (comment.ThreadResolved, comment.ThreadResolvedBy, comment.Body, comment.Edits)));
        Assert.Single(ours, comment => after[comment.Id].ThreadResolved);
        Assert.Single(ours, comment => !after[comment.Id].ThreadResolved);
        Assert.False(after[person.Id].ThreadResolved);
        Assert.Null(after[person.Id].ThreadResolvedBy);
        Assert.Equal(("Why not a parameter here?", 0), (after[person.Id].Body, after[person.Id].Edits));
        Assert.DoesNotContain(after.Keys.Except(ours.Select(comment => comment.Id)), id => after[id].ThreadResolved);
    }

    [Fact]
    public async Task Twenty_five_findings_give_twenty_inline_comments_and_the_summary_lists_the_other_five_with_their_lines()
    {
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.Added("app/many.py", Injections(25)));

        await ReviewAsync(FirstHead);

        var (comments, summary) = Posted();
        Assert.Equal(20, comments.Count);
        Assert.Contains("Inline comments stop at 20 per pull request (`max_inline_comments`)", summary, StringComparison.Ordinal);
        var listed = summary[summary.IndexOf("Inline comments stop at 20", StringComparison.Ordinal)..];
        var inline = comments.Select(comment => comment.Line).ToHashSet();
        var missing = Enumerable.Range(0, 25).Select(index => 4 + (3 * index)).Where(line => !inline.Contains(line)).ToList();
        Assert.Equal(5, missing.Count);
        Assert.All(missing, line => Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"app/many.py:{line}"), listed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_github_lists_without_a_patch_is_diffed_and_reviewed_and_its_defect_is_listed_with_its_line()
    {
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.WithoutPatch("app/large.py", "import sqlite3\n", Injections(1)));

        await ReviewAsync(FirstHead);

        // GitHub takes no inline comment on a file it shows no diff for, so the summary carries the finding.
        var summary = Posted().Summary;
        Assert.StartsWith("**1 security defect is detected in the code:**", summary, StringComparison.Ordinal);
        Assert.Contains("app/large.py:4", summary, StringComparison.Ordinal);
        Assert.Contains("Coverage: 1 file reviewed, 0 skipped", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_review_of_250_files_through_the_server_makes_at_most_two_requests_per_hundred_files_and_ten_more(bool graphQlReadsContents)
    {
        const int Count = 250;
        Scenario.GitHub.AnswersBlobQueries = graphQlReadsContents;
        var files = Enumerable.Range(0, Count)
            .Select(index => index % 50 == 7
                ? FakeFile.WithoutPatch($"app/large_{index}.py", $"LIMIT_{index} = 0\n", $"LIMIT_{index} = {index}\n")
                : FakeFile.Added($"app/module_{index}.py", index % 50 == 0 ? Injections(1) : $"LIMIT_{index} = {index}\n"))
            .ToArray();
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, files);
        var before = Scenario.GitHub.Requests.Count;

        await ReviewAsync(FirstHead);

        var requests = Scenario.GitHub.Requests.Skip(before).Where(request => request.Caller != CallerKind.App).ToList();
        var budget = (2 * ((Count + 99) / 100)) + 10;
        Assert.True(requests.Count <= budget, $"{requests.Count} requests, {budget} allowed:\n{string.Join("\n", requests)}");
        Assert.Single(requests, request => request.Method == "GET" && request.Path == $"/repos/acme/shop/issues/{Number}/comments");
        Assert.DoesNotContain(requests, request => request.Path.Contains("/contents/app/", StringComparison.Ordinal));
        Assert.Contains("**5 security defects are detected in the code:**", Posted().Summary, StringComparison.Ordinal);
        Assert.Contains("Coverage: 250 files reviewed, 0 skipped", Posted().Summary, StringComparison.Ordinal);

        // Without GraphQL for contents, the head's and the merge base's tarballs stand in, and the token stays with GitHub's API.
        var tarballs = requests.Where(request => request.Path.Contains("/tarball/", StringComparison.Ordinal)).ToList();
        Assert.Equal(graphQlReadsContents ? 0 : 2, tarballs.Count);
        Assert.Equal(0, Scenario.GitHub.ArchiveDownloadsWithCredentials);
    }

    [Fact]
    public async Task Files_gitattributes_marks_generated_are_skipped_by_name_with_no_inline_comment_or_annotation()
    {
        Scenario.Repository.SetContent(FirstHead, ".gitattributes", "*_pb2.py linguist-generated\n");
        Scenario.GitHub.OpenPullRequest(
            Scenario.Repository,
            Number,
            FirstHead,
            FakeFile.Added("app/api_pb2.py", Injections(2)),
            FakeFile.Added("app/store.py", Injections(1)));

        await ReviewAsync(FirstHead);

        var (comments, summary) = Posted();
        var run = Scenario.GitHub.Inspect(() => Scenario.Repository.CheckRuns.Single());
        Assert.Contains("`app/api_pb2.py` (generated", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(comments, comment => comment.Path == "app/api_pb2.py");
        Assert.DoesNotContain(run.Annotations, annotation => annotation.Path == "app/api_pb2.py");
        Assert.Contains(comments, comment => comment.Path == "app/store.py");
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("too large")]
    public async Task A_reviewable_file_that_was_skipped_keeps_the_check_from_success_and_is_named_in_its_summary(string why)
    {
        Scenario.Repository.SetContent("main", ".github/prreviewbot.yml", "max_file_size_kb: 2\n");
        var skipped = why == "binary"
            ? new FakeFile("app/blob.py", "added", null, 0, 0, null)
            : FakeFile.Added("app/huge.py", string.Concat(Enumerable.Repeat("LIMIT = 1\n", 400)));
        if (why == "binary")
        {
            Scenario.Repository.SetContent(FirstHead, skipped.Path, [0x00, 0x01, 0x02, 0x00]);
        }

        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, skipped, FakeFile.Added("app/clean.py", "LIMIT = 1\n"));

        await ReviewAsync(FirstHead);

        var run = Scenario.GitHub.Inspect(() => Scenario.Repository.CheckRuns.Single());
        Assert.NotEqual("success", run.Conclusion);
        Assert.Contains($"`{skipped.Path}`", run.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(SummaryWriter.CleanVerdict, Posted().Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail_on: [error\n", "invalid YAML")]
    [InlineData("fail_on: error\nmax_inline_coments: 5\n", ".github/prreviewbot.yml:2")]
    [InlineData("disabled_rules:\n  - py/no-such-rule\n", ".github/prreviewbot.yml:2")]
    public async Task A_broken_configuration_still_gets_a_review_with_the_defaults_and_a_note_naming_the_file_and_line(string yaml, string named)
    {
        Scenario.Repository.SetContent("main", ".github/prreviewbot.yml", yaml);
        Scenario.GitHub.OpenPullRequest(Scenario.Repository, Number, FirstHead, FakeFile.Added("app/one.py", Injections(1)));

        await ReviewAsync(FirstHead);

        var (comments, summary) = Posted();
        Assert.Contains(comments, comment => comment.Body.Contains("`py/sql-injection`", StringComparison.Ordinal));
        var note = summary.Split('\n').Single(line => line.StartsWith("> **Note:**", StringComparison.Ordinal) && line.Contains(".github/prreviewbot.yml", StringComparison.Ordinal));
        Assert.Contains(named, note, StringComparison.Ordinal);
        Assert.Matches(@"\.github/prreviewbot\.yml:\d+:", note);
    }

    private async Task ReviewAsync(string head, string action = "opened")
    {
        await Scenario.OpenAsync(Number, head, action: action);
        await Scenario.WaitForJobsToFinishAsync();
    }

    /// <summary>A Python module of <paramref name="count"/> functions that build SQL from their argument, each injection on line 4 + 3·i.</summary>
    private static string Injections(int count, bool fixedFirst = false) =>
        "import sqlite3\n\n" + string.Concat(Enumerable.Range(0, count).Select(index => fixedFirst && index == 0
            ? string.Create(CultureInfo.InvariantCulture, $"def find_{index}(connection, name):\n    return connection.execute(\"SELECT * FROM t{index} WHERE name = ?\", (name,)).fetchall()\n\n")
            : string.Create(CultureInfo.InvariantCulture, $"def find_{index}(connection, name):\n    return connection.execute(\"SELECT * FROM t{index} WHERE name = '\" + name + \"'\").fetchall()\n\n")));

    private (List<FakeReviewComment> Comments, string Summary) Posted() =>
        Scenario.GitHub.Inspect(() => (
            Scenario.Repository.ReviewComments.Where(comment => comment.User.Type == "Bot").ToList(),
            Scenario.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body));
}
