using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// The embedded job store: one SQLite file in WAL mode with full fsync, so a job is on disk
/// before the webhook is acknowledged and survives a SIGKILL at any moment. One replica only:
/// several processes on one file work, but several hosts need <see cref="PostgresJobStore"/>.
/// </summary>
/// <remarks>
/// The process uses one connection at a time. SQLite takes one writer at a time anyway, and a
/// writer that finds the file locked sleeps in SQLite's busy handler (1, 2, 5 … 100 ms, whether or
/// not the lock came free meanwhile): with the group commit, the workers' lease updates and the
/// health heartbeat all writing, those sleeps were the acknowledgements' 150-600 ms tail at
/// 200 deliveries a second. Waiting here instead hands the file over the moment it is free.
/// The busy timeout still covers other processes on the same file.
/// </remarks>
#pragma warning disable CA1001 // The gate is never disposed: it lives as long as the store, which lives as long as the process.
public sealed class SqliteJobStore : RelationalJobStore
#pragma warning restore CA1001
{
    private readonly string connectionString;

    private readonly SemaphoreSlim gate = new(1, 1);

    public SqliteJobStore(string connectionString, TimeProvider timeProvider)
        : base(timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite job store needs a file (Data Source=path): an in-memory database would lose jobs on restart.", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Pooling = true;
        this.connectionString = builder.ToString();
        DatabasePath = builder.DataSource;
    }

    /// <summary>The database file; the one thing to back up.</summary>
    public string DatabasePath { get; }

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS jobs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            delivery_id      TEXT    NOT NULL UNIQUE,
            kind             TEXT    NOT NULL,
            installation_id  INTEGER NOT NULL,
            owner            TEXT    NOT NULL,
            repository       TEXT    NOT NULL,
            pull_number      INTEGER NOT NULL,
            head_sha         TEXT,
            payload          TEXT    NOT NULL,
            state            TEXT    NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            available_at     INTEGER NOT NULL,
            lease_owner      TEXT,
            lease_token      TEXT,
            lease_expires_at INTEGER,
            last_error       TEXT,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL
        );
        """;

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // WAL cannot be switched on inside a transaction, so before the schema.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", null, cancellationToken).ConfigureAwait(false);
        }

        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Open connections write on into a file whose folder was removed (its inode lives on), and
    /// those jobs vanish at the next start; so a commit counts only while the file is still there.
    /// </summary>
    protected override void EnsureCommitsLast()
    {
        if (!File.Exists(DatabasePath))
        {
            SqliteConnection.ClearAllPools();
            throw new IOException($"The SQLite job store '{DatabasePath}' no longer exists; jobs written now would be lost. Restore the folder and restart the server.");
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new GatedConnection(connectionString, gate);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", null, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection that lets the next caller in when it is closed for good.</summary>
    private sealed class GatedConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
    {
        private int released;

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await base.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                Release();
            }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
