using System.Data.Common;
using System.Globalization;
using PrReviewBot.Server.Reviews;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// The queue's rules, written once in SQL that SQLite and PostgreSQL both run: dedupe by delivery
/// id, superseding queued work for older heads, leases with a token so a worker that lost its lease
/// cannot finish a job another worker took over, and one live lease per pull request. Every state
/// change is one statement or one transaction. Times are Unix milliseconds from the
/// <see cref="TimeProvider"/>, so tests can move the clock.
/// </summary>
public abstract class RelationalJobStore : IJobStore, IReviewRecordStore
{
    /// <summary>Records of pull requests nobody pushed to for this long are dropped (their next review is a full one).</summary>
    private static readonly TimeSpan RecordRetention = TimeSpan.FromDays(60);

    /// <summary>Finished jobs (and their delivery ids, for dedupe) are kept this long.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private const string Columns = "delivery_id, kind, installation_id, owner, repository, pull_number, head_sha, payload, attempts";

    /// <summary>A job a worker may take at <c>@now</c>: queued and due, or leased by a worker whose lease ran out.</summary>
    private const string Leasable = "((state = 'Queued' AND available_at <= @now) OR (state = 'Leased' AND lease_expires_at <= @now))";

    private const string LeaseCandidate = $"""
        SELECT j.id FROM jobs j
        WHERE {Leasable}
          AND NOT EXISTS (
              SELECT 1 FROM jobs other
              WHERE other.owner = j.owner AND other.repository = j.repository
                AND other.pull_number = j.pull_number AND other.id <> j.id
                AND other.state = 'Leased' AND other.lease_expires_at > @now)
        ORDER BY j.available_at, j.id
        LIMIT 1
        """;

    /// <summary>The indexes leasing and superseding use, and the health check's table; the same in every dialect.</summary>
    private const string Indexes = """
        CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, available_at, id);
        CREATE INDEX IF NOT EXISTS jobs_pull ON jobs (owner, repository, pull_number, state);
        CREATE TABLE IF NOT EXISTS heartbeats (replica TEXT PRIMARY KEY, beat_at BIGINT NOT NULL);
        """;

    /// <summary>The last review of each pull request (<see cref="IReviewRecordStore"/>); the same in every dialect.</summary>
    private const string ReviewRecords = """
        CREATE TABLE IF NOT EXISTS review_records (
            owner       TEXT    NOT NULL,
            repository  TEXT    NOT NULL,
            pull_number INTEGER NOT NULL,
            record      TEXT    NOT NULL,
            updated_at  BIGINT  NOT NULL,
            PRIMARY KEY (owner, repository, pull_number)
        );
        """;

    /// <summary>This process, as its heartbeat row names it.</summary>
    private static readonly string Replica = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    private readonly TimeProvider timeProvider;
    private readonly GroupCommit groupCommit;

