using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Input;

/// <summary>
/// One file of a change, as both front doors (CLI and GitHub) describe it to the engine.
/// </summary>
/// <param name="Path">Repository-relative path with forward slashes.</param>
/// <param name="Hunks">The hunks of the new side; empty for binary files or when <see cref="EveryLineChanged"/>.</param>
/// <param name="NewContent">Full text of the new file when known; the engine then analyses it whole.</param>
/// <param name="EveryLineChanged">True when every line counts as changed (files reviewed by path).</param>
/// <param name="IsBinary">True when the content is not text; such files are skipped with a reason.</param>
/// <param name="SkipReason">Set by a front door that could not obtain the change (e.g. GitHub sent no patch).</param>
public sealed record ChangedFile(
    string Path,
    ChangeStatus Status,
    IReadOnlyList<Hunk> Hunks,
    string? NewContent = null,
    string? OldPath = null,
    bool EveryLineChanged = false,
    bool IsBinary = false,
    string? SkipReason = null)
{
    /// <summary>
    /// Full text of the file before the change (at the merge base; for a rename, of the old path),
    /// when the front door has it. The engine then drops findings the base version already had.
    /// Null for added files and whenever the base could not be read.
    /// </summary>
    public string? OldContent { get; init; }

    public ChangedLines ChangedLines => EveryLineChanged ? ChangedLines.All : ChangedLines.FromHunks(Hunks);

    public static ChangedFile FromDiff(FileDiff diff, string? newContent = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var hunks = newContent is null ? diff.Hunks : DiffLineList.ReadingNewLinesFrom(diff.Hunks, newContent);
        return new ChangedFile(diff.Path, diff.Status, hunks, newContent, diff.OldPath, IsBinary: diff.IsBinary);
    }

    public static ChangedFile WholeFile(string path, string content) =>
        new(path, ChangeStatus.Added, [], content, EveryLineChanged: true);
}
