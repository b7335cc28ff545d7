namespace PrReviewBot.Engine.Diffs;

public enum DiffLineKind
{
    Context,
    Added,
    Removed,
}

/// <param name="Text">The line without its leading marker and without the line ending.</param>
/// <param name="OldLine">1-based line in the old file, null for added lines.</param>
/// <param name="NewLine">1-based line in the new file, null for removed lines.</param>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? OldLine, int? NewLine)
{
    /// <summary>True when the diff marks this line <c>\ No newline at end of file</c> (last line of its side).</summary>
    public bool NoNewlineAtEnd { get; init; }
}

/// <param name="Header">The text after the second <c>@@</c> (often the enclosing function), trimmed.</param>
public sealed record Hunk(int OldStart, int OldCount, int NewStart, int NewCount, string Header, IReadOnlyList<DiffLine> Lines);

public enum ChangeStatus
{
    Added,
    Modified,
    Deleted,
    Renamed,
    Copied,
}

public static class ChangeStatuses
{
    /// <summary>True when the file existed before the change (modified, renamed or copied), so it has a base version to compare with.</summary>
    public static bool HasBaseVersion(this ChangeStatus status) => status is ChangeStatus.Modified or ChangeStatus.Renamed or ChangeStatus.Copied;
}

/// <summary>One file of a unified diff.</summary>
/// <param name="OldPath">Path before the change; null for added files.</param>
/// <param name="NewPath">Path after the change; null for deleted files.</param>
/// <param name="IsBinary">True for <c>Binary files … differ</c> and <c>GIT binary patch</c>.</param>
public sealed record FileDiff(
    string? OldPath,
    string? NewPath,
    ChangeStatus Status,
    bool IsBinary,
    IReadOnlyList<Hunk> Hunks,
    string? OldMode = null,
    string? NewMode = null)
{
    /// <summary>The path a reader knows the file by: the new one, or the old one when deleted.</summary>
    public string Path => NewPath ?? OldPath ?? string.Empty;
}

/// <summary>A diff could not be read; names the 1-based line of the input at fault.</summary>
public sealed class PatchFormatException : FormatException
{
    public PatchFormatException(int lineNumber, string reason)
        : base($"malformed patch at line {lineNumber}: {reason}")
    {
        LineNumber = lineNumber;
        Reason = reason;
    }

    public PatchFormatException()
    {
        Reason = string.Empty;
    }

    public PatchFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public PatchFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public int LineNumber { get; }

    public string Reason { get; }
}
