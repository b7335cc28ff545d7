using BenchmarkDotNet.Attributes;
using PrReviewBot.Cli.Inputs;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Benchmarks.RealChanges;

/// <summary>
/// The engine on the real changes in a warm process, under both analysis scopes: what a long-running
/// server pays per review once the code is jitted and the reference assemblies are loaded. The
/// snapshot is read once, as <c>--git</c> reads it, so only the review is timed.
/// </summary>
[MemoryDiagnoser]
public class RealChangeBenchmarks
{
    private DirectoryInfo scratch = null!;
    private LoadedInput input = null!;
    private ReviewOptions options = null!;

    public static IEnumerable<string> Changes => RealChange.Selected().Select(change => change.Name);

    [ParamsSource(nameof(Changes))]
    public string Change { get; set; } = string.Empty;

    [Params(AnalysisScope.ChangedCode, AnalysisScope.WholeFiles)]
    public AnalysisScope Scope { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        scratch = Directory.CreateTempSubdirectory("prreviewbot-real-change-");
        var change = RealChange.Selected().Single(candidate => candidate.Name == Change);
        var clone = change.CloneTo(Path.Combine(scratch.FullName, change.Name));
        options = ReviewOptions.Default with { Scope = Scope };
        input = GitRangeInput.Load(RealChange.Range, clone, options.MaxFileBytes);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        input.Dispose();
        scratch.Delete(recursive: true);
    }

    [Benchmark(Description = "review a real change")]
    public int Review() => new ReviewEngine().Review(input.Snapshot, options).Findings.Count;
}
