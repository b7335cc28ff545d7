using System.Text.Json;

namespace PrReviewBot.Cli.Tests;

public sealed class ReviewCommandTests
{
    private const string CleanSource = "namespace Demo;\n\ninternal static class Clean\n{\n    internal static int Twice(int value) => value * 2;\n}\n";

    private const string HardcodedPasswordSource = "namespace Demo;\n\ninternal static class Settings\n{\n    internal static string Password = \"Sup3rS3cr3t!\";\n}\n";

    private static string Patch(string path, string content) =>
        $"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{content.Split('\n').Length - 1} @@\n"
        + string.Concat(content.Split('\n')[..^1].Select(line => "+" + line + "\n"));

    [Fact]
    public void Reviews_paths_and_exits_0_when_clean()
    {
        using var folder = new TempFolder();
        var file = folder.Write("Clean.cs", CleanSource);

        var (code, stdout, stderr) = CliRun.Review(null, file);

        Assert.Equal(0, code);
        Assert.StartsWith("No security defects are detected in the code.", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Exits_1_when_a_finding_reaches_fail_on_and_0_with_none()
    {
        using var folder = new TempFolder();
        var file = folder.Write("Settings.cs", HardcodedPasswordSource);

        Assert.Equal(1, CliRun.Review(null, file).ExitCode);
        Assert.Equal(0, CliRun.Review(null, file, "--fail-on", "none").ExitCode);
    }

    [Fact]
    public void Reads_a_patch_from_standard_input()
    {
        var (code, stdout, _) = CliRun.Review(Patch("src/Clean.cs", CleanSource), "--diff", "-");

        Assert.Equal(0, code);
        Assert.Contains("1 file reviewed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_patch_file_with_a_byte_order_mark_and_a_bad_byte_as_it_reads_standard_input()
    {
        using var folder = new TempFolder();
        var patch = folder.Write("change.patch", string.Empty);
        File.WriteAllBytes(patch, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Patch("src/Settings.cs", HardcodedPasswordSource.Replace("namespace Demo;", "namespace Demo; // caf\u00e9", StringComparison.Ordinal))).Select(value => value == 0xA9 ? (byte)0xFF : value)]);

        var (code, stdout, stderr) = CliRun.Review(null, "--diff", patch, "--format", "json");

        Assert.Equal(1, code);
        Assert.Empty(stderr);
        var finding = JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray().Single(item => item.GetProperty("ruleId").GetString() == "cs/hardcoded-secret");
        Assert.Equal("src/Settings.cs", finding.GetProperty("path").GetString());
        Assert.Equal(5, finding.GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Malformed_patch_is_exit_2_with_the_line_named()
    {
        var (code, stdout, stderr) = CliRun.Review("diff --git a/x.cs b/x.cs\n--- a/x.cs\n+++ b/x.cs\n@@ -1,3 +1,3 @@\n context\n", "--diff", "-");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Matches("^error: malformed patch at line \\d+", stderr);
    }

    [Fact]
    public void Hunk_header_starting_at_the_last_int_line_is_exit_2_not_a_crash()
    {
        var (code, stdout, stderr) = CliRun.Review("diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -2147483647,1 +2147483647,2 @@\n a = 1\n+b = 2\n", "--diff", "-");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: malformed patch at line 4", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--unknown")]
    public void Usage_errors_are_exit_2(params string[] args)
    {
        var (code, _, stderr) = CliRun.Review(null, ["x.cs", .. args]);

        Assert.Equal(2, code);
        Assert.StartsWith("error:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usage_error_prints_the_usage_line_of_the_contract()
    {
        var (_, _, stderr) = CliRun.Review(null, "x.cs", "--format", "yaml");

        Assert.Contains(
            "usage: prreviewbot review [PATHS…] [--diff FILE|-] [--root DIR] [--base-root DIR] [--git BASE..HEAD] [--format markdown|json|sarif] [--output FILE] [--config FILE] [--fail-on error|warning|note|none]",
            stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_review_and_conflicting_inputs_are_exit_2()
    {
        Assert.Equal(2, CliRun.Review(null).ExitCode);
        Assert.Equal(2, CliRun.Review(null, "a.cs", "--diff", "-").ExitCode);
        Assert.Equal(2, CliRun.Review(null, "/no/such/file.cs").ExitCode);
        Assert.Equal(2, CliRun.Review(null, "--diff", "/no/such.patch").ExitCode);
    }

    [Fact]
    public void Sarif_paths_are_relative_to_the_root()
    {
        using var folder = new TempFolder();
        folder.Write("src/Settings.cs", HardcodedPasswordSource);
        folder.Write("bin/Debug/Ignored.cs", HardcodedPasswordSource);
        folder.Write("obj/Ignored.cs", HardcodedPasswordSource);

        var (_, stdout, _) = CliRun.Review(null, folder.Path, "--root", folder.Path, "--format", "sarif");

        var results = JsonDocument.Parse(stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.Equal("src/Settings.cs", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
    }

    [Fact]
    public void Json_goes_to_the_output_file()
    {
        using var folder = new TempFolder();
        var file = folder.Write("Clean.cs", CleanSource);
        var output = Path.Combine(folder.Path, "report.json");

        var (code, stdout, _) = CliRun.Review(null, file, "--format", "json", "--output", output);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Equal(0, JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("security").GetProperty("defects").GetInt32());
    }

    [Fact]
    public void Root_config_file_is_read_and_broken_config_is_exit_2()
    {
        using var folder = new TempFolder();
        var file = folder.Write("Settings.cs", HardcodedPasswordSource);
        folder.Write(".github/prreviewbot.yml", "fail_on: none\n");
        Assert.Equal(0, CliRun.Review(null, file, "--root", folder.Path).ExitCode);

        var broken = folder.Write("broken.yml", "fail_on: [");
        var (code, _, stderr) = CliRun.Review(null, file, "--config", broken);
        Assert.Equal(2, code);
        Assert.Contains("invalid YAML", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_and_invalid_utf8_files_do_not_crash()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "image.cs"), [0x89, 0x50, 0x00, 0x01]);
        File.WriteAllBytes(Path.Combine(folder.Path, "Latin.cs"), [.. "class C { string s = \""u8, 0xE9, 0xFF, .. "\"; }\n"u8]);

        var (code, stdout, _) = CliRun.Review(null, folder.Path, "--root", folder.Path);

        Assert.Equal(0, code);
        Assert.Contains("`image.cs` (binary)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_files_are_decoded_by_their_coding_cookie()
    {
        using var folder = new TempFolder();
        var latin1 = System.Text.Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\n\"\"\"Caf\u00e9 helpers.\"\"\"\n\n\ndef greet(name: str) -> str:\n    \"\"\"Greets.\"\"\"\n    return \"Caf\u00e9 \" + name\n");
        File.WriteAllBytes(Path.Combine(folder.Path, "cafe.py"), latin1);

        var (code, stdout, stderr) = CliRun.Review(null, folder.Path, "--root", folder.Path, "--format", "json");

        Assert.True(code == 0, stderr);
        Assert.Equal("cafe.py", JsonDocument.Parse(stdout).RootElement.GetProperty("coverage").GetProperty("reviewed")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Reviews_a_git_range_read_only()
    {
        using var folder = new GitFolder();
        folder.Write("src/Clean.cs", CleanSource);
        folder.Commit("base");
        folder.Write("src/Settings.cs", HardcodedPasswordSource);
        folder.Commit("head");

        var (code, stdout, stderr) = CliRun.Review(null, "--git", "HEAD~1..HEAD", "--root", folder.Path, "--format", "json");

        Assert.True(code == 1, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("src/Settings.cs", json.GetProperty("coverage").GetProperty("reviewed")[0].GetProperty("path").GetString());
        Assert.Equal(40, json.GetProperty("commit").GetString()!.Length);
    }

    [Fact]
    public void A_bad_git_range_is_exit_2()
    {
        using var folder = new GitFolder();

        Assert.Equal(2, CliRun.Review(null, "--git", "--output=x..HEAD", "--root", folder.Path).ExitCode);
        Assert.Equal(2, CliRun.Review(null, "--git", "nope..HEAD", "--root", folder.Path).ExitCode);
    }
}
