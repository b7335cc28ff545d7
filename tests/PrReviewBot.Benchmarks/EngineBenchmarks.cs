using BenchmarkDotNet.Attributes;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Benchmarks;

/// <summary>The engine on realistic C# changes of 20, 500 and 2,000 files.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private PullRequestSnapshot wholeFiles = null!;
    private PullRequestSnapshot hunksOnly = null!;
    private PullRequestSnapshot withBase = null!;
    private string diffText = null!;

    [Params(20, 500, 2000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        wholeFiles = SyntheticChange.Snapshot(Files, withFullContent: true);
        hunksOnly = SyntheticChange.Snapshot(Files, withFullContent: false);
        withBase = SyntheticChange.Snapshot(Files, withFullContent: true, withBase: true);
        diffText = SyntheticChange.DiffText(Files, out _);

        // Load the reference assemblies once, as a long-running server would.
        new ReviewEngine().Review(SyntheticChange.Snapshot(1, withFullContent: true));
    }

    [Benchmark(Description = "parse diff")]
    public int ParseDiff() => UnifiedDiffParser.Parse(diffText).Count;

    [Benchmark(Description = "review, full files")]
    public int ReviewWholeFiles() => new ReviewEngine().Review(wholeFiles).Findings.Count;

    [Benchmark(Description = "review, full files + base versions")]
    public int ReviewWithBase() => new ReviewEngine().Review(withBase).Findings.Count;

    [Benchmark(Description = "review, hunks only")]
    public int ReviewHunksOnly() => new ReviewEngine().Review(hunksOnly).Findings.Count;

    [Benchmark(Description = "review + markdown + sarif")]
    public int ReviewAndRender()
    {
        var result = new ReviewEngine().Review(wholeFiles);
        return SummaryWriter.Write(result).Length + SarifWriter.Write(result).Length;
    }
}
