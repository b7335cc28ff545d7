using System.Text;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>Base versions read on demand: only the files named, at the merge base, under the old path.</summary>
public sealed class BaseVersionTests
{
    private const string Head = "e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5";

    /// <summary>A module whose one function already built SQL from its argument before the pull request.</summary>
    private const string InjectedBefore = """
        import sqlite3


        def find_order(connection, name):
            return connection.execute("SELECT * FROM orders WHERE name = '" + name + "'").fetchall()

        """;

    /// <summary>The same module after the pull request: the old defect only re-indented (so on a changed line), a new one added.</summary>
    private const string InjectedAfter = """
        import sqlite3


        def find_order(connection, name):
            with connection:
                return connection.execute("SELECT * FROM orders WHERE name = '" + name + "'").fetchall()


        def find_customer(connection, email):
            return connection.execute("SELECT * FROM customers WHERE email = '" + email + "'").fetchall()

        """;

    [Fact]
    public async Task Reads_the_named_files_only_at_the_merge_base_under_their_old_path()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(
            session.Repository,
            5,
            Head,
            FakeFile.Modified("app/orders.py", "x = 1\n", "x = 2\n"),
            FakeFile.Renamed("app/old_name.py", "app/new_name.py", "a = 1\nb = 2\n", "a = 1\nb = 3\n"),
            FakeFile.Modified("app/untouched.py", "c = 1\n", "c = 2\n"));
        var loaded = await session.Loader.LoadAsync(session.Target(5), CancellationToken.None);
        var before = session.GitHub.Requests.Count;

        var withBases = await session.Loader.LoadBaseVersionsAsync(loaded, ["app/orders.py", "app/new_name.py"], CancellationToken.None);

        Assert.NotNull(withBases);
        var files = withBases.Snapshot.Files.ToDictionary(file => file.Path);
        Assert.Equal("x = 1\n", files["app/orders.py"].OldContent);
        Assert.Equal("a = 1\nb = 2\n", files["app/new_name.py"].OldContent);
        Assert.Null(files["app/untouched.py"].OldContent);
        Assert.Equal("x = 2\n", files["app/orders.py"].NewContent);
        var requests = session.GitHub.Requests.Skip(before).ToList();
        Assert.Equal(
            [
                $"GET /repos/acme/shop/compare/{pull.BaseSha}...{Head}",
                $"GET /repos/acme/shop/contents/app/old_name.py?ref={pull.MergeBaseSha}",
                $"GET /repos/acme/shop/contents/app/orders.py?ref={pull.MergeBaseSha}",
            ],
            requests.Select(request => $"{request.Method} {request.Path}{request.Query}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Falls_back_to_the_base_commit_when_github_gives_no_merge_base()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 6, Head, FakeFile.Modified("app/orders.py", "x = 1\n", "x = 2\n"));
        session.Repository.SetContent(pull.BaseSha, "app/orders.py", "x = 0\n");
        session.GitHub.FailNext("GET", "/repos/acme/shop/compare/", 404);
        var loaded = await session.Loader.LoadAsync(session.Target(6), CancellationToken.None);

        var withBases = await session.Loader.LoadBaseVersionsAsync(loaded, ["app/orders.py"], CancellationToken.None);

        Assert.Equal("x = 0\n", Assert.Single(withBases!.Snapshot.Files).OldContent);
    }

    [Fact]
    public async Task A_base_that_is_missing_binary_or_too_large_is_simply_not_given()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.Repository.SetContent("main", ".github/prreviewbot.yml", "max_file_size_kb: 1\n");
        var pull = session.GitHub.OpenPullRequest(
            session.Repository,
            7,
            Head,
            FakeFile.Modified("app/small.py", "x = 1\n", "x = 2\n"),
            FakeFile.Modified("app/large.py", "# " + new string('x', 2000) + "\n", "y = 1\n"),
            FakeFile.Modified("app/binary.py", "placeholder\n", "z = 1\n"),
            FakeFile.Modified("app/missing.py", "placeholder\n", "w = 1\n"));
        session.GitHub.Inspect(() =>
        {
            session.Repository.SetContent(pull.MergeBaseSha, "app/binary.py", Encoding.UTF8.GetBytes("z\0= 0\n"));
            session.Repository.SetContent(pull.MergeBaseSha, "app/missing.py", []);
            return 0;
        });
        var loaded = await session.Loader.LoadAsync(session.Target(7), CancellationToken.None);
        session.GitHub.FailNext("GET", "/repos/acme/shop/contents/app/missing.py", 404);

        var withBases = await session.Loader.LoadBaseVersionsAsync(loaded, ["app/small.py", "app/large.py", "app/binary.py", "app/missing.py"], CancellationToken.None);

        var files = withBases!.Snapshot.Files.ToDictionary(file => file.Path);
        Assert.Equal("x = 1\n", files["app/small.py"].OldContent);
        Assert.Null(files["app/large.py"].OldContent);
        Assert.Null(files["app/binary.py"].OldContent);
        Assert.Null(files["app/missing.py"].OldContent);
    }

