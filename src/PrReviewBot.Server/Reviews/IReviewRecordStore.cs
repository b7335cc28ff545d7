namespace PrReviewBot.Server.Reviews;

/// <summary>
/// Where the last completed review of each pull request is kept (<see cref="ReviewRecord"/> as JSON): in the job
/// store's database, so it survives restarts and every replica sees it. A record that is lost only costs the next
/// push a full review.
/// </summary>
public interface IReviewRecordStore
{
    /// <summary>The stored record's JSON; null when there is none.</summary>
    Task<string?> ReadReviewAsync(string owner, string repository, int number, CancellationToken cancellationToken);

    /// <summary>Replaces the pull request's record.</summary>
    Task SaveReviewAsync(string owner, string repository, int number, string record, CancellationToken cancellationToken);

    /// <summary>Drops the pull request's record, so its next review is a full one.</summary>
    Task ForgetReviewAsync(string owner, string repository, int number, CancellationToken cancellationToken);
}
