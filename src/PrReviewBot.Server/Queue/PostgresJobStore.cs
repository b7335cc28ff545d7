using System.Data.Common;
using Npgsql;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// The job store for several replicas: PostgreSQL, with the same rules as the SQLite store. Leasing
/// takes a transaction-scoped advisory lock, so two replicas never lease two jobs of one pull
/// request at once; a commit is durable before the webhook is answered (PostgreSQL's default
/// <c>synchronous_commit</c>).
/// </summary>
public sealed class PostgresJobStore : RelationalJobStore
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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
