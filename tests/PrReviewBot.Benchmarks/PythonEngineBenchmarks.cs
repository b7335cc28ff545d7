using BenchmarkDotNet.Attributes;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Benchmarks;

/// <summary>The engine on realistic Python changes of 20, 500 and 2,000 files.</summary>
[MemoryDiagnoser]
public class PythonEngineBenchmarks
{
    private PullRequestSnapshot wholeFiles = null!;
    private PullRequestSnapshot hunksOnly = null!;
    private PullRequestSnapshot withBase = null!;

    [Params(20, 500, 2000)]
    public int Files { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        wholeFiles = SyntheticChange.Snapshot(Files, withFullContent: true, python: true);
        hunksOnly = SyntheticChange.Snapshot(Files, withFullContent: false, python: true);
        withBase = SyntheticChange.Snapshot(Files, withFullContent: true, python: true, withBase: true);
        new ReviewEngine().Review(SyntheticChange.Snapshot(1, withFullContent: true, python: true));
    }

    [Benchmark(Description = "python review, full files")]
    public int ReviewWholeFiles() => new ReviewEngine().Review(wholeFiles).Findings.Count;

    [Benchmark(Description = "python review, full files + base versions")]
    public int ReviewWithBase() => new ReviewEngine().Review(withBase).Findings.Count;

    [Benchmark(Description = "python review, hunks only")]
    public int ReviewHunksOnly() => new ReviewEngine().Review(hunksOnly).Findings.Count;
}
