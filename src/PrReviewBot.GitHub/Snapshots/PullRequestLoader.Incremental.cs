using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>What the last completed review of a pull request saw: the front door may then read only what changed since.</summary>
/// <param name="HeadSha">The head commit that review covered.</param>
/// <param name="BaseSha">The pull request's <c>base.sha</c> then; when the merge base moved with it, every file's diff may have changed.</param>
/// <param name="Paths">The pull request's files then, whose findings the review kept.</param>
public sealed record ReviewBasis(string HeadSha, string BaseSha, IReadOnlySet<string> Paths)
{
    /// <summary>Whether the findings kept still hold under the options read now (the configuration or the ignored rules may have changed).</summary>
    public Func<ReviewOptions, bool> Applies { get; init; } = _ => true;
}

// Incremental reviews: which files a push changed since the last reviewed head, from the compare API.
public sealed partial class PullRequestLoader
{
    /// <summary>The compare API lists at most this many files; a push that reaches it may have changed more.</summary>
    public const int MaxComparedFiles = 300;

    /// <summary>
    /// The paths (new and previous names) that changed from the basis's head to <paramref name="head"/>, or null when
    /// only a full review is right: the merge base moved, the push rewrote history (compare says <c>diverged</c>, <c>behind</c>),
    /// the list may be cut, a context file (<c>.editorconfig</c>, <c>.gitattributes</c>, project files) changed, or GitHub
    /// would not compare at all. Never throws for GitHub's sake: anything it will not answer means a full review.
    /// </summary>
    private async Task<IReadOnlySet<string>?> ChangedSinceAsync(IGitHubClient github, PullRequestTarget target, ReviewBasis basis, ReviewOptions options, string baseSha, string head, CancellationToken cancellationToken)
    {
        if (!basis.Applies(options))
        {
            LogFullReview(logger, target, "the options changed since the last review");
            return null;
        }

        if (!string.Equals(basis.BaseSha, baseSha, StringComparison.Ordinal)
            && !await SameMergeBaseAsync(github, target, basis, baseSha, head).ConfigureAwait(false))
        {
            LogFullReview(logger, target, "the base branch moved since the last review");
            return null;
        }

        if (string.Equals(basis.HeadSha, head, StringComparison.Ordinal))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        CompareResult comparison;
        try
        {
            comparison = await github.Repository.Commit.Compare(target.Owner, target.Repository, basis.HeadSha, head).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ApiException or System.Text.Json.JsonException or InvalidOperationException or FormatException || IsUnavailable(exception, cancellationToken))
        {
            LogNotCompared(logger, target, exception.Message);
            return null;
        }

        if (!string.Equals(comparison.Status, "ahead", StringComparison.OrdinalIgnoreCase) || comparison.Files is null)
        {
            LogNotAhead(logger, target, comparison.Status);
            return null;
        }

        if (comparison.Files.Count >= MaxComparedFiles)
        {
            LogFullReview(logger, target, "the push changed too many files to list");
            return null;
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in comparison.Files)
        {
            changed.Add(file.Filename);
            if (file.PreviousFileName is { Length: > 0 } previous)
            {
                changed.Add(previous);
            }
        }

        if (changed.FirstOrDefault(PullRequestSnapshot.IsContextFile) is { } context)
        {
            LogContextChanged(logger, target, context);
            return null;
        }

        return changed;
    }

    /// <summary>
    /// GitHub moves <c>base.sha</c> to the base branch's tip as it goes, but the diffs only change when the merge base
    /// does: true when the merge base of the last review and the one now are the same commit. Any failure means no.
    /// </summary>
    private static async Task<bool> SameMergeBaseAsync(IGitHubClient github, PullRequestTarget target, ReviewBasis basis, string baseSha, string head)
    {
        try
        {
            var before = await github.Repository.Commit.Compare(target.Owner, target.Repository, basis.BaseSha, basis.HeadSha).ConfigureAwait(false);
            var now = await github.Repository.Commit.Compare(target.Owner, target.Repository, baseSha, head).ConfigureAwait(false);
            return before.MergeBaseCommit?.Sha is { Length: > 0 } earlier && string.Equals(earlier, now.MergeBaseCommit?.Sha, StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Full review of {PullRequest}: {Reason}")]
    private static partial void LogFullReview(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full review of {PullRequest}: GitHub did not compare the heads ({Reason})")]
    private static partial void LogNotCompared(ILogger logger, PullRequestTarget pullRequest, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full review of {PullRequest}: the new head is {Status} against the last reviewed one")]
    private static partial void LogNotAhead(ILogger logger, PullRequestTarget pullRequest, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full review of {PullRequest}: the push changed {Path}, which bears on other files")]
    private static partial void LogContextChanged(ILogger logger, PullRequestTarget pullRequest, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incremental review of {PullRequest} since {Since}: {Reviewed} files to review, {Carried} carried over")]
    private static partial void LogIncremental(ILogger logger, PullRequestTarget pullRequest, string since, int reviewed, int carried);
}
