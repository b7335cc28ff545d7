using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>
/// The repository's context files above the changed files, found with one tree listing and read at the head in one
/// GraphQL query, or taken from the head's tarball when GraphQL cannot read contents.
/// </summary>
public sealed class ContextFileTests
{
    private const string Head = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";
    private const string TreeRequest = "GET /repos/acme/shop/git/trees/" + Head + "?recursive=1";

    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    private const string BuildProps = """
        <Project>
          <PropertyGroup>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <NoWarn>$(NoWarn);CS1591</NoWarn>
          </PropertyGroup>
        </Project>
        """;

    private const string Service = """
        namespace App;

        public sealed class Service
        {
            public string? Name { get; init; }
        }

        """;

    [Fact]
    public async Task A_csharp_change_gets_the_project_file_props_and_editorconfigs_above_it_and_nothing_beside_it()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("src/App/Service.cs", Service));

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(["Directory.Build.props", "src/.editorconfig", "src/App/App.csproj"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AppProject, pull.Snapshot.ContextFiles["src/App/App.csproj"]);
        var facts = CSharpProjectFacts.For("src/App/Service.cs", pull.Snapshot.ContextFiles);
        Assert.True(facts.NullableEnabled);
        Assert.True(facts.GeneratesDocumentation);
        Assert.True(facts.SuppressesMissingDocsWarning);
        Assert.Equal([TreeRequest], HeadReads(session));
        Assert.Equal(["Directory.Build.props", "src/.editorconfig", "src/App/App.csproj"], ContextReads(session));
    }

    [Fact]
    public async Task Without_graphql_for_contents_the_context_files_come_from_the_head_s_tarball_with_no_tree_listing()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.AnswersBlobQueries = false;
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("src/App/Service.cs", Service));

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Service, pull.Snapshot.Files.Single().NewContent);
        Assert.Equal(["Directory.Build.props", "src/.editorconfig", "src/App/App.csproj"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AppProject, pull.Snapshot.ContextFiles["src/App/App.csproj"]);
        Assert.Equal([$"GET /repos/acme/shop/tarball/{Head}"], HeadReads(session).Where(read => !read.Contains("/codeload/", StringComparison.Ordinal)));
        Assert.Equal(0, session.GitHub.ArchiveDownloadsWithCredentials);
    }

    [Fact]
    public async Task Without_graphql_or_a_tarball_every_file_is_read_the_rest_way()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.AnswersBlobQueries = false;
        session.GitHub.FailNext("GET", "/repos/acme/shop/tarball/", 404, times: 100);
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("src/App/Service.cs", Service));

        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Service, pull.Snapshot.Files.Single().NewContent);
        Assert.Equal(["Directory.Build.props", "src/.editorconfig", "src/App/App.csproj"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            [
                $"GET /repos/acme/shop/contents/Directory.Build.props?ref={Head}",
                $"GET /repos/acme/shop/contents/src/.editorconfig?ref={Head}",
                $"GET /repos/acme/shop/contents/src/App/App.csproj?ref={Head}",
                $"GET /repos/acme/shop/contents/src/App/Service.cs?ref={Head}",
                TreeRequest,
                $"GET /repos/acme/shop/tarball/{Head}",
            ],
            HeadReads(session));
    }

    [Fact]
    public async Task Files_the_head_s_gitattributes_mark_generated_or_vendored_are_skipped_by_name_without_inline_comments()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent(Head, ".gitattributes", "*_pb2.py linguist-generated\nthird_party/** linguist-vendored\n");
        session.GitHub.OpenPullRequest(
            session.Repository,
            3,
            Head,
            FakeFile.Added("app/api_pb2.py", FakeGitHubSession.PythonWithInjections(2)),
            FakeFile.Added("third_party/db.py", FakeGitHubSession.PythonWithInjections(2)),
            FakeFile.Added("app/store.py", "LIMIT = 1\n"));

        var outcome = await session.ReviewAsync(3);

        var (comments, summary, run) = session.GitHub.Inspect(() => (
            session.Repository.ReviewComments.ToList(),
            session.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body,
            session.Repository.CheckRuns.Single()));
        Assert.Empty(comments);
        Assert.Equal(0, outcome.Posted);
        Assert.Contains("`app/api_pb2.py` (generated (linguist-generated in .gitattributes))", summary, StringComparison.Ordinal);
        Assert.Contains("`third_party/db.py` (vendored (linguist-vendored in .gitattributes))", summary, StringComparison.Ordinal);
        Assert.StartsWith(SummaryWriter.CleanVerdict, summary, StringComparison.Ordinal);
        Assert.Empty(run.Annotations);
        Assert.Equal("success", run.Conclusion);
    }

    [Fact]
    public async Task A_python_change_reads_only_the_editorconfigs_above_it()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var repository = session.Repository;
        repository.SetContent(Head, ".editorconfig", "root = true\n");
        repository.SetContent(Head, "app/.editorconfig", "[*.py]\nindent_size = 4\n");
        repository.SetContent(Head, "app/tools/.editorconfig", "[*]\nindent_size = 2\n");
        repository.SetContent(Head, "app/App.csproj", AppProject);
        repository.SetContent(Head, "Directory.Build.props", BuildProps);
        session.GitHub.OpenPullRequest(session.Repository, 2, Head, FakeFile.Added("app/store.py", "LIMIT = 1\n"));

        var pull = await session.Loader.LoadAsync(session.Target(2), CancellationToken.None);

        Assert.Equal([".editorconfig", "app/.editorconfig"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([TreeRequest], HeadReads(session));
        Assert.Equal([".editorconfig", "app/.editorconfig"], ContextReads(session));
    }

    [Fact]
    public async Task A_pull_request_without_reviewed_source_files_asks_for_no_tree_and_no_context()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.OpenPullRequest(session.Repository, 3, Head, FakeFile.Added("docs/guide.md", "# Guide\n"), FakeFile.WithoutPatch("src/App/Huge.cs", 40_000));

        var pull = await session.Loader.LoadAsync(session.Target(3), CancellationToken.None);

        // The file without a patch is asked for itself (to diff it), but no tree and no context file is.
        Assert.Empty(pull.Snapshot.ContextFiles);
        Assert.All(HeadReads(session), read => Assert.True(read.Contains("/compare/", StringComparison.Ordinal) || read.Contains("/contents/src/App/Huge.cs", StringComparison.Ordinal), read));
    }

    [Fact]
    public async Task A_context_file_the_pull_request_changes_comes_with_the_change_and_is_not_read_again()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.OpenPullRequest(
            session.Repository,
            4,
            Head,
            FakeFile.Added("src/App/Service.cs", Service),
            FakeFile.Modified("src/App/App.csproj", AppProject.Replace("enable", "disable", StringComparison.Ordinal), AppProject));

        var pull = await session.Loader.LoadAsync(session.Target(4), CancellationToken.None);

        Assert.Equal(["Directory.Build.props", "src/.editorconfig"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        // Read once, with the change's other files in one GraphQL query, and not again as context.
        Assert.DoesNotContain(HeadReads(session), request => request.Contains("/contents/", StringComparison.Ordinal));
        Assert.Single(session.GitHub.BlobReads, read => read == $"{Head}:src/App/App.csproj");
    }

    [Fact]
    public async Task A_truncated_tree_falls_back_to_asking_for_the_likely_paths_one_by_one()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.Repository.MaxTreeEntries = 2;
        session.GitHub.OpenPullRequest(session.Repository, 5, Head, FakeFile.Added("src/App/Service.cs", Service));

        var pull = await session.Loader.LoadAsync(session.Target(5), CancellationToken.None);

        Assert.Equal(["Directory.Build.props", "src/.editorconfig", "src/App/App.csproj"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        // The likely paths, in one GraphQL query: those that exist and those that do not (the root's .editorconfig).
        var reads = ContextReads(session);
        Assert.InRange(reads.Count, 4, PullRequestLoader.MaxContextProbes);
        Assert.DoesNotContain(reads, path => path.StartsWith("other/", StringComparison.Ordinal));
        Assert.Contains(".editorconfig", reads);
        Assert.DoesNotContain(HeadReads(session), request => request.Contains("/contents/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tree_github_fails_to_list_leaves_out_the_context_and_the_review_is_still_published()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.OpenPullRequest(session.Repository, 6, Head, FakeFile.Added("src/App/Service.cs", Service));
        session.GitHub.FailNext("GET", "/repos/acme/shop/git/trees/", 500, times: 100);

        var pull = await session.Loader.LoadAsync(session.Target(6), CancellationToken.None);
        await session.ReviewAsync(6);

        Assert.Empty(pull.Snapshot.ContextFiles);
        Assert.True(session.GitHub.Requests.Count(request => request.Path.StartsWith("/repos/acme/shop/git/trees/", StringComparison.Ordinal)) > 2, "GitHub's 500 was not retried");
        var summaries = session.GitHub.Inspect(() => session.Repository.IssueComments.Count(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)));
        Assert.Equal(1, summaries);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task Without_a_tree_listing_the_gitattributes_above_the_files_are_still_read_and_obeyed(int status)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent(Head, ".gitattributes", "*_pb2.py linguist-generated\n");
        session.Repository.SetContent(Head, ".editorconfig", "root = true\n");
        session.GitHub.OpenPullRequest(session.Repository, 8, Head, FakeFile.Added("app/api_pb2.py", FakeGitHubSession.PythonWithInjections(1)));
        session.GitHub.FailNext("GET", "/repos/acme/shop/git/trees/", status, times: 100);

        var pull = await session.Loader.LoadAsync(session.Target(8), CancellationToken.None);
        var outcome = await session.ReviewAsync(8);

        Assert.Equal([".gitattributes"], pull.Snapshot.ContextFiles.Keys);
        Assert.Equal(0, outcome.Posted);
        var summary = session.GitHub.Inspect(() => session.Repository.IssueComments.Single(comment => comment.Body.Contains(SummaryWriter.Marker, StringComparison.Ordinal)).Body);
        Assert.Contains("`app/api_pb2.py` (generated", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_file_github_fails_to_serve_is_left_out_and_the_others_are_read()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.GitHub.OpenPullRequest(session.Repository, 7, Head, FakeFile.Added("src/App/Service.cs", Service));
        session.GitHub.AnswersBlobQueries = false;
        session.GitHub.FailNext("GET", "/repos/acme/shop/tarball/", 404, times: 100);
        session.GitHub.FailNext("GET", "/repos/acme/shop/contents/src/App/App.csproj", 503, times: 100);

        var pull = await session.Loader.LoadAsync(session.Target(7), CancellationToken.None);

        Assert.Equal(["Directory.Build.props", "src/.editorconfig"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_context_file_over_the_size_limit_is_not_downloaded()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        WithCSharpRepository(session.Repository);
        session.Repository.SetContent("main", ".github/prreviewbot.yml", "max_file_size_kb: 1\n");
        session.Repository.SetContent(Head, "src/.editorconfig", "# " + new string('x', 2000) + "\n");
        session.GitHub.OpenPullRequest(session.Repository, 8, Head, FakeFile.Added("src/App/Service.cs", Service));

        var pull = await session.Loader.LoadAsync(session.Target(8), CancellationToken.None);

        Assert.Equal(["Directory.Build.props", "src/App/App.csproj"], pull.Snapshot.ContextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(HeadReads(session), request => request.Contains("src/.editorconfig", StringComparison.Ordinal));
    }

    /// <summary>
    /// A repository with one C# project under <c>src/App</c>, props at the root, an
    /// <c>.editorconfig</c> under <c>src</c> and an unrelated project beside it.
    /// </summary>
    private static void WithCSharpRepository(FakeRepository repository)
    {
        repository.SetContent(Head, "Directory.Build.props", BuildProps);
        repository.SetContent(Head, "src/.editorconfig", "[*.cs]\ndotnet_naming_rule.private_fields.severity = warning\n");
        repository.SetContent(Head, "src/App/App.csproj", AppProject);
        repository.SetContent(Head, "other/Other.csproj", AppProject.Replace("enable", "disable", StringComparison.Ordinal));
        repository.SetContent(Head, "other/Other.cs", "namespace Other;\n");
        repository.SetContent(Head, "README.md", "# Shop\n");
    }

    /// <summary>The context files GraphQL was asked for at the head, sorted (the changed source files left out).</summary>
    private static List<string> ContextReads(FakeGitHubSession session) =>
        session.GitHub.BlobReads
            .Where(read => read.StartsWith(Head + ":", StringComparison.Ordinal) && !read.EndsWith(".cs", StringComparison.Ordinal) && !read.EndsWith(".py", StringComparison.Ordinal))
            .Select(read => read[(Head.Length + 1)..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The requests made at the head commit (tree listing, contents, tarball), sorted.</summary>
    private static List<string> HeadReads(FakeGitHubSession session) =>
        session.GitHub.Requests
            .Where(request => request.Query.Contains(Head, StringComparison.Ordinal) || request.Path.Contains(Head, StringComparison.Ordinal))
            .Select(request => $"{request.Method} {request.Path}{request.Query}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
