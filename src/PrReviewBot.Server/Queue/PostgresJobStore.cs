using System.Data.Common;
using Npgsql;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// The job store for several replicas: PostgreSQL, with the same rules as the SQLite store. Leasing
/// takes a transaction-scoped advisory lock, so two replicas never lease two jobs of one pull
/// request at once; a commit is durable before the webhook is answered (PostgreSQL's default
/// <c>synchronous_commit</c>).
/// </summary>
public sealed class PostgresJobStore : RelationalJobStore, IAsyncDisposable
{
    /// <summary>An arbitrary key, the same in every replica: "PRRB" in ASCII.</summary>
    private const long LeaseLockKey = 0x50525242;

    private readonly NpgsqlDataSource dataSource;

    public PostgresJobStore(string connectionString, TimeProvider timeProvider)
        : this(connectionString, timeProvider, PostgresPool.Default)
    {
    }

    public PostgresJobStore(string connectionString, TimeProvider timeProvider, PostgresPool pool)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"Storage:ConnectionString is not a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...): {exception.Message}", nameof(connectionString), exception);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("Storage:ConnectionString for Postgres needs a Host (Host=...;Database=...;Username=...;Password=...).", nameof(connectionString));
        }

        pool.ApplyTo(builder, connectionString);
        MaxPoolSize = builder.MaxPoolSize;
        dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>The most connections this replica will open.</summary>
    public int MaxPoolSize { get; }

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS jobs (
            id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            delivery_id      TEXT    NOT NULL UNIQUE,
            kind             TEXT    NOT NULL,
            installation_id  BIGINT  NOT NULL,
            owner            TEXT    NOT NULL,
            repository       TEXT    NOT NULL,
            pull_number      INTEGER NOT NULL,
            head_sha         TEXT,
            payload          TEXT    NOT NULL,
            state            TEXT    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            available_at     BIGINT  NOT NULL,
            lease_owner      TEXT,
            lease_token      TEXT,
            lease_expires_at BIGINT,
            last_error       TEXT,
            created_at       BIGINT  NOT NULL,
            updated_at       BIGINT  NOT NULL
        );
        """;

    protected override string LeaseLock => $"SELECT pg_advisory_xact_lock({LeaseLockKey});";

    // The group writer, two workers and the health check use one each when deliveries flow.
    protected override int ConnectionsToOpenAhead => Math.Min(MaxPoolSize, 4);

    // Local to the statement's transaction; the connection goes back to the pool as it came.
    protected override string RelaxedDurability => " SELECT set_config('synchronous_commit', 'off', true);";

    /// <summary>
    /// The whole group in one round trip: one statement per job that inserts it and, only when it
    /// was new, supersedes the queued jobs of its pull request (a redelivery must not supersede a
    /// newer job). Later statements see the rows of earlier ones, as sequential enqueues would.
    /// </summary>
    protected override bool SendsGroupAsOneImplicitTransaction => true;

    protected override async Task<IReadOnlyList<EnqueueOutcome>> EnqueueAllAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<JobRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var now = Now();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        foreach (var request in requests)
        {
            var command = new NpgsqlBatchCommand(request.Kind == JobKind.PullRequest ? InsertAndSupersede : InsertOnly);
            Add(command, request, now);
            batch.BatchCommands.Add(command);
        }

        var outcomes = new EnqueueOutcome[requests.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var index = 0; index < requests.Count; index++)
        {
            var inserted = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt64(0) > 0;
            outcomes[index] = inserted ? EnqueueOutcome.Queued : EnqueueOutcome.Duplicate;
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private const string Insert = """
        INSERT INTO jobs (delivery_id, kind, installation_id, owner, repository, pull_number, head_sha, payload,
                          state, attempts, available_at, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Queued', 0, $9, $9, $9)
        ON CONFLICT (delivery_id) DO NOTHING
        RETURNING id
        """;

    private const string InsertOnly = $"WITH inserted AS ({Insert}) SELECT COUNT(*) FROM inserted;";

    private const string InsertAndSupersede = $"""
        WITH inserted AS ({Insert}),
        superseded AS (
            UPDATE jobs SET state = 'Superseded', updated_at = $9, last_error = 'superseded by delivery ' || $1
            WHERE owner = $4 AND repository = $5 AND pull_number = $6
              AND kind = 'PullRequest' AND state = 'Queued' AND delivery_id <> $1
              AND EXISTS (SELECT 1 FROM inserted)
              -- A job a worker is leasing right now is not waited for: it is no longer queued once that commits.
              AND id IN (SELECT id FROM jobs WHERE owner = $4 AND repository = $5 AND pull_number = $6
                                                AND kind = 'PullRequest' AND state = 'Queued' FOR UPDATE SKIP LOCKED)
            RETURNING 1)
        SELECT COUNT(*) FROM inserted;
        """;

    private static void Add(NpgsqlBatchCommand command, JobRequest request, long now)
    {
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = request.DeliveryId });
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = request.Kind.ToString() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.InstallationId });
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = request.Owner });
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = request.Repository });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = request.PullRequestNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)request.HeadSha ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string>{ TypedValue = request.Payload });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
    }

    public async ValueTask DisposeAsync()
    {
        await StopGroupCommitAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
