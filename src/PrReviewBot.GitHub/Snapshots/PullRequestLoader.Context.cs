using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Snapshots;

// The repository's own conventions: the context files above the changed files, read at the head.
public sealed partial class PullRequestLoader
{
    /// <summary>How many paths are asked for one by one when GitHub's tree listing is truncated.</summary>
    internal const int MaxContextProbes = 40;

    /// <summary>
    /// The context files (<see cref="ContextFileSelection"/>) at <paramref name="head"/>: taken from the head's tarball
    /// when the contents came from it, else found with one recursive tree listing and read a hundred per GraphQL query
    /// (one by one when GraphQL cannot be used). When GitHub truncates the listing (over 100,000 entries or 7 MB), the
    /// likely paths are asked for directly instead; when the listing fails after the retries, only the likely
    /// <c>.gitattributes</c> files are. Context only sharpens the review, so a file that cannot be read is simply absent.
    /// </summary>
    private async Task<Dictionary<string, string>> LoadContextFilesAsync(
        InstallationClient installation, PullRequestTarget target, string head, IReadOnlyList<ChangedFile> files, BlobBatch blobs, int maxBytes, CancellationToken cancellationToken)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var selection = ContextFileSelection.For(files, target.Repository);
        if (selection.IsEmpty)
        {
            return context;
        }

        if (blobs.WholeReference == head)
        {
            foreach (var (path, blob) in blobs.At(head, selection.Wants))
            {
                if (blob.Text is { } text)
                {
                    context[path] = WithoutByteOrderMark(text);
                }
            }

            LogContextFiles(logger, target, head, context.Count, context.Count);
            return context;
        }

        var github = installation.Client;
        TreeResponse? tree;
        try
        {
            tree = await github.Git.Tree.GetRecursive(target.Owner, target.Repository, head).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogTreeFailed(logger, exception, target, head);
            tree = null;
        }

        var listedBlobs = tree?.Tree.Where(item => item.Type.StringValue == "blob").ToList() ?? [];
        IReadOnlyList<string> paths;
        if (tree is null)
        {
            // Without a listing only the .gitattributes files above the changed files are asked for: they decide which
            // files are reviewed at all, where the others only sharpen style rules.
            paths = [.. selection.Candidates([], MaxContextProbes).Where(GitAttributes.IsAttributesFile)];
        }
        else if (tree.Truncated)
        {
            paths = selection.Candidates(listedBlobs.Select(item => item.Path), MaxContextProbes);
            LogTreeTruncated(logger, target, head, paths.Count);
        }
        else
        {
            // The listing gives sizes, so a file over the limit costs no download.
            paths = listedBlobs.Where(item => selection.Wants(item.Path) && item.Size <= maxBytes).Select(item => item.Path).ToList();
        }

        var batch = blobs.ByGraphQl && paths.Count > 0
            ? await TryReadBatchAsync(installation, target, [.. paths.Select(path => (head, path))], cancellationToken).ConfigureAwait(false) ?? BlobBatch.Empty
            : BlobBatch.Empty;
        await Parallel.ForEachAsync(
            paths,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (path, token) =>
            {
                if (await TryReadContextFileAsync(github, target, path, head, batch, maxBytes, token).ConfigureAwait(false) is { } bytes
                    && bytes.Length <= maxBytes
                    && !SkipReasons.IsBinary(bytes))
                {
                    var text = Decode(bytes);
                    lock (context)
                    {
                        context[path] = text;
                    }
                }
            }).ConfigureAwait(false);
        LogContextFiles(logger, target, head, context.Count, paths.Count);
        return context;
    }

    private async Task<byte[]?> TryReadContextFileAsync(IGitHubClient github, PullRequestTarget target, string path, string head, BlobBatch batch, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadBytesAsync(github, target, path, head, batch, maxBytes).ConfigureAwait(false))?.Bytes;
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogContextFileFailed(logger, exception, target, path);
            return null;
        }
    }

    /// <summary>GitHub refused or failed after the retries, or the request timed out; not our own cancellation.</summary>
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        exception is ApiException or HttpRequestException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "Context files of {PullRequest} at {HeadSha}: read {Found} of {Wanted}")]
    private static partial void LogContextFiles(ILogger logger, PullRequestTarget pullRequest, string headSha, int found, int wanted);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub truncated the tree of {PullRequest} at {HeadSha}; asking for {Probes} likely context files one by one")]
    private static partial void LogTreeTruncated(ILogger logger, PullRequestTarget pullRequest, string headSha, int probes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tree of {PullRequest} at {HeadSha} could not be read; the review goes on with only the .gitattributes files asked for directly")]
    private static partial void LogTreeFailed(ILogger logger, Exception exception, PullRequestTarget pullRequest, string headSha);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Context file {Path} of {PullRequest} could not be read; the review goes on without it")]
    private static partial void LogContextFileFailed(ILogger logger, Exception exception, PullRequestTarget pullRequest, string path);
}
