using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>A unified diff from a file or standard input, with full new-file contents from <c>--root</c> when given.</summary>
internal static class PatchInput
{
    public static PullRequestSnapshot Load(string diffText, string? root, int maxBytes)
    {
        IReadOnlyList<FileDiff> diffs;
        try
        {
            diffs = UnifiedDiffParser.Parse(diffText);
        }
        catch (PatchFormatException exception)
        {
            throw new InputException(exception.Message, exception);
        }

        var files = diffs.Select(diff => Load(diff, root, maxBytes)).ToList();
        var context = root is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : ContextFiles.For(root, files.Select(file => file.Path), maxBytes);
        return new PullRequestSnapshot(files) { ContextFiles = context };
    }

    private static ChangedFile Load(FileDiff diff, string? root, int maxBytes)
    {
        if (root is null || diff.IsBinary || diff.NewPath is null)
        {
            return ChangedFile.FromDiff(diff);
        }

        var full = Path.Combine(root, diff.NewPath);
        if (!File.Exists(full))
        {
            return ChangedFile.FromDiff(diff);
        }

        var (text, skip) = SourceFiles.Read(full, maxBytes);
        return skip is null ? ChangedFile.FromDiff(diff, text) : ChangedFile.FromDiff(diff) with { SkipReason = skip };
    }
}
