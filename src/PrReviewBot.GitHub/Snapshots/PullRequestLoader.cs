using System.Text;
using Microsoft.Extensions.Logging;
using Octokit;
using PrReviewBot.GitHub.Http;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>
/// Reads a pull request from GitHub into the engine's input: metadata, every page of the files
/// list (GitHub stops at 3,000), each file's patch, the full head text of the files the engine
/// analyses, the repository's context files above them (<c>.editorconfig</c>, <c>*.csproj</c>,
/// <c>Directory.Build.props</c>, as the CLI reads them), and <c>.github/prreviewbot.yml</c> from
/// the default branch. Files GitHub sends without a patch are kept, with the reason they went unreviewed.
/// Base versions are read on demand (<see cref="LoadBaseVersionsAsync"/>), only for the files
/// that need them.
/// </summary>
public sealed partial class PullRequestLoader
{
    /// <summary>GitHub's own cap on the pull request files list.</summary>
    public const int MaxListedFiles = 3000;

    public const string NoPatchReason = "GitHub sent no diff for it, and its versions could not be read to compare";

    private const int ParallelDownloads = 4;

    private readonly GitHubClientFactory clients;
    private readonly ILogger<PullRequestLoader> logger;

    public PullRequestLoader(GitHubClientFactory clients, ILogger<PullRequestLoader> logger)
    {
        this.clients = clients;
        this.logger = logger;
    }

    public Task<LoadedPullRequest> LoadAsync(PullRequestTarget target, CancellationToken cancellationToken) => LoadAsync(target, null, cancellationToken);

