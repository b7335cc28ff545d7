using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Tests.Queue;

/// <summary>The queue's contract, run against every store (see <see cref="TestPostgres"/>).</summary>
public sealed class JobStoreTests : IAsyncDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TestStores stores = new();

    public ValueTask DisposeAsync() => stores.DisposeAsync();

    /// <summary>A store on this test's database; a second call is a second process on the same data, as after a restart.</summary>
    private async Task<IJobStore> OpenAsync(string kind) => await stores.OpenAsync(kind);

    private static JobRequest PullRequest(string delivery, int number = 7, string head = "aaa") =>
        new(delivery, JobKind.PullRequest, 42, "octo", "demo", number, head, "{}");

    [Fact]
    public void Refuses_an_in_memory_database() =>
        Assert.Throws<ArgumentException>(() => new SqliteJobStore("Data Source=:memory:", stores.Clock));

    [Theory]
    [InlineData("Data Source=jobs.db")]
    [InlineData("Database=jobs")]
    public void Refuses_a_connection_string_without_a_postgres_host(string connectionString) =>
        Assert.Throws<ArgumentException>(() => new PostgresJobStore(connectionString, stores.Clock));

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task Concurrent_enqueues_share_commits_yet_each_is_answered_for_its_own_job(string kind)
    {
        var store = await OpenAsync(kind);
        var deliveries = Enumerable.Range(0, 120).Select(index => PullRequest($"d-{index % 100}", number: 1000 + (index % 100))).ToList();

        var outcomes = await Task.WhenAll(deliveries.Select(delivery => store.EnqueueAsync(delivery, CancellationToken.None)));

        Assert.Equal(100, outcomes.Count(outcome => outcome == EnqueueOutcome.Queued));
        Assert.Equal(20, outcomes.Count(outcome => outcome == EnqueueOutcome.Duplicate));
        var restarted = await OpenAsync(kind);
        Assert.Equal(100, (await restarted.CountsAsync(CancellationToken.None)).Queued);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_redelivered_older_event_does_not_supersede_the_newer_one_even_in_one_group(string kind)
    {
        var store = await OpenAsync(kind);
        await store.EnqueueAsync(PullRequest("d-old", head: "old"), CancellationToken.None);
        await store.EnqueueAsync(PullRequest("d-new", head: "new"), CancellationToken.None);

        var again = await Task.WhenAll(
            store.EnqueueAsync(PullRequest("d-old", head: "old"), CancellationToken.None),
            store.EnqueueAsync(PullRequest("d-old", head: "old"), CancellationToken.None));

        Assert.All(again, outcome => Assert.Equal(EnqueueOutcome.Duplicate, outcome));
        var counts = await store.CountsAsync(CancellationToken.None);
        Assert.Equal((1, 1), (counts.Queued, counts.Superseded));
        var leased = await store.TryLeaseAsync("worker", Lease, CancellationToken.None);
        Assert.Equal("new", leased?.Request.HeadSha);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task The_write_probe_succeeds_on_a_store_that_takes_writes(string kind)
    {
        var store = await OpenAsync(kind);

        await store.ProbeWritableAsync(CancellationToken.None);
        await store.WarmUpAsync(CancellationToken.None);

        Assert.Equal(0, (await store.CountsAsync(CancellationToken.None)).Queued);
    }

    [Fact]
    public async Task The_sqlite_write_probe_fails_once_the_database_folder_is_gone()
    {
        var store = await OpenAsync("sqlite");
        await store.ProbeWritableAsync(CancellationToken.None);

        Directory.Delete(stores.Directory, recursive: true);

        await Assert.ThrowsAsync<IOException>(() => store.ProbeWritableAsync(CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.EnqueueAsync(PullRequest("d-after"), CancellationToken.None));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=prreviewbot", 10)]
    [InlineData("Host=127.0.0.1;Username=prreviewbot;Maximum Pool Size=40", 40)]
    [InlineData("Host=127.0.0.1;Username=prreviewbot;MaxPoolSize=7", 7)]
    public void The_postgres_pool_is_small_by_default_and_the_connection_string_wins(string connectionString, int expected)
    {
        var store = new PostgresJobStore(connectionString, stores.Clock, PostgresPool.Default);

        Assert.Equal(expected, store.MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=prreviewbot", 16)]
    [InlineData("Host=127.0.0.1;Username=prreviewbot;Max Auto Prepare=0", 0)]
    public void The_queue_s_statements_are_prepared_on_each_connection_unless_the_connection_string_says_otherwise(string connectionString, int expected)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        PostgresPool.Default.ApplyTo(builder, connectionString);

        Assert.Equal(expected, builder.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_redelivered_event_is_stored_once(string kind)
    {
        var store = await OpenAsync(kind);
        Assert.Equal(EnqueueOutcome.Queued, await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None));
        Assert.Equal(EnqueueOutcome.Duplicate, await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None));
        Assert.Equal(1, (await store.CountsAsync(CancellationToken.None)).Queued);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_newer_head_supersedes_queued_work_for_the_same_pull_request(string kind)
    {
        var store = await OpenAsync(kind);
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

    [Theory]
    [PostgresCase]
    public async Task An_enqueue_does_not_wait_for_a_worker_that_is_leasing_the_queued_job_it_would_supersede(string kind)
    {
        var store = await OpenAsync(kind);
        await store.EnqueueAsync(PullRequest("d-1", head: "old"), CancellationToken.None);

        // Another replica is in the middle of leasing that job: its row is locked until it commits.
        await using var worker = new Npgsql.NpgsqlConnection(stores.PostgresConnectionString);
        await worker.OpenAsync();
        await using var leasing = await worker.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT id FROM jobs WHERE delivery_id = 'd-1' FOR UPDATE;", worker, leasing))
        {
            await lockRow.ExecuteScalarAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var enqueue = store.EnqueueAsync(PullRequest("d-2", head: "new"), timeout.Token);
        Assert.Same(enqueue, await Task.WhenAny(enqueue, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.Equal(EnqueueOutcome.Queued, await enqueue);
        await leasing.RollbackAsync();

        // The lease that held the row did not happen after all, so the older job is still queued; it runs first, the newer last.
        var heads = new List<string?>();
        while (await store.TryLeaseAsync("w", Lease, CancellationToken.None) is { } job)
        {
            heads.Add(job.Request.HeadSha);
            await store.CompleteAsync(job, CancellationToken.None);
        }

        Assert.Equal(["old", "new"], heads);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_job_leased_by_a_worker_that_died_is_leased_again_after_the_lease_expires(string kind)
    {
        var first = await OpenAsync(kind);
        await first.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var lost = await first.TryLeaseAsync("crashed", Lease, CancellationToken.None);
        Assert.NotNull(lost);

        // A new process opens the same file, as after SIGKILL and restart.
        var restarted = await OpenAsync(kind);
        Assert.Null(await restarted.TryLeaseAsync("w2", Lease, CancellationToken.None));

        stores.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var again = await restarted.TryLeaseAsync("w2", Lease, CancellationToken.None);
        Assert.NotNull(again);
        Assert.Equal(lost.Id, again.Id);
        Assert.Equal(2, again.Attempt);

        // The dead worker's token no longer counts: the job cannot be finished twice.
        Assert.False(await first.CompleteAsync(lost, CancellationToken.None));
        Assert.True(await restarted.CompleteAsync(again, CancellationToken.None));
        Assert.Equal(1, (await restarted.CountsAsync(CancellationToken.None)).Done);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_released_job_goes_back_to_the_queue_without_spending_an_attempt(string kind)
    {
        var store = await OpenAsync(kind);
        await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var job = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(job);
        Assert.True(await store.ReleaseAsync(job, CancellationToken.None));

        var again = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(again);
        Assert.Equal(1, again.Attempt);
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_job_retried_later_waits_for_its_time(string kind)
    {
        var store = await OpenAsync(kind);
        await store.EnqueueAsync(PullRequest("d-1"), CancellationToken.None);
        var job = await store.TryLeaseAsync("w", Lease, CancellationToken.None);
        Assert.NotNull(job);
        Assert.True(await store.RetryLaterAsync(job, stores.Clock.GetUtcNow().AddSeconds(30), "GitHub answered 502", CancellationToken.None));

        Assert.Null(await store.TryLeaseAsync("w", Lease, CancellationToken.None));
        stores.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.NotNull(await store.TryLeaseAsync("w", Lease, CancellationToken.None));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task Parallel_workers_of_two_replicas_never_share_a_job_or_a_pull_request(string kind)
    {
        var store = await OpenAsync(kind);
        for (var i = 0; i < 20; i++)
        {
            await store.EnqueueAsync(new JobRequest($"d-{i}", JobKind.ReviewCommand, 42, "octo", "demo", i % 10, null, "{}"), CancellationToken.None);
        }

        // Two store instances on the same data: two replicas, each with four workers.
        var replicas = new[] { store, await OpenAsync(kind) };
        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker =>
            Task.Run(() => replicas[worker % 2].TryLeaseAsync($"w{worker}", Lease, CancellationToken.None))));

        var held = leases.OfType<LeasedJob>().ToList();
        Assert.Equal(8, held.Count);
        Assert.Equal(held.Count, held.Select(job => job.Id).Distinct().Count());
        Assert.Equal(held.Count, held.Select(job => job.Request.PullRequestNumber).Distinct().Count());
    }
}
