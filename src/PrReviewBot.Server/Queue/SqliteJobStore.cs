using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// The embedded job store: one SQLite file in WAL mode with full fsync, so a job is on disk
/// before the webhook is acknowledged and survives a SIGKILL at any moment. Every state change
/// is one transaction; leases carry a token so a worker that lost its lease cannot finish a job
/// another worker took over. One replica only: several processes on one file work, but several
/// hosts need the PostgreSQL store.
/// </summary>
public sealed class SqliteJobStore : IJobStore
{
    /// <summary>Finished jobs (and their delivery ids, for dedupe) are kept this long.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private const string Schema = """
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
        CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, available_at, id);
        CREATE INDEX IF NOT EXISTS jobs_pull ON jobs (owner, repository, pull_number, state);
        """;

    private const string LeaseCandidate = """
        SELECT j.id FROM jobs j
        WHERE ((j.state = 'Queued' AND j.available_at <= $now)
            OR (j.state = 'Leased' AND j.lease_expires_at <= $now))
          AND NOT EXISTS (
              SELECT 1 FROM jobs other
              WHERE other.owner = j.owner AND other.repository = j.repository
                AND other.pull_number = j.pull_number AND other.id <> j.id
                AND other.state = 'Leased' AND other.lease_expires_at > $now)
        ORDER BY j.available_at, j.id
        LIMIT 1
        """;

    private readonly string connectionString;
    private readonly TimeProvider timeProvider;

    public SqliteJobStore(string connectionString, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite job store needs a file (Data Source=path): an in-memory database would lose jobs on restart.", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Pooling = true;
        this.connectionString = builder.ToString();
        DatabasePath = builder.DataSource;
        this.timeProvider = timeProvider;
    }

    /// <summary>The database file; the one thing to back up.</summary>
    public string DatabasePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, Schema, null, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            "DELETE FROM jobs WHERE state IN ('Done', 'Failed', 'Superseded') AND updated_at < $cutoff;",
            command => command.Parameters.AddWithValue("$cutoff", Now() - (long)Retention.TotalMilliseconds),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<EnqueueOutcome> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();

        var inserted = await ExecuteAsync(
            connection,
            """
            INSERT INTO jobs (delivery_id, kind, installation_id, owner, repository, pull_number, head_sha, payload,
                              state, attempts, available_at, created_at, updated_at)
            VALUES ($delivery, $kind, $installation, $owner, $repository, $pull, $head, $payload, 'Queued', 0, $now, $now, $now)
            ON CONFLICT (delivery_id) DO NOTHING;
            """,
            command =>
            {
                command.Parameters.AddWithValue("$delivery", request.DeliveryId);
                command.Parameters.AddWithValue("$kind", request.Kind.ToString());
                command.Parameters.AddWithValue("$installation", request.InstallationId);
                command.Parameters.AddWithValue("$owner", request.Owner);
                command.Parameters.AddWithValue("$repository", request.Repository);
                command.Parameters.AddWithValue("$pull", request.PullRequestNumber);
                command.Parameters.AddWithValue("$head", (object?)request.HeadSha ?? DBNull.Value);
                command.Parameters.AddWithValue("$payload", request.Payload);
                command.Parameters.AddWithValue("$now", now);
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
                """
                UPDATE jobs SET state = 'Superseded', updated_at = $now, last_error = 'superseded by delivery ' || $delivery
                WHERE owner = $owner AND repository = $repository AND pull_number = $pull
                  AND kind = 'PullRequest' AND state = 'Queued' AND delivery_id <> $delivery;
                """,
                command =>
                {
                    command.Parameters.AddWithValue("$owner", request.Owner);
                    command.Parameters.AddWithValue("$repository", request.Repository);
                    command.Parameters.AddWithValue("$pull", request.PullRequestNumber);
                    command.Parameters.AddWithValue("$delivery", request.DeliveryId);
                    command.Parameters.AddWithValue("$now", now);
                },
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return EnqueueOutcome.Queued;
    }

    public async Task<LeasedJob?> TryLeaseAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();

        long id;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = LeaseCandidate;
            select.Parameters.AddWithValue("$now", now);
            var found = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            id = Convert.ToInt64(found, CultureInfo.InvariantCulture);
        }

        var token = Guid.NewGuid().ToString("N");
        await using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE jobs SET state = 'Leased', attempts = attempts + 1, lease_owner = $worker, lease_token = $token,
                            lease_expires_at = $expires, updated_at = $now
            WHERE id = $id
            RETURNING delivery_id, kind, installation_id, owner, repository, pull_number, head_sha, payload, attempts;
            """;
        update.Parameters.AddWithValue("$worker", workerId);
        update.Parameters.AddWithValue("$token", token);
        update.Parameters.AddWithValue("$expires", now + (long)leaseDuration.TotalMilliseconds);
        update.Parameters.AddWithValue("$now", now);
        update.Parameters.AddWithValue("$id", id);

        LeasedJob job;
        await using (var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var request = new JobRequest(
                DeliveryId: reader.GetString(0),
                Kind: Enum.Parse<JobKind>(reader.GetString(1)),
                InstallationId: reader.GetInt64(2),
                Owner: reader.GetString(3),
                Repository: reader.GetString(4),
                PullRequestNumber: reader.GetInt32(5),
                HeadSha: reader.IsDBNull(6) ? null : reader.GetString(6),
                Payload: reader.GetString(7));
            job = new LeasedJob(id, request, reader.GetInt32(8), token);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return job;
    }

    public Task<bool> RenewAsync(LeasedJob job, TimeSpan leaseDuration, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(job, "lease_expires_at = $now + $duration", command => command.Parameters.AddWithValue("$duration", (long)leaseDuration.TotalMilliseconds), cancellationToken);

    public Task<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(job, "state = 'Done', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, last_error = NULL", null, cancellationToken);

    public Task<bool> RetryLaterAsync(LeasedJob job, DateTimeOffset availableAt, string failure, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Queued', available_at = $available, last_error = $failure, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            command =>
            {
                command.Parameters.AddWithValue("$available", availableAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$failure", failure);
            },
            cancellationToken);

    public Task<bool> FailAsync(LeasedJob job, string failure, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Failed', last_error = $failure, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            command => command.Parameters.AddWithValue("$failure", failure),
            cancellationToken);

    public Task<bool> ReleaseAsync(LeasedJob job, CancellationToken cancellationToken) =>
        UpdateLeasedAsync(
            job,
            "state = 'Queued', attempts = MAX(attempts - 1, 0), available_at = $now, lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL",
            null,
            cancellationToken);

    public async Task<QueueCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM jobs GROUP BY state;";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new QueueCounts(
            counts.GetValueOrDefault(nameof(JobState.Queued)),
            counts.GetValueOrDefault(nameof(JobState.Leased)),
            counts.GetValueOrDefault(nameof(JobState.Done)),
            counts.GetValueOrDefault(nameof(JobState.Failed)),
            counts.GetValueOrDefault(nameof(JobState.Superseded)));
    }

    /// <summary>Changes a job only while the caller still holds its lease.</summary>
    private async Task<bool> UpdateLeasedAsync(LeasedJob job, string assignments, Action<SqliteCommand>? bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(
            connection,
            $"UPDATE jobs SET {assignments}, updated_at = $now WHERE id = $id AND state = 'Leased' AND lease_token = $token;",
            command =>
            {
                command.Parameters.AddWithValue("$now", Now());
                command.Parameters.AddWithValue("$id", job.Id);
                command.Parameters.AddWithValue("$token", job.LeaseToken);
                bind?.Invoke(command);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", null, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, Action<SqliteCommand>? bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this class; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        bind?.Invoke(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
}