    /// <summary>
    /// Loads the pull request. Given what the last review saw (<paramref name="since"/>), and when the push since then
    /// only added commits, the contents are read only for the files that push changed and for files new to the pull
    /// request: the others are listed in <see cref="LoadedPullRequest.Carried"/> and left out of the snapshot, their
    /// findings to be carried over. In every other case (and without a basis) the whole pull request is loaded.
    /// </summary>
    public async Task<LoadedPullRequest> LoadAsync(PullRequestTarget target, ReviewBasis? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var installation = clients.ForInstallation(target.InstallationId);
        var github = installation.Client;
        var pull = await github.PullRequest.Get(target.Owner, target.Repository, target.Number).ConfigureAwait(false);
        var head = pull.Head.Sha;
        var notices = new List<string>();

        var options = await LoadOptionsAsync(github, target, pull.Base.Repository?.DefaultBranch ?? pull.Base.Ref, notices).ConfigureAwait(false);
        var listed = await github.PullRequest.Files(target.Owner, target.Repository, target.Number, new ApiOptions { PageSize = 100 }).ConfigureAwait(false);
        if (pull.ChangedFiles > listed.Count)
        {
            notices.Add($"GitHub lists at most {MaxListedFiles:N0} files of a pull request; this one changes {pull.ChangedFiles:N0}, so {pull.ChangedFiles - listed.Count:N0} were not reviewed.");
        }

        var diff = new Dictionary<string, IReadOnlyList<Hunk>>(StringComparer.Ordinal);
        List<string>? carried = null;
        var changedSince = since is null || pull.ChangedFiles > listed.Count ? null : await ChangedSinceAsync(github, target, since, options, pull.Base.Sha, head, cancellationToken).ConfigureAwait(false);
        if (changedSince is not null)
        {
            // Files the push left alone keep the findings the last review gave them; only their diff is kept, for placing comments.
            var untouched = listed.Where(file => since!.Paths.Contains(file.FileName) && !changedSince.Contains(file.FileName)
                && (file.PreviousFileName is null || !changedSince.Contains(file.PreviousFileName))).ToList();
            carried = [.. untouched.Select(file => file.FileName)];
            foreach (var file in untouched)
            {
                diff[file.FileName] = HunksOf(file.Patch);
            }

            var kept = untouched.Select(file => file.FileName).ToHashSet(StringComparer.Ordinal);
            listed = [.. listed.Where(file => !kept.Contains(file.FileName))];
            LogIncremental(logger, target, since!.HeadSha, listed.Count, carried.Count);
        }

        var files = new ChangedFile[listed.Count];

        // Files GitHub lists without a patch (large diffs) are diffed here from both versions: the base is read at the merge base.
        var mergeBase = listed.Any(NeedsOwnDiff) ? await MergeBaseAsync(github, target, pull.Base.Sha, head).ConfigureAwait(false) : pull.Base.Sha;
        var blobs = await PrefetchAsync(installation, target, head, mergeBase, listed, options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, listed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (index, token) => files[index] = await ToChangedFileAsync(github, target, head, mergeBase, listed[index], options, blobs, token).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var file in files)
        {
            diff[file.Path] = file.Hunks;
        }

        var context = await LoadContextFilesAsync(installation, target, head, files, blobs, options.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        var snapshot = new PullRequestSnapshot(files, head) { ContextFiles = context };
        var unusable = files.Count(file => file.SkipReason is not null);
        LogLoaded(logger, target, head, files.Length, unusable);
        return new LoadedPullRequest(
            target,
            head,
            pull.Base.Sha,
            pull.State.StringValue,
            pull.Draft,
            pull.Base.Repository?.HtmlUrl ?? string.Empty,
            snapshot,
            options,
            diff,
            notices)
        {
            Carried = carried,
            Since = carried is null ? null : since!.HeadSha,
        };
    }

    /// <summary>The hunks of a patch as GitHub listed it; none when there is no patch or it cannot be read.</summary>
    private static IReadOnlyList<Hunk> HunksOf(string? patch)
    {
        if (patch is null)
        {
            return [];
        }

        try
        {
            return UnifiedDiffParser.ParseHunks(patch);
        }
        catch (PatchFormatException)
        {
            return [];
        }
    }

    /// <summary>
    /// The pull request with <see cref="ChangedFile.OldContent"/> set on the named files: their
    /// text at the merge base of the pull request (the compare API's <c>merge_base_commit</c>, else
    /// <c>base.sha</c>), under the old path for renames. A file missing there, binary or too large
    /// simply gets no base. Null when no base could be read at all or GitHub failed (after the
    /// retries): the review is then published as it stands rather than failed over an extra.
    /// </summary>
    public async Task<LoadedPullRequest?> LoadBaseVersionsAsync(LoadedPullRequest pull, IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pull);
        ArgumentNullException.ThrowIfNull(paths);
        var wanted = new HashSet<string>(paths, StringComparer.Ordinal);
        var targets = pull.Snapshot.Files
            .Select((file, index) => (File: file, Index: index))
            .Where(entry => wanted.Contains(entry.File.Path) && entry.File.OldContent is null
                && entry.File.Status.HasBaseVersion())
            .ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        var github = clients.ForInstallation(pull.Target.InstallationId).Client;
        var target = pull.Target;
        try
        {
            var mergeBase = await MergeBaseAsync(github, pull.Target, pull.BaseSha, pull.HeadSha).ConfigureAwait(false);
            var files = pull.Snapshot.Files.ToArray();
            var found = 0;
            await Parallel.ForEachAsync(
                targets,
                new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
                async (entry, _) =>
                {
                    // Only files with findings on added lines come here, usually few: read one by one.
                    var read = await ReadBytesAsync(github, target, entry.File.OldPath ?? entry.File.Path, mergeBase, BlobBatch.Empty, pull.Options.MaxFileBytes).ConfigureAwait(false);
                    if (read?.Bytes is { } bytes && !SkipReasons.IsBinary(bytes))
                    {
                        files[entry.Index] = entry.File with { OldContent = Decode(bytes) };
                        Interlocked.Increment(ref found);
                    }
                }).ConfigureAwait(false);
            LogBaseVersions(logger, target, mergeBase, found, targets.Count);
            return found == 0 ? null : pull with { Snapshot = pull.Snapshot with { Files = files } };
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogBaseVersionsFailed(logger, exception, target);
            return null;
        }
    }

