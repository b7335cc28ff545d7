using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.Queue;

public sealed class SqliteJobStoreTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "prreviewbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private string ConnectionString => $"Data Source={Path.Combine(directory, "jobs.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<SqliteJobStore> OpenAsync()
    {
        var store = new SqliteJobStore(ConnectionString, clock);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static JobRequest PullRequest(string delivery, int number = 7, string head = "aaa") =>
        new(delivery, JobKind.PullRequest, 42, "octo", "demo", number, head, "{}");

    [Fact]
    public void Refuses_an_in_memory_database() =>
        Assert.Throws<ArgumentException>(() => new SqliteJobStore("Data Source=:memory:", clock));

    [Fact]
    public async Task A_redelivered_event_is_stored_once()
    {
        var store = await OpenAsync();
        Assert.Equal(EnqueueOutcome.Queued, await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None));
        Assert.Equal(EnqueueOutcome.Duplicate, await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None));
        Assert.Equal(1, (await store.CountsAsync(CancellationToken.None)).Queued);
    }

    [Fact]
    public async Task A_newer_head_supersedes_queued_work_for_the_same_pull_request()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(PullRequest("d-1", head: "old"), CancellationToken.None);
        await store.EnqueueAsync(PullRequest("d-other", number: 8, head: "x"), CancellationToken.None);
        await store.EnqueueAsync(PullRequest("d-2", head: "new"), CancellationToken.None);

        var counts = await store.CountsAsync(CancellationToken.None);
        Assert.Equal(2, counts.Queued);
        Assert.Equal(1, counts.Superseded);

        var heads = new List<string?>();
        while (await store.TryLeaseAsync("w", Lease, CancellationToken.None) is { } job)
        {
            heads.Add(job.Request.HeadSha);
            await store.CompleteAsync(job, CancellationToken.None);
        }

        Assert.Equal(["new", "x"], heads.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_job_leased_by_a_worker_that_died_is_leased_again_after_the_lease_expires()
    {
        var first = await OpenAsync();
        await first.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var lost = await first.TryLeaseAsync("crashed", Lease, CancellationToken.None);
        Assert.NotNull(lost);

        // A new process opens the same file, as after SIGKILL and restart.
        var restarted = await OpenAsync();
        Assert.Null(await restarted.TryLeaseAsync("w2", Lease, CancellationToken.None));

        clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var again = await restarted.TryLeaseAsync("w2", Lease, CancellationToken.None);
        Assert.NotNull(again);
        Assert.Equal(lost.Id, again.Id);
        Assert.Equal(2, again.Attempt);

        // The dead worker's token no longer counts: the job cannot be finished twice.
        Assert.False(await first.CompleteAsync(lost, CancellationToken.None));
        Assert.True(await restarted.CompleteAsync(again, CancellationToken.None));
        Assert.Equal(1, (await restarted.CountsAsync(CancellationToken.None)).Done);
    }

    [Fact]
    public async Task A_released_job_goes_back_to_the_queue_without_spending_an_attempt()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var job = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(job);
        Assert.True(await store.ReleaseAsync(job, CancellationToken.None));

        var again = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(again);
        Assert.Equal(1, again.Attempt);
    }

    [Fact]
    public async Task A_job_retried_later_waits_for_its_time()
    {
        var store = await OpenAsync();
        await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var job = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(job);
        Assert.True(await store.RetryLaterAsync(job, clock.GetUtcNow().AddSeconds(30), "GitHub answered 502", CancellationToken.None));

        Assert.Null(await store.TryLeaseAsync("w", Lease, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull(await store.TryLeaseAsync("w", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task Parallel_workers_never_share_a_job_or_a_pull_request()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 20; i++)
        {
            await store.EnqueueAsync(new JobRequest($"d-{i}", JobKind.ReviewCommand, 42, "octo", "demo", i % 10, null, "{}"), CancellationToken.None);
        }

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker =>
            Task.Run(() => store.TryLeaseAsync($"w{worker}", Lease, CancellationToken.None))));

        var held = leases.OfType<LeasedJob>().ToList();
        Assert.Equal(8, held.Count);
        Assert.Equal(held.Count, held.Select(job => job.Id).Distinct().Count());
        Assert.Equal(held.Count, held.Select(job => job.Request.PullRequestNumber).Distinct().Count());
    }
}
