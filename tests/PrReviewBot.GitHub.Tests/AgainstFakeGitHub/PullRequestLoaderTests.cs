using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

public sealed class PullRequestLoaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Loads_metadata_every_page_of_files_and_head_contents_with_app_and_installation_credentials(bool enterprise)
    {
        await using var session = await FakeGitHubSession.StartAsync(enterprise);
        var files = Enumerable.Range(0, 149).Select(index => FakeFile.Added($"docs/page{index}.md", "# Page\n"))
            .Append(FakeFile.Added("app/store.py", FakeGitHubSession.PythonWithInjections(1)))
            .ToArray();
        session.GitHub.OpenPullRequest(session.Repository, 7, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", files);

        var pull = await session.Loader.LoadAsync(session.Target(7), CancellationToken.None);

        Assert.Equal("a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", pull.HeadSha);
        Assert.True(pull.IsOpen);
        Assert.Equal(150, pull.Snapshot.Files.Count);
        var python = Assert.Single(pull.Snapshot.Files, file => file.Path == "app/store.py");
        Assert.StartsWith("import sqlite3", python.NewContent, StringComparison.Ordinal);
        var requests = session.GitHub.Requests;
        Assert.All(requests, request => Assert.NotEqual(CallerKind.Rejected, request.Caller));
        Assert.Single(requests, request => request.Method == "POST" && request.Path == "/app/installations/77/access_tokens" && request.Caller == CallerKind.App);
        Assert.Contains(requests, request => request.Path == "/repos/acme/shop/pulls/7/files" && request.Query.Contains("page=2", StringComparison.Ordinal));
        Assert.All(requests.Where(request => request.Path.StartsWith("/repos/", StringComparison.Ordinal)), request => Assert.Equal(CallerKind.Installation, request.Caller));
        Assert.DoesNotContain(requests, request => request.Path.Contains("/contents/docs/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_base_url_without_a_trailing_slash_means_the_same(bool enterprise)
    {
        await using var session = await FakeGitHubSession.StartAsync(enterprise, options => options.ApiBaseUrl = new Uri(options.ApiBaseUrl.AbsoluteUri.TrimEnd('/')));
        session.GitHub.OpenPullRequest(session.Repository, 8, "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1", FakeFile.Added("a.py", "x = 1\n"));

        var pull = await session.Loader.LoadAsync(session.Target(8), CancellationToken.None);

        Assert.Single(pull.Snapshot.Files);
        Assert.All(session.GitHub.Requests, request => Assert.NotEqual(CallerKind.Rejected, request.Caller));
    }

    [Fact]
    public async Task A_file_listed_without_a_patch_is_kept_with_the_reason_it_was_not_reviewed()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 3, "b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", FakeFile.WithoutPatch("src/Generated.cs", 40_000));

        var pull = await session.Loader.LoadAsync(session.Target(3), CancellationToken.None);

        var file = Assert.Single(pull.Snapshot.Files);
        Assert.Equal(PullRequestLoader.NoPatchReason, file.SkipReason);
    }

    [Fact]
    public async Task A_file_listed_without_a_patch_is_diffed_from_its_two_versions_and_reviewed()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var before = string.Concat(Enumerable.Range(1, 30).Select(index => $"LIMIT_{index} = {index}\n"));
        var after = before.Replace("LIMIT_20 = 20\n", "LIMIT_20 = 20\nAPI_PASSWORD = \"Sup3rS3cr3t!x\"\n", StringComparison.Ordinal);
        session.GitHub.OpenPullRequest(session.Repository, 4, "b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3", FakeFile.WithoutPatch("app/settings.py", before, after), FakeFile.WithoutPatch("app/new.py", null, "X = 1\n"));

        var pull = await session.Loader.LoadAsync(session.Target(4), CancellationToken.None);
        var result = new PrReviewBot.Engine.Review.ReviewEngine().Review(pull.Snapshot, pull.Options);

        var settings = pull.Snapshot.Files.Single(file => file.Path == "app/settings.py");
        Assert.Null(settings.SkipReason);
        Assert.Equal(before, settings.OldContent);
        var hunk = Assert.Single(settings.Hunks);
        Assert.Equal([21], hunk.Lines.Where(line => line.Kind == PrReviewBot.Engine.Diffs.DiffLineKind.Added).Select(line => line.NewLine!.Value));
        Assert.Same(settings.Hunks, pull.Diff["app/settings.py"]);
        Assert.Null(pull.Snapshot.Files.Single(file => file.Path == "app/new.py").SkipReason);
        Assert.Empty(result.Coverage.Skipped);
        Assert.Contains(result.Findings, finding => finding.Path == "app/settings.py" && finding.StartLine == 21 && finding.Category == PrReviewBot.Engine.Findings.Category.Security);
    }

    [Fact]
    public async Task A_broken_repository_configuration_falls_back_to_the_defaults_with_a_notice()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent("main", ".github/prreviewbot.yml", "fail_on: [not, a, level\n");
        session.GitHub.OpenPullRequest(session.Repository, 4, "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3", FakeFile.Added("a.py", "x = 1\n"));

        var pull = await session.Loader.LoadAsync(session.Target(4), CancellationToken.None);

        var notice = Assert.Single(pull.Notices);
        Assert.Contains(".github/prreviewbot.yml", notice, StringComparison.Ordinal);
    }
}