    /// <summary>Where the pull request's diff starts: GitHub's merge base of base and head, or the base commit when GitHub cannot say.</summary>
    private async Task<string> MergeBaseAsync(IGitHubClient github, PullRequestTarget target, string baseSha, string headSha)
    {
        try
        {
            var comparison = await github.Repository.Commit.Compare(target.Owner, target.Repository, baseSha, headSha).ConfigureAwait(false);
            if (comparison.MergeBaseCommit?.Sha is { Length: > 0 } sha)
            {
                return sha;
            }
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Any GitHub that will not compare: the base commit is the next best start.
            LogNoMergeBase(logger, exception, target, baseSha);
        }

        return baseSha;
    }

    /// <summary>
    /// The contents the review reads, a hundred per GraphQL query: the head of every analysed file, and both versions of
    /// the files GitHub sent no patch for. When GraphQL fails, the tarball of each reference gives them in one download
    /// each; when that fails too, nothing is prefetched and each file is read the REST way.
    /// </summary>
    private async Task<BlobBatch> PrefetchAsync(InstallationClient installation, PullRequestTarget target, string head, string mergeBase, IReadOnlyList<PullRequestFile> listed, int maxBytes, CancellationToken cancellationToken)
    {
        List<(string Reference, string Path)> wanted = [.. listed
            .Where(file => file.Patch is null ? NeedsOwnDiff(file) : IsAnalysed(file.FileName, ToStatus(file.Status)))
            .Select(file => (head, file.FileName))];
        wanted.AddRange(listed
            .Where(file => NeedsOwnDiff(file) && ToStatus(file.Status).HasBaseVersion())
            .Select(file => (mergeBase, file.PreviousFileName ?? file.FileName)));
        if (wanted.Count == 0)
        {
            return BlobBatch.Empty;
        }

        if (await TryReadBatchAsync(installation, target, wanted, cancellationToken).ConfigureAwait(false) is { } batch)
        {
            return batch;
        }

        // The head's archive is read whole, so that it also gives the context files and no tree listing is needed.
        var blobs = new Dictionary<(string Reference, string Path), BlobText?>();
        string? whole = null;
        foreach (var reference in wanted.GroupBy(file => file.Reference, StringComparer.Ordinal))
        {
            try
            {
                var isHead = reference.Key == head;
                var paths = reference.Select(file => file.Path).ToList();
                var (found, complete) = await TarballBlobs.ReadAsync(installation.Downloads, target, reference.Key, paths, isHead ? PullRequestSnapshot.IsContextFile : null, maxBytes, cancellationToken).ConfigureAwait(false);
                foreach (var (file, blob) in found)
                {
                    blobs[file] = blob;
                }

                whole = isHead && complete ? head : whole;
            }
            catch (Exception exception) when (exception is InvalidDataException or FormatException or IOException || IsUnavailable(exception, cancellationToken))
            {
                LogPrefetchFailed(logger, target, "the tarball of " + reference.Key, exception.Message);
            }
        }

        return new BlobBatch(blobs, byGraphQl: false, whole);
    }

