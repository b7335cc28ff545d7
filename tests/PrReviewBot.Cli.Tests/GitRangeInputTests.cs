using System.Text.Json;
using PrReviewBot.Cli.Inputs;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Cli.Tests;

public sealed class GitRangeInputTests
{
    private const string Clean = "namespace Demo;\n\ninternal static class Clean\n{\n    internal static int Twice(int value) => value * 2;\n}\n";

    /// <summary><see cref="Clean"/> after a branch adds a method to it.</summary>
    private static readonly string CleanWithThrice = Clean.Replace("value * 2;\n", "value * 2;\n\n    internal static int Thrice(int value) => value * 3;\n", StringComparison.Ordinal);

    private const string WithPassword = "namespace Demo;\n\ninternal static class Settings\n{\n    internal static string Password = \"Sup3rS3cr3t!\";\n}\n";

    private const string WithoutPassword = "namespace Demo;\n\ninternal static class Settings\n{\n    internal static string Password = System.Environment.GetEnvironmentVariable(\"APP_PASSWORD\") ?? string.Empty;\n}\n";

    [Theory]
    [InlineData("main..feature")]
    [InlineData("main...feature")]
    public void A_range_is_the_change_from_the_merge_base_so_what_main_did_meanwhile_is_not_blamed(string range)
    {
        using var repository = new GitFolder();
        repository.Write("src/Clean.cs", Clean);
        repository.Write("src/Settings.cs", WithPassword);
        repository.Commit("start");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write("src/Clean.cs", CleanWithThrice);
        repository.Commit("feature: Thrice");
        repository.Run("checkout", "-q", "main");
        // Main removes the secret after the branch point: diffing the two trees would show the branch adding it back.
        repository.Write("src/Settings.cs", WithoutPassword);
        repository.Commit("main: secret from the environment");

        var (code, stdout, stderr) = CliRun.Review(null, "--git", range, "--root", repository.Path, "--format", "json");

        Assert.True(code == 0, stderr + stdout);
        var json = JsonDocument.Parse(stdout).RootElement;
        var reviewed = json.GetProperty("coverage").GetProperty("reviewed").EnumerateArray().Select(file => file.GetProperty("path").GetString()!).ToArray();
        Assert.Equal(["src/Clean.cs"], reviewed);
        Assert.DoesNotContain("Settings.cs", stdout, StringComparison.Ordinal);
        Assert.Equal(repository.Run("rev-parse", "feature").Trim(), json.GetProperty("commit").GetString());
    }

    [Fact]
    public void Base_versions_are_read_from_the_merge_base_under_the_old_path_and_within_the_size_limit()
    {
        using var repository = new GitFolder();
        var renamedBefore = string.Concat(Enumerable.Range(1, 12).Select(index => $"line {index}\n"));
        var large = string.Concat(Enumerable.Repeat("# padding to make the base too large to read\n", 60));
        repository.Write("src/app.py", "def run():\n    return 1\n");
        repository.Write("src/old_name.py", renamedBefore);
        repository.Write("src/big.py", large);
        repository.Commit("merge base");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write("src/app.py", "def run():\n    return 2\n");
        repository.Run("mv", "src/old_name.py", "src/new_name.py");
        repository.Write("src/new_name.py", renamedBefore.Replace("line 12\n", "line twelve\n", StringComparison.Ordinal));
        repository.Write("src/big.py", "x = 1\n");
        repository.Write("src/added.py", "y = 2\n");
        repository.Commit("feature");
        repository.Run("checkout", "-q", "main");
        repository.Write("src/app.py", "def run():\n    return 3\n");
        repository.Commit("main moves on");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 1000);

