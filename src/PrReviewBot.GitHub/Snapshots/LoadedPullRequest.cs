using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>A pull request as GitHub described it at one head commit, ready for the engine.</summary>
/// <param name="BaseSha">The base branch's commit GitHub reported with the pull request.</param>
/// <param name="HtmlUrl">The repository's web address, for links in the summary.</param>
/// <param name="Diff">The new-side hunks of each file by path: what inline comments may sit on.</param>
/// <param name="Notices">What the reader should know about the review itself (a broken config, a capped file list).</param>
public sealed record LoadedPullRequest(
    PullRequestTarget Target,
    string HeadSha,
    string BaseSha,
    string State,
    bool Draft,
    string HtmlUrl,
    PullRequestSnapshot Snapshot,
    ReviewOptions Options,
    IReadOnlyDictionary<string, IReadOnlyList<Hunk>> Diff,
    IReadOnlyList<string> Notices)
{
    public bool IsOpen => State.Equals("open", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For an incremental load: the pull request's files the push since <see cref="Since"/> left alone, which are not in
    /// the snapshot (their findings are the last review's); null when every file was loaded.
    /// </summary>
    public IReadOnlyList<string>? Carried { get; init; }

    /// <summary>The last reviewed head an incremental load started from; null for a full one.</summary>
    public string? Since { get; init; }
}