    /// <summary>Files' contents through GraphQL, a hundred per query; null (logged) when GraphQL fails.</summary>
    private async Task<BlobBatch?> TryReadBatchAsync(InstallationClient installation, PullRequestTarget target, IReadOnlyList<(string Reference, string Path)> files, CancellationToken cancellationToken)
    {
        try
        {
            return await BlobBatch.ReadAsync(installation.Client.Connection, target, files, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is GraphQlException or System.Text.Json.JsonException or InvalidOperationException || IsUnavailable(exception, cancellationToken))
        {
            LogPrefetchFailed(logger, target, "GraphQL", exception.Message);
            return null;
        }
    }

    /// <summary>
    /// A file's bytes and size at a reference, from the prefetched batch when it has them, else from the contents
    /// API; null when there is no such file. A file over <paramref name="maxBytes"/> comes without its bytes.
    /// </summary>
    private static async Task<(byte[]? Bytes, long Size)?> ReadBytesAsync(IGitHubClient github, PullRequestTarget target, string path, string reference, BlobBatch batch, int maxBytes)
    {
        if (batch.TryGet(reference, path, out var blob))
        {
            if (blob is null)
            {
                return null;
            }

            if (blob.ByteSize > maxBytes)
            {
                return (null, blob.ByteSize);
            }

            if (blob.Text is { } text)
            {
                var encoded = Encoding.UTF8.GetBytes(text);
                return (encoded, encoded.Length);
            }
        }

        var bytes = await TryReadBytesAsync(github, target, path, reference).ConfigureAwait(false);
        return bytes is null ? null : (bytes.Length > maxBytes ? null : bytes, bytes.Length);
    }

    /// <summary>A file whose head the review reads: not deleted, and source or a context file; others get only the text checks of their diff.</summary>
    private static bool IsAnalysed(string path, ChangeStatus status) =>
        status != ChangeStatus.Deleted && (SourceLanguages.FromPath(path) is not null || PullRequestSnapshot.IsContextFile(path));

    /// <summary>
    /// A file GitHub lists without a patch although something was added or changed in it; an added or modified file
    /// without a patch and without changed lines is how GitHub lists a binary file, so it is read to say so.
    /// </summary>
    private static bool NeedsOwnDiff(PullRequestFile file) =>
        file.Patch is null && ToStatus(file.Status) is var status && status != ChangeStatus.Deleted
        && (file.Additions > 0 || file.Deletions > 0 || status is ChangeStatus.Added or ChangeStatus.Modified);

    private static async Task<ChangedFile> ToChangedFileAsync(
        IGitHubClient github, PullRequestTarget target, string head, string mergeBase, PullRequestFile file, ReviewOptions options, BlobBatch blobs, CancellationToken cancellationToken)
    {
        var status = ToStatus(file.Status);
        var path = file.FileName;
        if (file.Patch is null)
        {
            // Deletions and pure renames have nothing to review; anything else is diffed from its two versions.
            return NeedsOwnDiff(file)
                ? await DiffBothVersionsAsync(github, target, head, mergeBase, file, status, options, blobs, cancellationToken).ConfigureAwait(false)
                : new ChangedFile(path, status, [], OldPath: file.PreviousFileName);
        }

        IReadOnlyList<Hunk> hunks;
        try
        {
            hunks = UnifiedDiffParser.ParseHunks(file.Patch);
        }
        catch (PatchFormatException exception)
        {
            return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, SkipReason: $"GitHub's diff for it could not be read ({exception.Reason})");
        }

        if (!IsAnalysed(path, status))
        {
            return new ChangedFile(path, status, hunks, OldPath: file.PreviousFileName);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (await ReadBytesAsync(github, target, path, head, blobs, options.MaxFileBytes).ConfigureAwait(false) is not { } read)
        {
            return new ChangedFile(path, status, hunks, OldPath: file.PreviousFileName);
        }

        if (read.Bytes is not { } bytes)
        {
            return new ChangedFile(path, status, hunks, OldPath: file.PreviousFileName, SkipReason: SkipReasons.TooLarge(read.Size, options.MaxFileBytes));
        }

        return new ChangedFile(path, status, hunks, Decode(bytes), file.PreviousFileName);
    }

    /// <summary>
    /// A file GitHub sent no patch for: its head and base versions read and compared here. Only a binary file,
    /// a file over the size limit, or one GitHub will not serve is left out, with that reason.
    /// </summary>
    private static async Task<ChangedFile> DiffBothVersionsAsync(
        IGitHubClient github, PullRequestTarget target, string head, string mergeBase, PullRequestFile file, ChangeStatus status, ReviewOptions options, BlobBatch blobs, CancellationToken cancellationToken)
    {
        var path = file.FileName;
        cancellationToken.ThrowIfCancellationRequested();
        if (blobs.TryGet(head, path, out var blob) && blob is { IsBinary: true })
        {
            return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, IsBinary: true);
        }

        if (await ReadBytesAsync(github, target, path, head, blobs, options.MaxFileBytes).ConfigureAwait(false) is not { } read)
        {
            return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, SkipReason: NoPatchReason);
        }