    protected RelationalJobStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.timeProvider = timeProvider;
        groupCommit = new GroupCommit(CommitGroupAsync);
    }

    /// <summary>The statement that creates the <c>jobs</c> table when it is missing.</summary>
    protected abstract string Schema { get; }

    /// <summary>Run first in the lease and schema transactions; PostgreSQL uses it to serialize them across replicas.</summary>
    protected virtual string? LeaseLock => null;

    /// <summary>
    /// Appended to the worker's own writes (leases, renewals, job outcomes, review records), whose loss
    /// in a database crash costs at most a repeated review (the publisher finds what it posted before)
    /// or a full review instead of an incremental one. PostgreSQL commits them without waiting for the
    /// write-ahead log to reach the disk, so the enqueues that acknowledge deliveries, which must wait,
    /// no longer queue behind them for it. Empty: every write waits, as enqueues always do.
    /// </summary>
    protected virtual string RelaxedDurability => string.Empty;

    /// <summary>
    /// How many connections the warm-up opens before the server listens: a replica that starts under
    /// load would otherwise open them while the first deliveries wait (a PostgreSQL connection costs
    /// a process start on the server). One where the store uses a single connection.
    /// </summary>
    protected virtual int ConnectionsToOpenAhead => 1;

    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Replicas starting together must not race on CREATE TABLE IF NOT EXISTS.
        await using var transaction = await BeginSerializedAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, Schema + "\n" + Indexes + "\n" + ReviewRecords, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            "DELETE FROM jobs WHERE state IN ('Done', 'Failed', 'Superseded') AND updated_at < @cutoff;",
            command => Add(command, "@cutoff", Now() - (long)Retention.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            "DELETE FROM review_records WHERE updated_at < @cutoff;",
            command => Add(command, "@cutoff", Now() - (long)RecordRetention.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> ReadReviewAsync(string owner, string repository, int number, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            "SELECT record FROM review_records WHERE owner = @owner AND repository = @repository AND pull_number = @number;",
            command => BindPull(command, owner, repository, number));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task SaveReviewAsync(string owner, string repository, int number, string record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            null,
            """
            INSERT INTO review_records (owner, repository, pull_number, record, updated_at) VALUES (@owner, @repository, @number, @record, @now)
            ON CONFLICT (owner, repository, pull_number) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at;
            """ + RelaxedDurability,
            command =>
            {
                BindPull(command, owner, repository, number);
                Add(command, "@record", record);
                Add(command, "@now", Now());
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task ForgetReviewAsync(string owner, string repository, int number, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            null,
            "DELETE FROM review_records WHERE owner = @owner AND repository = @repository AND pull_number = @number;" + RelaxedDurability,
            command => BindPull(command, owner, repository, number),
            cancellationToken).ConfigureAwait(false);
    }

    private static void BindPull(DbCommand command, string owner, string repository, int number)
    {
        Add(command, "@owner", owner);
        Add(command, "@repository", repository);
        Add(command, "@number", number);
    }

    public Task<EnqueueOutcome> EnqueueAsync(JobRequest request, CancellationToken cancellationToken) =>
        groupCommit.EnqueueAsync(request, cancellationToken);

    public async Task ProbeWritableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO heartbeats (replica, beat_at) VALUES (@replica, @now)
            ON CONFLICT (replica) DO UPDATE SET beat_at = excluded.beat_at;
            """,
            command =>
            {
                Add(command, "@replica", Replica);
                Add(command, "@now", Now());
            },
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        EnsureCommitsLast();
    }

    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        // Opened together, so they are distinct connections, then returned to the pool for the first deliveries. Each runs
        // an enqueue (rolled back) and a lease's look for work: a server connection reads the tables' catalog entries and
        // plans a statement the first time it runs it, which would otherwise fall on the first deliveries' acknowledgements.
        var opened = new List<DbConnection>();
        try
        {
            for (var count = 0; count < ConnectionsToOpenAhead; count++)
            {
                var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                opened.Add(connection);
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
                {
                    await EnqueueAllAsync(connection, transaction, [new JobRequest("warm-up", JobKind.PullRequest, 0, "-", "-", 0, "-", "{}")], cancellationToken).ConfigureAwait(false);
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                _ = await AnyLeasableAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var connection in opened)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        await ProbeWritableAsync(cancellationToken).ConfigureAwait(false);
        await CountsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lets the group writer finish what it holds; for stores that own resources to release after it.</summary>
    protected ValueTask StopGroupCommitAsync() => groupCommit.StopAsync();

    /// <summary>
    /// Throws when a commit that returned may still not last, e.g. SQLite writing on into a file
    /// whose folder was removed; the callers then answer 503 instead of acknowledging.
    /// </summary>
    protected virtual void EnsureCommitsLast()
    {
    }

    /// <summary>One transaction for a group of enqueues (see <see cref="GroupCommit"/>).</summary>
    private async Task<IReadOnlyList<EnqueueOutcome>> CommitGroupAsync(IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<EnqueueOutcome> outcomes;
        if (SendsGroupAsOneImplicitTransaction)
        {
            outcomes = await EnqueueAllAsync(connection, null, requests, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            outcomes = await EnqueueAllAsync(connection, transaction, requests, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        EnsureCommitsLast();
        return outcomes;
    }

    /// <summary>
    /// True when <see cref="EnqueueAllAsync"/> without a transaction still commits the group all or nothing, in one
    /// round trip (a PostgreSQL batch runs in one implicit transaction): no BEGIN and COMMIT round trips around it.
    /// </summary>
    protected virtual bool SendsGroupAsOneImplicitTransaction => false;

    /// <summary>
    /// The statements of a group's enqueues, in order, inside the caller's transaction (none when
    /// <see cref="SendsGroupAsOneImplicitTransaction"/>). Each is a round trip; a dialect that can
    /// send them all at once (PostgreSQL) overrides this.
    /// </summary>
    protected virtual async Task<IReadOnlyList<EnqueueOutcome>> EnqueueAllAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outcomes = new EnqueueOutcome[requests.Count];
        for (var index = 0; index < requests.Count; index++)
        {
            outcomes[index] = await EnqueueInAsync(connection, transaction, requests[index], cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private async Task<EnqueueOutcome> EnqueueInAsync(DbConnection connection, DbTransaction? transaction, JobRequest request, CancellationToken cancellationToken)
    {
        var now = Now();
        var inserted = await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO jobs (delivery_id, kind, installation_id, owner, repository, pull_number, head_sha, payload,
                              state, attempts, available_at, created_at, updated_at)
            VALUES (@delivery, @kind, @installation, @owner, @repository, @pull, @head, @payload, 'Queued', 0, @now, @now, @now)
            ON CONFLICT (delivery_id) DO NOTHING;
            """,
            command =>
            {
                Add(command, "@delivery", request.DeliveryId);
                Add(command, "@kind", request.Kind.ToString());
                Add(command, "@installation", request.InstallationId);
                Add(command, "@owner", request.Owner);
                Add(command, "@repository", request.Repository);
                Add(command, "@pull", request.PullRequestNumber);
                Add(command, "@head", request.HeadSha);
                Add(command, "@payload", request.Payload);
                Add(command, "@now", now);
            },
            cancellationToken).ConfigureAwait(false);
        if (inserted == 0)
        {
            return EnqueueOutcome.Duplicate;
        }

        if (request.Kind == JobKind.PullRequest)
        {
            await ExecuteAsync(
                connection,
                transaction,
                """
                UPDATE jobs SET state = 'Superseded', updated_at = @now, last_error = 'superseded by delivery ' || @delivery
                WHERE owner = @owner AND repository = @repository AND pull_number = @pull
                  AND kind = 'PullRequest' AND state = 'Queued' AND delivery_id <> @delivery;
                """,
                command =>
                {
                    Add(command, "@owner", request.Owner);
                    Add(command, "@repository", request.Repository);
                    Add(command, "@pull", request.PullRequestNumber);
                    Add(command, "@delivery", request.DeliveryId);
                    Add(command, "@now", now);
                },
                cancellationToken).ConfigureAwait(false);
        }

        return EnqueueOutcome.Queued;
    }

    /// <summary>Whether a job is there to lease, asked without a write lock (SQLite) or the advisory lock (PostgreSQL).</summary>
    private async Task<bool> AnyLeasableAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var peek = Command(connection, null, LeaseCandidate, command => Add(command, "@now", Now()));
        return await peek.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not (null or DBNull);
    }

    public async Task<LeasedJob?> TryLeaseAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Most polls find nothing; they ask without a write lock (SQLite) or the advisory lock
        // (PostgreSQL), so idle workers never queue behind or in front of the enqueues.
        if (!await AnyLeasableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await using var transaction = await BeginSerializedAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = Now();
        long id;
        await using (var select = Command(connection, transaction, LeaseCandidate, command => Add(command, "@now", now)))
        {
            var found = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is null or DBNull)
            {
                return null;
            }

            id = Convert.ToInt64(found, CultureInfo.InvariantCulture);
        }

        var token = Guid.NewGuid().ToString("N");
        LeasedJob? job = null;
        await using (var update = Command(
            connection,
            transaction,
            $"""
            UPDATE jobs SET state = 'Leased', attempts = attempts + 1, lease_owner = @worker, lease_token = @token,
                            lease_expires_at = @expires, updated_at = @now
            WHERE id = @id AND {Leasable}
            RETURNING {Columns};{RelaxedDurability}
            """,
            command =>
            {
                Add(command, "@worker", workerId);
                Add(command, "@token", token);
                Add(command, "@expires", now + (long)leaseDuration.TotalMilliseconds);
                Add(command, "@now", now);
                Add(command, "@id", id);
            }))
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var request = new JobRequest(
                    DeliveryId: reader.GetString(0),
                    Kind: Enum.Parse<JobKind>(reader.GetString(1)),
                    InstallationId: Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                    Owner: reader.GetString(3),
                    Repository: reader.GetString(4),
                    PullRequestNumber: Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                    HeadSha: reader.IsDBNull(6) ? null : reader.GetString(6),
                    Payload: reader.GetString(7));
                job = new LeasedJob(id, request, Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture), token);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    public Task<bool> RenewAsync(LeasedJob job, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(job, "lease_expires_at = @now + @duration", command => Add(command, "@duration", (long)leaseDuration.TotalMilliseconds), cancellationToken);

    public Task<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(job, "state = 'Done', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, last_error = NULL", null, cancellationToken);

    public Task<bool> RetryLaterAsync(LeasedJob job, DateTimeOffset availableAt, string failure, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Queued', available_at = @available, last_error = @failure, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            command =>
            {
                Add(command, "@available", availableAt.ToUnixTimeMilliseconds());
                Add(command, "@failure", failure);
            },
            cancellationToken);

    public Task<bool> FailAsync(LeasedJob job, string failure, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Failed', last_error = @failure, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            command => Add(command, "@failure", failure),
            cancellationToken);

    public Task<bool> ReleaseAsync(LeasedJob job, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Queued', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, available_at = @now, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            null,
            cancellationToken);

    public async Task<QueueCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT state, COUNT(*) FROM jobs GROUP BY state;", null);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return new QueueCounts(
            counts.GetValueOrDefault(nameof(JobState.Queued)),
            counts.GetValueOrDefault(nameof(JobState.Leased)),
            counts.GetValueOrDefault(nameof(JobState.Done)),
            counts.GetValueOrDefault(nameof(JobState.Failed)),
            counts.GetValueOrDefault(nameof(JobState.Superseded)));
    }

    /// <summary>An open connection, set up for this store (e.g. SQLite's fsync and busy timeout).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand>? bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, bind);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A transaction that first takes <see cref="LeaseLock"/>, where the dialect has one.</summary>
    private async Task<DbTransaction> BeginSerializedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (LeaseLock is { } serialize)
            {
                await ExecuteAsync(connection, transaction, serialize, null, cancellationToken).ConfigureAwait(false);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Changes a job only while the caller still holds its lease.</summary>
    private async Task<bool> UpdateLeasedAsync(LeasedJob job, string assignments, Action<DbCommand>? bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(
            connection,
            null,
            $"UPDATE jobs SET {assignments}, updated_at = @now WHERE id = @id AND state = 'Leased' AND lease_token = @token;{RelaxedDurability}",
            command =>
            {
                Add(command, "@now", Now());
                Add(command, "@id", job.Id);
                Add(command, "@token", job.LeaseToken);
                bind?.Invoke(command);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand>? bind)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this class or its dialects; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        bind?.Invoke(command);
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // PostgreSQL must know the type of a null; the only nullable value bound is text.
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }

    protected long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
