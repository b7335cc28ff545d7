using PrReviewBot.Cli.Inputs;

namespace PrReviewBot.Cli.Tests;

public sealed class PatchInputTests
{
    private const string Patch = """
        diff --git a/src/app.py b/src/app.py
        --- a/src/app.py
        +++ b/src/app.py
        @@ -1,2 +1,2 @@
         def run():
        -    return 1
        +    return 2
        diff --git a/src/old_name.py b/src/new_name.py
        similarity index 90%
        rename from src/old_name.py
        rename to src/new_name.py
        --- a/src/old_name.py
        +++ b/src/new_name.py
        @@ -1,2 +1,2 @@
         a = 1
        -b = 2
        +b = 3
        diff --git a/src/gone_from_base.py b/src/gone_from_base.py
        --- a/src/gone_from_base.py
        +++ b/src/gone_from_base.py
        @@ -1 +1 @@
        -c = 1
        +c = 2
        diff --git a/src/blob.py b/src/blob.py
        --- a/src/blob.py
        +++ b/src/blob.py
        @@ -1 +1 @@
        -d = 1
        +d = 2
        diff --git a/src/added.py b/src/added.py
        new file mode 100644
        --- /dev/null
        +++ b/src/added.py
        @@ -0,0 +1 @@
        +e = 1

        """;

    [Fact]
    public void Base_versions_come_from_the_base_root_under_the_old_path()
    {
        using var before = new TempFolder();
        before.Write("src/app.py", "def run():\n    return 1\n");
        before.Write("src/old_name.py", "a = 1\nb = 2\n");
        before.Write("src/added.py", "stale = True\n");
        File.WriteAllBytes(before.Write("src/blob.py", string.Empty), [0x64, 0x00, 0x31]);

        var snapshot = PatchInput.Load(Patch, root: null, baseRoot: before.Path, maxBytes: 100_000);

        var files = snapshot.Files.ToDictionary(file => file.Path);
        string? Base(string path) => snapshot.ReadBaseVersion!(files[path]);
        Assert.Equal("def run():\n    return 1\n", Base("src/app.py"));
        Assert.Equal("a = 1\nb = 2\n", Base("src/new_name.py"));
        Assert.Null(Base("src/gone_from_base.py"));
        Assert.Null(Base("src/blob.py"));
        Assert.Null(Base("src/added.py"));
    }

    [Fact]
    public void Without_a_base_root_no_base_version_is_given()
    {
        var snapshot = PatchInput.Load(Patch, root: null, baseRoot: null, maxBytes: 100_000);

        Assert.Null(snapshot.ReadBaseVersion);
        Assert.All(snapshot.Files, file => Assert.Null(file.OldContent));
    }

    [Fact]
    public void A_base_larger_than_the_limit_is_not_given()
    {
        using var before = new TempFolder();
        before.Write("src/app.py", "def run():\n    return 1\n" + new string('#', 200) + "\n");

        var snapshot = PatchInput.Load(Patch, root: null, baseRoot: before.Path, maxBytes: 100);

        Assert.Null(snapshot.ReadBaseVersion!(snapshot.Files.Single(file => file.Path == "src/app.py")));
    }

    [Fact]
    public void The_cli_reviews_a_patch_with_its_base_root()
    {
        using var before = new TempFolder();
        before.Write("src/app.py", "def run():\n    return 1\n");

        var (code, stdout, stderr) = CliRun.Review(Patch, "--diff", "-", "--base-root", before.Path, "--format", "json");

        Assert.True(code == 0, stderr);
        Assert.Contains("\"src/app.py\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_root_without_a_diff_or_that_does_not_exist_is_exit_2()
    {
        using var before = new TempFolder();

        var withGit = CliRun.Review(null, "--git", "main..HEAD", "--base-root", before.Path);
        var missing = CliRun.Review(Patch, "--diff", "-", "--base-root", Path.Combine(before.Path, "nope"));

        Assert.Equal(2, withGit.ExitCode);
        Assert.StartsWith("error: --base-root goes with --diff", withGit.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: --base-root folder does not exist", missing.Stderr, StringComparison.Ordinal);
    }
}