        if (read.Bytes is not { } headBytes)
        {
            return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, SkipReason: SkipReasons.TooLarge(read.Size, options.MaxFileBytes));
        }

        if (SkipReasons.IsBinary(headBytes))
        {
            return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, IsBinary: true);
        }

        string? baseText = null;
        if (status.HasBaseVersion())
        {
            if (await ReadBytesAsync(github, target, file.PreviousFileName ?? path, mergeBase, blobs, options.MaxFileBytes).ConfigureAwait(false) is not { Bytes: { } baseBytes }
                || SkipReasons.IsBinary(baseBytes))
            {
                return new ChangedFile(path, status, [], OldPath: file.PreviousFileName, SkipReason: NoPatchReason);
            }

            baseText = Decode(baseBytes);
        }

        var headText = Decode(headBytes);
        return new ChangedFile(path, status, TextDiff.Between(baseText, headText), headText, file.PreviousFileName) { OldContent = baseText };
    }

    private async Task<ReviewOptions> LoadOptionsAsync(IGitHubClient github, PullRequestTarget target, string defaultBranch, List<string> notices)
    {
        var yaml = await TryReadTextAsync(github, target, ReviewConfigurationFile.RepositoryPath, defaultBranch, 256 * 1024).ConfigureAwait(false);
        if (yaml is null)
        {
            return ReviewOptions.Default;
        }

        try
        {
            return ReviewConfigurationFile.Parse(yaml, ReviewConfigurationFile.RepositoryPath);
        }
        catch (ConfigurationException exception)
        {
            LogBrokenConfig(logger, target, exception.Message);
            notices.Add($"`{ReviewConfigurationFile.RepositoryPath}` on `{defaultBranch}` could not be used, so the defaults applied: {exception.Message}");
            return ReviewOptions.Default;
        }
    }

    private static async Task<string?> TryReadTextAsync(IGitHubClient github, PullRequestTarget target, string path, string reference, int maxBytes)
    {
        var bytes = await TryReadBytesAsync(github, target, path, reference).ConfigureAwait(false);
        return bytes is null || bytes.Length > maxBytes ? null : Decode(bytes);
    }

    private static async Task<byte[]?> TryReadBytesAsync(IGitHubClient github, PullRequestTarget target, string path, string reference)
    {
        try
        {
            return await github.Repository.Content.GetRawContentByRef(target.Owner, target.Repository, path, reference).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static string Decode(byte[] bytes) => WithoutByteOrderMark(Encoding.UTF8.GetString(bytes));

    private static string WithoutByteOrderMark(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    private static ChangeStatus ToStatus(string status) => status switch
    {
        "added" => ChangeStatus.Added,
        "removed" => ChangeStatus.Deleted,
        "renamed" => ChangeStatus.Renamed,
        "copied" => ChangeStatus.Copied,
        _ => ChangeStatus.Modified,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {PullRequest} at {HeadSha}: {FileCount} files, {SkippedCount} without a usable diff")]
    private static partial void LogLoaded(ILogger logger, PullRequestTarget pullRequest, string headSha, int fileCount, int skippedCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Base versions of {PullRequest} at {MergeBase}: read {Found} of {Wanted}")]
    private static partial void LogBaseVersions(ILogger logger, PullRequestTarget pullRequest, string mergeBase, int found, int wanted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Base versions of {PullRequest} could not be read; the review stands without them")]
    private static partial void LogBaseVersionsFailed(ILogger logger, Exception exception, PullRequestTarget pullRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub gave no merge base for {PullRequest}; base versions are read at the base commit {BaseSha}")]
    private static partial void LogNoMergeBase(ILogger logger, Exception exception, PullRequestTarget pullRequest, string baseSha);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The contents of {PullRequest} could not be read through {Source} ({Reason})")]
    private static partial void LogPrefetchFailed(ILogger logger, PullRequestTarget pullRequest, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The review configuration of {PullRequest} is broken; defaults apply: {Problem}")]
    private static partial void LogBrokenConfig(ILogger logger, PullRequestTarget pullRequest, string problem);
}