    [Fact]
    public async Task A_github_that_fails_after_the_retries_leaves_the_review_as_it_was()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 8, Head, FakeFile.Renamed("app/old_orders.py", "app/orders.py", "x = 1\n", "x = 2\n"));
        var loaded = await session.Loader.LoadAsync(session.Target(8), CancellationToken.None);
        session.GitHub.FailNext("GET", "/repos/acme/shop/contents/app/old_orders.py", 503, times: 100);

        var withBases = await session.Loader.LoadBaseVersionsAsync(loaded, ["app/orders.py"], CancellationToken.None);

        Assert.Null(withBases);
        Assert.True(session.GitHub.Requests.Count(request => request.Path == "/repos/acme/shop/contents/app/old_orders.py") > 1, "GitHub's 503 was not retried");
    }

    [Fact]
    public async Task Added_files_and_files_not_named_cause_no_request()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        session.GitHub.OpenPullRequest(session.Repository, 9, Head, FakeFile.Added("app/new.py", "x = 1\n"), FakeFile.Modified("app/other.py", "a = 1\n", "a = 2\n"));
        var loaded = await session.Loader.LoadAsync(session.Target(9), CancellationToken.None);
        var before = session.GitHub.Requests.Count;

        var withBases = await session.Loader.LoadBaseVersionsAsync(loaded, ["app/new.py"], CancellationToken.None);

        Assert.Null(withBases);
        Assert.Equal(before, session.GitHub.Requests.Count);
    }

    [Fact]
    public async Task A_defect_the_base_already_had_gets_no_comment_while_the_one_the_pull_request_added_does()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(
            session.Repository,
            10,
            Head,
            FakeFile.Modified("app/orders.py", InjectedBefore, InjectedAfter),
            FakeFile.Modified("app/clean.py", "\"\"\"Constants.\"\"\"\n\nLIMIT = 1\n", "\"\"\"Constants.\"\"\"\n\nLIMIT = 2\n"));
        var withoutBases = new ReviewEngine().Review((await session.Loader.LoadAsync(session.Target(10), CancellationToken.None)).Snapshot);
        Assert.Equal(["app/orders.py"], withoutBases.Coverage.BaseMissing);

        await session.ReviewAsync(10);

        var comments = session.GitHub.Inspect(() => session.Repository.ReviewComments.ToList());
        var injection = Assert.Single(comments, comment => comment.Body.Contains("py/sql-injection", StringComparison.Ordinal));
        Assert.Equal("app/orders.py", injection.Path);
        Assert.Equal(InjectedAfter.Split('\n').ToList().FindIndex(line => line.Contains("customers", StringComparison.Ordinal)) + 1, injection.Line);
        var baseReads = session.GitHub.Requests.Where(request => request.Path.StartsWith("/repos/acme/shop/contents/", StringComparison.Ordinal) && request.Query.Contains(pull.MergeBaseSha, StringComparison.Ordinal)).ToList();
        Assert.Equal("/repos/acme/shop/contents/app/orders.py", Assert.Single(baseReads).Path);
    }
}
