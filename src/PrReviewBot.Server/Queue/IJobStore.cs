namespace PrReviewBot.Server.Queue;

/// <summary>
/// The durable job queue. A webhook is acknowledged only after <see cref="EnqueueAsync"/> returned,
/// so an implementation must have committed the job by then. SQLite is the embedded default; a
/// PostgreSQL implementation shares the same contract for several replicas.
/// </summary>
public interface IJobStore
{
    /// <summary>Creates the schema when it is missing; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits the job, unless its delivery id was seen before (a redelivery). Concurrent calls
    /// may share one transaction; each returns only after the commit holding its job. A pull-request job
    /// supersedes the queued, not yet leased pull-request jobs of the same pull request: the newer
    /// event names the newest head, so the older ones would only review stale code.
    /// </summary>
    Task<EnqueueOutcome> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Leases the oldest job that is due: queued with <c>available_at</c> reached, or leased by a
    /// worker whose lease expired (it crashed). Never leases a job of a pull request that another
    /// live lease is working on. Each lease counts as one attempt.
    /// </summary>
    Task<LeasedJob?> TryLeaseAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends a live lease; false when the lease was lost (expired and taken by another worker).</summary>
    Task<bool> RenewAsync(LeasedJob job, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Marks the job done; false when the lease was lost.</summary>
    Task<bool> CompleteAsync(LeasedJob job, CancellationToken cancellationToken);

    /// <summary>Puts the job back for another attempt at <paramref name="availableAt"/>, keeping the error.</summary>
    Task<bool> RetryLaterAsync(LeasedJob job, DateTimeOffset availableAt, string failure, CancellationToken cancellationToken);

    /// <summary>Ends the job as failed for good, keeping the error.</summary>
    Task<bool> FailAsync(LeasedJob job, string failure, CancellationToken cancellationToken);

    /// <summary>Gives the job back untouched (graceful shutdown): due now, the attempt not counted.</summary>
    Task<bool> ReleaseAsync(LeasedJob job, CancellationToken cancellationToken);

    /// <summary>
    /// A real, durable write (this replica's heartbeat row); throws when the store would not keep
    /// a job committed now. <c>/healthz</c> calls it, so "ok" means deliveries can be acknowledged.
    /// </summary>
    Task ProbeWritableAsync(CancellationToken cancellationToken);

    /// <summary>Runs every statement of the acknowledgement path once (an enqueue rolled back, a heartbeat) before the server says it is ready.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>How many jobs are in each state; for health and logs.</summary>
    Task<QueueCounts> CountsAsync(CancellationToken cancellationToken);
}

public enum JobKind
{
    /// <summary>Review a pull request at the head commit the event named.</summary>
    PullRequest,

    /// <summary>A <c>/review</c> command: check the author's permission, react, then review the current head.</summary>
    ReviewCommand,
}

public enum EnqueueOutcome
{
    Queued,

    /// <summary>The delivery id was already stored: nothing was added.</summary>
    Duplicate,
}

public enum JobState
{
    Queued,
    Leased,
    Done,
    Failed,
    Superseded,
}

/// <summary>What a job asks for.</summary>
/// <param name="DeliveryId">The <c>X-GitHub-Delivery</c> header: the dedupe key.</param>
/// <param name="HeadSha">The head commit a pull-request event named; null for commands, which read the current head.</param>
/// <param name="Payload">Kind-specific details as compact JSON (for commands: comment id, author, association).</param>
public sealed record JobRequest(
    string DeliveryId,
    JobKind Kind,
    long InstallationId,
    string Owner,
    string Repository,
    int PullRequestNumber,
    string? HeadSha,
    string Payload);

/// <summary>A job a worker holds until it completes, retries, fails or releases it.</summary>
/// <param name="Attempt">1 on the first lease; counts every lease, including ones lost to a crash.</param>
/// <param name="LeaseToken">Proves the lease is still this worker's.</param>
public sealed record LeasedJob(long Id, JobRequest Request, int Attempt, string LeaseToken);

public sealed record QueueCounts(int Queued, int Leased, int Done, int Failed, int Superseded);
