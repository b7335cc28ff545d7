using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Benchmarks;

/// <summary>
/// What stands between a delivery and GitHub's answer: checking the signature of a typical
/// 25 KB pull_request body, and committing its job to the SQLite store on disk (WAL, as the server
/// runs it); and a job's whole life in the queue (enqueue, lease, complete).
/// </summary>
[MemoryDiagnoser]
public class WebhookBenchmarks
{
    private const string Secret = "benchmark-secret-not-used-anywhere";

    private readonly byte[] body = Encoding.UTF8.GetBytes(new string('x', 25 * 1024));
    private string signature = null!;
    private string directory = null!;
    private SqliteJobStore store = null!;
    private long next;

    [GlobalSetup]
    public void Setup()
    {
        signature = WebhookSignature.Compute(Secret, body);
        directory = Directory.CreateTempSubdirectory("prreviewbot-bench-").FullName;
        store = new SqliteJobStore($"Data Source={Path.Combine(directory, "jobs.db")}", TimeProvider.System);
        store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Description = "verify signature, 25 KB body")]
    public bool VerifySignature() => WebhookSignature.IsValid(Secret, body, signature);

    [Benchmark(Description = "enqueue one delivery (committed)")]
    public Task<EnqueueOutcome> Enqueue() => store.EnqueueAsync(NextRequest(), CancellationToken.None);

    [Benchmark(Description = "enqueue + lease + complete")]
    public async Task<bool> Lifecycle()
    {
        await store.EnqueueAsync(NextRequest(), CancellationToken.None);
        var job = await store.TryLeaseAsync("bench", TimeSpan.FromSeconds(30), CancellationToken.None);
        return await store.CompleteAsync(job!, CancellationToken.None);
    }

    private JobRequest NextRequest()
    {
        var id = Interlocked.Increment(ref next);
        return new JobRequest(
            id.ToString(CultureInfo.InvariantCulture), JobKind.PullRequest, 77, "acme", "shop", (int)(id % 100_000) + 1, id.ToString("x40", CultureInfo.InvariantCulture), "{}");
    }
}
