namespace PrReviewBot.Server.Configuration;

/// <summary>Where jobs are stored (<c>Storage</c> section).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (the embedded default, one replica) or <c>Postgres</c> (several replicas).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite, relative paths are under the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/prreviewbot.db";

    /// <summary>
    /// PostgreSQL: the most connections one replica opens. Enqueues share one connection (they are
    /// committed in groups), so a few serve the workers and health too; replicas × this must stay
    /// below the server's <c>max_connections</c>. A value in the connection string wins.
    /// </summary>
    public int MaxPoolSize { get; set; } = 10;

    /// <summary>PostgreSQL: seconds an idle connection is kept before it is closed. A value in the connection string wins.</summary>
    public int ConnectionIdleSeconds { get; set; } = 30;

    /// <summary>
    /// PostgreSQL: seconds to wait for a connection (from a full pool, or a new one) before the
    /// delivery is answered 503, well inside GitHub's 10 s. A value in the connection string wins.
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 3;
}

/// <summary>How the workers take jobs (<c>Queue</c> section).</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Queue";

    /// <summary>Jobs worked on at once.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How long a worker holds a job without renewing; a crashed worker's job is taken over after this.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Attempts before a job is failed for good (and the pull request told).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with every attempt.</summary>
    public int RetryBaseSeconds { get; set; } = 10;

    /// <summary>How long graceful shutdown lets an in-flight job finish before releasing it back to the queue.</summary>
    public int DrainSeconds { get; set; } = 20;

    /// <summary>How often an idle worker looks for due jobs (new deliveries wake it at once).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(5, LeaseSeconds));
}

/// <summary>Which events start a review (<c>Review</c> section).</summary>
public sealed class ReviewTriggerOptions
{
    public const string SectionName = "Review";

    /// <summary>Draft pull requests are reviewed once they are marked ready for review.</summary>
    public bool SkipDrafts { get; set; } = true;
}
