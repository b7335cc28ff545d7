using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>
/// A unified diff from a file or standard input, with full new-file contents from <c>--root</c>
/// and base versions from <c>--base-root</c> when given.
/// </summary>
internal static class PatchInput
{
    public static PullRequestSnapshot Load(string diffText, string? root, string? baseRoot, int maxBytes) =>
        Load(new StringReader(diffText), root, baseRoot, maxBytes);

    /// <summary>The change of a diff parsed as it is read, a line at a time: a large patch is never held whole.</summary>
    public static PullRequestSnapshot Load(TextReader diff, string? root, string? baseRoot, int maxBytes)
    {
        IReadOnlyList<FileDiff> diffs;
        try
        {
            diffs = UnifiedDiffParser.Parse(diff);
        }
        catch (PatchFormatException exception)
        {
            throw new InputException(exception.Message, exception);
        }

        var files = diffs.Select(diff => Load(diff, root, maxBytes)).ToList();
        var context = root is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : ContextFiles.For(root, files.Select(file => file.Path), maxBytes);
        return new PullRequestSnapshot(files)
        {
            ContextFiles = context,
            ReadBaseVersion = baseRoot is null ? null : file => BaseVersion(file, baseRoot, maxBytes),
        };
    }

    private static ChangedFile Load(FileDiff diff, string? root, int maxBytes)
    {
        if (diff.IsBinary || diff.NewPath is null)
        {
            return ChangedFile.FromDiff(diff);
        }

        var file = ChangedFile.FromDiff(diff);
        if (root is null || FileUnder(root, diff.NewPath) is not { } full)
        {
            return file;
        }

        var (text, skip) = SourceFiles.Read(full, maxBytes);
        return skip is null ? file with { NewContent = text } : file with { SkipReason = skip };
    }

    /// <summary>The file before the change (its old path for renames), read when the engine asks; a missing, binary or too large one is simply not given.</summary>
    private static string? BaseVersion(ChangedFile file, string baseRoot, int maxBytes) =>
        file.Status.HasBaseVersion() && FileUnder(baseRoot, file.OldPath ?? file.Path) is { } full
            ? SourceFiles.Read(full, maxBytes).Text
            : null;

    /// <summary>The full path of a file of the diff inside the folder, or null when it is not there (or the patch names a path outside it).</summary>
    private static string? FileUnder(string folder, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        var inside = full.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }
}
