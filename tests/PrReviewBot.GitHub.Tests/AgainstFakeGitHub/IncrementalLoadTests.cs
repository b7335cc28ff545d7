using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>What the loader reads when it is told what the last review saw (<see cref="ReviewBasis"/>).</summary>
public sealed class IncrementalLoadTests
{
    private const string First = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
    private const string Second = "f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2";
    private const string BaseSha = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

    [Fact]
    public async Task After_a_push_that_adds_commits_only_the_changed_and_the_new_files_are_loaded_and_the_rest_is_carried()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, Module("a"), Module("b"), Module("c"));
        session.GitHub.Push(session.Repository, pull, Second, Module("a", changed: true), Module("b"), Module("c"), Module("d"));

        var loaded = await session.Loader.LoadAsync(session.Target(5), Basis("app/a.py", "app/b.py", "app/c.py"), CancellationToken.None);

        Assert.Equal(["app/a.py", "app/d.py"], loaded.Snapshot.Files.Select(file => file.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["app/b.py", "app/c.py"], loaded.Carried!.Order(StringComparer.Ordinal));
        Assert.Equal(First, loaded.Since);
        Assert.Equal(4, loaded.Diff.Count);
        Assert.NotEmpty(loaded.Diff["app/b.py"]);
    }

    [Fact]
    public async Task A_renamed_file_is_loaded_under_its_new_name_and_its_old_name_is_not_carried()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, Module("a"), Module("b"));
        session.GitHub.Push(session.Repository, pull, Second, Module("a"), Module("renamed") with { PreviousPath = "app/b.py" });

        var loaded = await session.Loader.LoadAsync(session.Target(5), Basis("app/a.py", "app/b.py"), CancellationToken.None);

        Assert.Equal(["app/renamed.py"], loaded.Snapshot.Files.Select(file => file.Path));
        Assert.Equal(["app/a.py"], loaded.Carried);
    }

    [Theory]
    [InlineData("force-push")]
    [InlineData("moved base")]
    [InlineData("changed options")]
    [InlineData("changed .editorconfig")]
    public async Task A_force_push_a_moved_base_changed_options_or_a_changed_context_file_load_everything(string change)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, Module("a"), Module("b"));
        FakeFile[] pushed = change == "changed .editorconfig"
            ? [Module("a"), Module("b"), FakeFile.Added("app/.editorconfig", "[*.py]\nindent_size = 2\n")]
            : [Module("a", changed: true), Module("b")];
        if (change == "force-push")
        {
            session.GitHub.ForcePush(session.Repository, pull, Second, pushed);
        }
        else
        {
            session.GitHub.Push(session.Repository, pull, Second, pushed);
        }

        var basis = change switch
        {
            "moved base" => Basis("app/a.py", "app/b.py") with { BaseSha = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0" },
            "changed options" => Basis("app/a.py", "app/b.py") with { Applies = _ => false },
            _ => Basis("app/a.py", "app/b.py"),
        };

        var loaded = await session.Loader.LoadAsync(session.Target(5), basis, CancellationToken.None);

        Assert.Null(loaded.Carried);
        Assert.Equal(pushed.Length, loaded.Snapshot.Files.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_moved_base_branch_loads_everything_only_when_the_merge_base_moved_with_it(bool mergeBaseMoved)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, Module("a"), Module("b"));
        session.GitHub.Push(session.Repository, pull, Second, Module("a", changed: true), Module("b"));
        session.GitHub.MoveBase(pull, "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1", mergeBaseMoved ? "ba5eba5eba5eba5eba5eba5eba5eba5eba5e0001" : null);

        var loaded = await session.Loader.LoadAsync(session.Target(5), Basis("app/a.py", "app/b.py"), CancellationToken.None);

        Assert.Equal(mergeBaseMoved ? null : ["app/b.py"], loaded.Carried);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task A_github_that_will_not_compare_gets_everything_loaded(int status)
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, Module("a"), Module("b"));
        session.GitHub.Push(session.Repository, pull, Second, Module("a", changed: true), Module("b"));
        session.GitHub.FailNext("GET", "/repos/acme/shop/compare/", status, times: 10);

        var loaded = await session.Loader.LoadAsync(session.Target(5), Basis("app/a.py", "app/b.py"), CancellationToken.None);

        Assert.Null(loaded.Carried);
        Assert.Equal(2, loaded.Snapshot.Files.Count);
    }

    [Fact]
    public async Task A_push_of_300_files_or_more_gets_everything_loaded()
    {
        await using var session = await FakeGitHubSession.StartAsync();
        var pull = session.GitHub.OpenPullRequest(session.Repository, 5, First, [.. Enumerable.Range(0, 301).Select(index => Module($"m{index}"))]);
        session.GitHub.Push(session.Repository, pull, Second, [.. Enumerable.Range(0, 301).Select(index => Module($"m{index}", changed: true)), Module("extra")]);

        var loaded = await session.Loader.LoadAsync(session.Target(5), Basis([.. Enumerable.Range(0, 301).Select(index => $"app/m{index}.py")]), CancellationToken.None);

        Assert.Null(loaded.Carried);
        Assert.Equal(302, loaded.Snapshot.Files.Count);
    }

    private static ReviewBasis Basis(params string[] paths) => new(First, BaseSha, paths.ToHashSet(StringComparer.Ordinal));

    private static FakeFile Module(string name, bool changed = false) =>
        FakeFile.Added($"app/{name}.py", changed ? $"VALUE_{name.ToUpperInvariant()} = 2\n" : $"VALUE_{name.ToUpperInvariant()} = 1\n");
}