        var snapshot = input.Snapshot;
        var files = snapshot.Files.ToDictionary(file => file.Path);
        string? Base(string path) => snapshot.ReadBaseVersion!(files[path]);
        Assert.Equal("def run():\n    return 2\n", files["src/app.py"].NewContent);
        Assert.Equal("def run():\n    return 1\n", Base("src/app.py"));
        Assert.Equal("src/old_name.py", files["src/new_name.py"].OldPath);
        Assert.Equal(renamedBefore, Base("src/new_name.py"));
        Assert.Equal("x = 1\n", files["src/big.py"].NewContent);
        Assert.Null(Base("src/big.py"));
        Assert.Null(Base("src/added.py"));
    }

    [Fact]
    public void A_head_version_over_the_size_limit_is_skipped_with_its_reason_and_the_files_after_it_are_still_read()
    {
        using var repository = new GitFolder();
        repository.Write("src/a.py", "a = 1\n");
        repository.Commit("merge base");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write("src/a.py", "a = 2\n");
        // Several times git's answer buffer: read past in pieces, never held.
        repository.Write("src/huge.py", string.Concat(Enumerable.Repeat("value = 'padding to make the head version too large to read'\n", 4000)));
        repository.Write("src/z.py", "z = 3\n");
        repository.Commit("feature");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000);

        var files = input.Snapshot.Files.ToDictionary(file => file.Path);
        Assert.Equal("a = 2\n", files["src/a.py"].NewContent);
        Assert.Null(files["src/huge.py"].NewContent);
        Assert.StartsWith("too large", files["src/huge.py"].SkipReason, StringComparison.Ordinal);
        Assert.Equal("z = 3\n", files["src/z.py"].NewContent);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void Head_versions_of_every_size_and_of_copies_and_mode_changes_are_read_whole_and_exact(int readBesideThePatchFrom)
    {
        using var repository = new GitFolder();
        var original = string.Concat(Enumerable.Range(1, 40).Select(index => $"def step_{index}(value):\n    return value + {index}\n\n"));
        repository.Write("src/original.py", original);
        repository.Write("src/script.py", "run = 1\n");
        repository.Commit("merge base");
        repository.Run("checkout", "-q", "-b", "feature");
        // Sizes up and down around the reader's buffer, so a short answer after a long one must not keep the long one's tail.
        var large = string.Concat(Enumerable.Range(1, 3000).Select(index => $"value_{index} = {index}\n"));
        var middle = large[..(large.Length / 3)];
        repository.Write("src/large.py", large);
        repository.Write("src/small.py", "s = 1\n");
        repository.Write("src/middle.py", middle);
        // git finds copies among the files the change modifies: the original is edited, its copy added.
        repository.Write("src/original.py", original.Replace("+ 40\n", "+ 41\n", StringComparison.Ordinal));
        repository.Write("src/copy.py", original + "extra = 1\n");
        // A mode change alone (the index's mode is kept when git is told to ignore the folder's).
        repository.Run("config", "core.fileMode", "false");
        repository.Run("update-index", "--chmod=+x", "src/script.py");
        repository.Commit("feature");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000, readBesideThePatchFrom);

        var files = input.Snapshot.Files.ToDictionary(file => file.Path);
        Assert.Equal(large, files["src/large.py"].NewContent);
        Assert.Equal("s = 1\n", files["src/small.py"].NewContent);
        Assert.Equal(middle, files["src/middle.py"].NewContent);
        Assert.Equal(original + "extra = 1\n", files["src/copy.py"].NewContent);
        Assert.Equal("src/original.py", files["src/copy.py"].OldPath);
        Assert.Equal("run = 1\n", files["src/script.py"].NewContent);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(0)]
    public void Every_kind_of_change_gets_its_head_version_or_none(int readBesideThePatchFrom)
    {
        using var repository = new GitFolder();
        var moved = string.Concat(Enumerable.Range(1, 12).Select(index => $"line {index}\n"));
        repository.Write("src/moved.py", moved);
        repository.Write("src/gone.py", "gone = 1\n");
        repository.Write("src/kept.py", "kept = 1\n");
        repository.Commit("merge base");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Run("mv", "src/moved.py", "src/renamed.py");
        repository.Write("src/renamed.py", moved.Replace("line 12\n", "line twelve\n", StringComparison.Ordinal));
        repository.Run("rm", "-q", "src/gone.py");
        repository.Write("src/kept.py", "kept = 2\n");
        repository.WriteBytes("src/logo.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x00]);
        repository.Write("src/naïve name.py", "naive = 1\n");
        repository.Commit("feature");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000, readBesideThePatchFrom);

        var files = input.Snapshot.Files.ToDictionary(file => file.Path);
        Assert.Equal(["src/gone.py", "src/kept.py", "src/logo.png", "src/naïve name.py", "src/renamed.py"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(moved.Replace("line 12\n", "line twelve\n", StringComparison.Ordinal), files["src/renamed.py"].NewContent);
        Assert.Equal("src/moved.py", files["src/renamed.py"].OldPath);
        Assert.Null(files["src/gone.py"].NewContent);
        Assert.Equal("kept = 2\n", files["src/kept.py"].NewContent);
        Assert.True(files["src/logo.png"].IsBinary);
        Assert.Null(files["src/logo.png"].NewContent);
        Assert.Equal("naive = 1\n", files["src/naïve name.py"].NewContent);
    }

    [Fact]
    public void Context_files_are_read_from_the_head()
    {
        using var repository = new GitFolder();
        repository.Write(".editorconfig", "root = true\n[*.cs]\nindent_style = space\n");
        repository.Write("src/Clean.cs", Clean);
        repository.Commit("start");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write(".editorconfig", "root = true\n[*.cs]\nindent_style = tab\n");
        repository.Write("src/Clean.cs", Clean.Replace("Twice", "Double", StringComparison.Ordinal));
        repository.Commit("feature");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000);

        Assert.Contains("indent_style = tab", input.Snapshot.ContextFiles[".editorconfig"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_diff_driver_named_in_gitattributes_does_not_shape_or_break_the_patch()
    {
        using var repository = new GitFolder();
        repository.Write(".gitattributes", "*.cs text=auto diff=csharp\n");
        repository.Write("src/Clean.cs", Clean);
        repository.Commit("start");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write("src/Clean.cs", CleanWithThrice);
        repository.Commit("feature");
        // The driver's function-name pattern is not valid: git would stop at the first hunk with it.
        repository.Run("config", "diff.csharp.xfuncname", "(");

        using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000);

        var file = Assert.Single(input.Snapshot.Files);
        Assert.Equal("src/Clean.cs", file.Path);
        Assert.Equal([6, 7], file.ChangedLines.Added.Order());
    }

    [Fact]
    public void A_missing_ref_names_the_ref_and_how_to_fetch_it()
    {
        using var repository = new GitFolder();
        repository.Write("a.py", "x = 1\n");
        repository.Commit("only commit");

        var (code, stdout, stderr) = CliRun.Review(null, "--git", "origin/main..HEAD", "--root", repository.Path);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Equal(
            "error: --git: 'origin/main' is not a commit in this repository; fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0)",
            stderr.Trim());
    }

    [Fact]
    public void A_range_with_two_merge_bases_is_reviewed_from_the_one_git_merge_base_picks()
    {
        // Criss-cross merges: each branch merged the other's first commit, so both commits are merge bases.
        using var repository = new GitFolder();
        repository.Write("src/Clean.cs", Clean);
        repository.Commit("start");
        repository.Run("checkout", "-q", "-b", "left");
        repository.Write("src/Left.cs", Clean.Replace("class Clean", "class Left", StringComparison.Ordinal));
        repository.Commit("left");
        repository.Run("checkout", "-q", "-b", "right", "main");
        repository.Write("src/Right.cs", Clean.Replace("class Clean", "class Right", StringComparison.Ordinal));
        repository.Commit("right");
        repository.Run("checkout", "-q", "-b", "crossed-left", "left");
        repository.Run("merge", "-q", "--no-edit", "right");
        repository.Run("checkout", "-q", "-b", "crossed-right", "right");
        repository.Run("merge", "-q", "--no-edit", "left");
        repository.Write("src/Clean.cs", CleanWithThrice);
        repository.Commit("right: Thrice");
        Assert.Equal(2, repository.Run("merge-base", "--all", "crossed-left", "crossed-right").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var mergeBase = repository.Run("merge-base", "crossed-left", "crossed-right").Trim();
        var expected = repository.Run("diff", "--name-only", mergeBase, "crossed-right").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var (code, stdout, stderr) = CliRun.Review(null, "--git", "crossed-left..crossed-right", "--root", repository.Path, "--format", "json");

        Assert.True(code == 0, stderr + stdout);
        var reviewed = JsonDocument.Parse(stdout).RootElement.GetProperty("coverage").GetProperty("reviewed").EnumerateArray().Select(file => file.GetProperty("path").GetString()!);
        Assert.Equal(expected.Order(StringComparer.Ordinal), reviewed.Order(StringComparer.Ordinal));
        Assert.Contains("src/Clean.cs", expected);
    }

    [Fact]
    public void Unrelated_histories_are_a_clear_error()
    {
        using var repository = new GitFolder();
        repository.Write("a.py", "x = 1\n");
        repository.Commit("main");
        repository.Run("checkout", "-q", "--orphan", "other");
        repository.Write("a.py", "x = 2\n");
        repository.Commit("other");

        var (code, _, stderr) = CliRun.Review(null, "--git", "main..other", "--root", repository.Path);

        Assert.Equal(2, code);
        Assert.StartsWith("error: --git: 'main' and 'other' have no common ancestor (unrelated histories)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shallow_clone_cut_above_the_merge_base_says_to_fetch_the_history()
    {
        using var origin = new GitFolder();
        origin.Write("a.py", "x = 1\n");
        origin.Commit("start");
        origin.Run("checkout", "-q", "-b", "feature");
        origin.Write("a.py", "x = 2\n");
        origin.Commit("feature");
        origin.Run("checkout", "-q", "main");
        origin.Write("b.py", "y = 1\n");
        origin.Commit("main");
        using var clone = new TempFolder();
        GitFolder.RunIn(clone.Path, "clone", "-q", "--depth", "1", "--no-single-branch", new Uri(origin.Path).AbsoluteUri, "shallow");

        var (code, _, stderr) = CliRun.Review(null, "--git", "origin/main..origin/feature", "--root", Path.Combine(clone.Path, "shallow"));

        Assert.Equal(2, code);
        Assert.Contains("'origin/main' and 'origin/feature' have no common ancestor in this shallow clone", stderr, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_versions_parsed_while_git_writes_the_patch_give_the_review_it_gives_without_them()
    {
        using var repository = new GitFolder();
        repository.Write("src/Clean.cs", Clean);
        repository.Write("src/Settings.cs", WithoutPassword);
        repository.Commit("merge base");
        repository.Run("checkout", "-q", "-b", "feature");
        repository.Write("src/Clean.cs", CleanWithThrice);
        repository.Write("src/Settings.cs", WithPassword);
        repository.Write("src/Added.cs", WithPassword.Replace("Settings", "MoreSettings", StringComparison.Ordinal));
        repository.Write("docs/notes.md", "# Notes\n");
        repository.Commit("feature");

        string Review(ParseAhead? parseAhead)
        {
            // From the first file on, the head versions are read (and parsed, when asked) beside git's patch.
            using var input = GitRangeInput.Load("main..feature", repository.Path, maxBytes: 100_000, readBesideThePatchFrom: 0, parseAhead);
            var result = new ReviewEngine().Review(input.Snapshot, null, parseAhead);
            return JsonReportWriter.Write(result, TimeSpan.Zero);
        }

        using var parseAhead = new ParseAhead();
        var with = Review(parseAhead);

        Assert.Contains("cs/hardcoded-secret", with, StringComparison.Ordinal);
        Assert.Equal(Review(null), with);
    }

    [Fact]
    public void A_folder_outside_any_repository_is_a_clear_error()
    {
        using var folder = new TempFolder();

        var (code, _, stderr) = CliRun.Review(null, "--git", "main..HEAD", "--root", folder.Path);

        Assert.Equal(2, code);
        Assert.Contains("is not inside a git repository", stderr, StringComparison.Ordinal);
    }
}
