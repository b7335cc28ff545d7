using System.ComponentModel;
using System.Text.Json.Nodes;

namespace PrReviewBot.Cli.Tests;

/// <summary>
/// Reading only the declarations a change touched (<c>--analysis changed-code</c>, the default) must
/// cost no precision: on real changes of open-source projects (the benchmark bundles in
/// tests/PrReviewBot.Benchmarks/RealChanges) it reports exactly what reading every line of every
/// changed file reports. The 2,000-file changes take minutes of CPU under whole-files and run only
/// when <see cref="LargeChangesVariable"/> is set (the benchmarks' <c>real-changes</c> command times them).
/// </summary>
public sealed class AnalysisScopeEquivalenceTests
{
    /// <summary>Set to 1 to compare the 2,000-file changes too.</summary>
    public const string LargeChangesVariable = "PRREVIEWBOT_TEST_LARGE_REAL_CHANGES";

    /// <summary>Changes with more files than this are the large ones.</summary>
    private const int LargeChangeFiles = 1500;

    public static TheoryData<string> RealChanges()
    {
        var folder = Path.GetFullPath(Path.Combine(CliRun.Sample(".."), "tests", "PrReviewBot.Benchmarks", "RealChanges"));
        var includeLarge = Environment.GetEnvironmentVariable(LargeChangesVariable) == "1";
        var bundles = Directory.GetFiles(folder, "*.bundle")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => includeLarge || FileCount(name) <= LargeChangeFiles)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(bundles.Count > 0, $"no real-change bundles in {folder}");
        var data = new TheoryData<string>();
        foreach (var bundle in bundles)
        {
            data.Add(bundle);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RealChanges))]
    public void Changed_code_analysis_reports_what_whole_file_analysis_reports_on_a_real_change(string bundle)
    {
        using var folder = new TempFolder();
        var clone = Path.Combine(folder.Path, "change");
        var bundlePath = Path.Combine(CliRun.Sample(".."), "tests", "PrReviewBot.Benchmarks", "RealChanges", bundle);
        try
        {
            GitFolder.RunIn(folder.Path, "clone", "-q", "--no-checkout", bundlePath, clone);
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"git must be on the PATH to unpack the real-change bundles ({exception.Message})");
        }

        var changedCode = ReviewJson(clone, folder.Path, "changed-code");
        var wholeFiles = ReviewJson(clone, folder.Path, "whole-files");

        Assert.True(JsonNode.DeepEquals(wholeFiles, changedCode), Difference(bundle, wholeFiles, changedCode));
    }

    /// <summary>The JSON report without its timing, which differs from run to run.</summary>
    private static JsonNode ReviewJson(string clone, string scratch, string analysis)
    {
        var output = Path.Combine(scratch, analysis + ".json");
        var (code, _, stderr) = CliRun.Review(null, "--root", clone, "--git", "HEAD~1..HEAD", "--format", "json", "--output", output, "--fail-on", "none", "--analysis", analysis);
        Assert.True(code == 0, $"--analysis {analysis}: exit {code}: {stderr}");
        var report = JsonNode.Parse(File.ReadAllText(output))!;
        report["coverage"]!.AsObject().Remove("engineMilliseconds");
        return report;
    }

    /// <summary>Names the findings only one scope reported, which is what the reader of a failure needs first.</summary>
    private static string Difference(string bundle, JsonNode wholeFiles, JsonNode changedCode)
    {
        static HashSet<string> Findings(JsonNode report) =>
            report["findings"]!.AsArray().Select(finding => finding!.ToJsonString()).ToHashSet(StringComparer.Ordinal);

        var whole = Findings(wholeFiles);
        var changed = Findings(changedCode);
        var missed = whole.Except(changed).Take(10).ToList();
        var extra = changed.Except(whole).Take(10).ToList();
        return $"{bundle}: --analysis changed-code differs from whole-files. "
            + $"Only in whole-files ({whole.Except(changed).Count()}): {string.Join("\n", missed)}\n"
            + $"Only in changed-code ({changed.Except(whole).Count()}): {string.Join("\n", extra)}\n"
            + (missed.Count + extra.Count == 0 ? "The findings agree; the coverage or summary part of the report differs." : string.Empty);
    }

    /// <summary>The file count the bundle's name ends with (csharp-efcore-544.bundle: 544).</summary>
    private static int FileCount(string bundle)
    {
        var name = Path.GetFileNameWithoutExtension(bundle);
        return int.TryParse(name[(name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var files) ? files : 0;
    }
}
