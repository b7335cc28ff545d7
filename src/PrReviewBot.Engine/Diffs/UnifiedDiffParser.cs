namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// Reads unified diffs: <c>git diff</c>, <c>git format-patch</c> and plain <c>diff -u</c> output,
/// and GitHub's per-file <c>patch</c> field. One pass over the lines; a malformed patch is a
/// <see cref="PatchFormatException"/> naming the line at fault.
/// </summary>
public static class UnifiedDiffParser
{
    private const string GitHeader = "diff --git ";
    private const string BinaryFiles = "Binary files ";
    private const string BinaryFilesEnd = " differ";

    /// <summary>
    /// Parses every file of a diff. Text before the first file (an e-mail header, a commit
    /// message) and between files is ignored.
    /// </summary>
    /// <exception cref="PatchFormatException">The diff is malformed, or non-empty text holds no file change.</exception>
    public static IReadOnlyList<FileDiff> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(new PatchLines(text));
    }

    /// <summary>
    /// Parses every file of a diff as it is read, line by line: a large patch (44 MB of git's output for a 3,000-file
    /// range) is never held whole, only the hunks made of it.
    /// </summary>
    /// <exception cref="PatchFormatException">The diff is malformed, or non-empty text holds no file change.</exception>
    public static IReadOnlyList<FileDiff> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(new PatchLines(reader));
    }

    private static List<FileDiff> Parse(PatchLines lines)
    {
        var files = new List<FileDiff>();
        while (!lines.AtEnd)
        {
            var line = lines.Current;
            if (line.StartsWith(GitHeader, StringComparison.Ordinal))
            {
                files.Add(ReadGitFile(lines));
            }
            else if (IsFileNamePair(lines))
            {
                files.Add(ReadPlainFile(lines));
            }
            else if (IsBinaryFilesLine(line))
            {
                files.Add(ReadPlainBinaryFile(lines));
            }
            else if (HunkReader.IsHeader(line))
            {
                throw new PatchFormatException(lines.LineNumber, "hunk has no file header ('diff --git' or '---'/'+++' lines) before it");
            }
            else
            {
                lines.Advance();
            }
        }

        if (files.Count == 0 && lines.SawText)
        {
            throw new PatchFormatException(1, "no file changes found");
        }

        return files;
    }

    /// <summary>Parses GitHub's per-file <c>patch</c> field: hunks only, the first starting the text.</summary>
    /// <exception cref="PatchFormatException">A hunk is malformed, or a line is neither a hunk header nor part of a hunk.</exception>
    public static IReadOnlyList<Hunk> ParseHunks(string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (string.IsNullOrWhiteSpace(patch))
        {
            return [];
        }

        var lines = new PatchLines(patch);
        var hunks = new List<Hunk>();
        while (!lines.AtEnd)
        {
            var line = lines.Current;
            if (line.IsEmpty)
            {
                lines.Advance();
            }
            else if (HunkReader.LooksLikeHeader(line))
            {
                hunks.Add(HunkReader.Read(lines));
            }
            else
            {
                throw new PatchFormatException(
                    lines.LineNumber,
                    $"expected a hunk header '@@ -start,count +start,count @@' but found {PatchLines.Quote(line)}");
            }
        }

        return hunks;
    }

    private static FileDiff ReadGitFile(PatchLines lines)
    {
        var headerLineNumber = lines.LineNumber;
        var file = new GitFileHeader(lines.Current[GitHeader.Length..]);
        lines.Advance();
        while (!lines.AtEnd && file.TryReadExtendedHeader(lines.Current, lines.LineNumber))
        {
            lines.Advance();
        }

        var isBinary = false;
        if (!lines.AtEnd)
        {
            var line = lines.Current;
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                var (minus, plus) = ReadFileNamePair(lines);
                file.SetFileNamePair(minus, plus);
            }
            else if (IsBinaryFilesLine(line))
            {
                isBinary = true;
                lines.Advance();
            }
            else if (line.SequenceEqual("GIT binary patch"))
            {
                isBinary = true;
                lines.Advance();
                SkipBinaryPayload(lines);
            }
        }

        var hunks = ReadHunks(lines);
        return file.ToFileDiff(isBinary, hunks, headerLineNumber);
    }

    private static FileDiff ReadPlainFile(PatchLines lines)
    {
        var headerLineNumber = lines.LineNumber;
        var (minus, plus) = ReadFileNamePair(lines);
        if (minus is null && plus is null)
        {
            throw new PatchFormatException(headerLineNumber, "both '---' and '+++' name /dev/null");
        }

        var prefixed = minus?.StartsWith("a/", StringComparison.Ordinal) != false
            && plus?.StartsWith("b/", StringComparison.Ordinal) != false;
        var oldPath = prefixed ? GitPaths.StripPrefix(minus, 2) : minus;
        var newPath = prefixed ? GitPaths.StripPrefix(plus, 2) : plus;
        var status = oldPath is null ? ChangeStatus.Added : newPath is null ? ChangeStatus.Deleted : ChangeStatus.Modified;
        return new FileDiff(oldPath, newPath, status, IsBinary: false, ReadHunks(lines));
    }

    /// <summary>Plain <c>diff -r</c> reports a binary file with this one line and no header.</summary>
    private static FileDiff ReadPlainBinaryFile(PatchLines lines)
    {
        var names = lines.Current[BinaryFiles.Length..^BinaryFilesEnd.Length];
        lines.Advance();

        // "Binary files A and B differ": prefer the " and " before "b/" or /dev/null, as names may contain " and ".
        var split = -1;
        for (var from = 0; names[from..].IndexOf(" and ", StringComparison.Ordinal) is var found && found >= 0;)
        {
            var index = from + found;
            var rest = names[(index + 5)..];
            if (rest.StartsWith("b/", StringComparison.Ordinal) || rest.SequenceEqual(GitPaths.DevNull))
            {
                split = index;
                break;
            }

            split = split < 0 ? index : split;
            from = index + 1;
        }

        string? oldPath = split < 0 ? names.ToString() : names[..split].ToString();
        string? newPath = split < 0 ? oldPath : names[(split + 5)..].ToString();
        oldPath = oldPath == GitPaths.DevNull ? null : oldPath;
        newPath = newPath == GitPaths.DevNull ? null : newPath;
        if (oldPath?.StartsWith("a/", StringComparison.Ordinal) != false && newPath?.StartsWith("b/", StringComparison.Ordinal) != false)
        {
            oldPath = GitPaths.StripPrefix(oldPath, 2);
            newPath = GitPaths.StripPrefix(newPath, 2);
        }

        var status = oldPath is null ? ChangeStatus.Added : newPath is null ? ChangeStatus.Deleted : ChangeStatus.Modified;
        return new FileDiff(oldPath, newPath, status, IsBinary: true, []);
    }

    /// <summary>Reads the current <c>---</c> line and the <c>+++</c> line after it; null names are /dev/null.</summary>
    private static (string? Minus, string? Plus) ReadFileNamePair(PatchLines lines)
    {
        if (!IsFileNamePair(lines))
        {
            throw new PatchFormatException(lines.LineNumber, "the '---' line is not followed by a '+++' line");
        }

        var minus = GitPaths.ReadName(lines.Current[4..], lines.LineNumber);
        lines.Advance();
        var plus = GitPaths.ReadName(lines.Current[4..], lines.LineNumber);
        lines.Advance();
        return (minus, plus);
    }

    private static List<Hunk> ReadHunks(PatchLines lines)
    {
        var hunks = new List<Hunk>();
        while (!lines.AtEnd)
        {
            var line = lines.Current;
            if (HunkReader.LooksLikeHeader(line))
            {
                hunks.Add(HunkReader.Read(lines));
            }
            else if (line.IsEmpty)
            {
                lines.Advance();
            }
            else
            {
                break;
            }
        }

        return hunks;
    }

    /// <summary>
    /// Skips the payload after <c>GIT binary patch</c>: <c>literal</c>/<c>delta</c> lines, base85
    /// lines (a length letter, then base85 characters, never a space) and the blank lines between.
    /// </summary>
    private static void SkipBinaryPayload(PatchLines lines)
    {
        while (!lines.AtEnd)
        {
            var line = lines.Current;
            var isPayload = line.IsEmpty
                || line.StartsWith("literal ", StringComparison.Ordinal)
                || line.StartsWith("delta ", StringComparison.Ordinal)
                || (char.IsAsciiLetter(line[0]) && !line.Contains(' '));
            if (!isPayload)
            {
                return;
            }

            lines.Advance();
        }
    }

    private static bool IsFileNamePair(PatchLines lines) =>
        lines.Current.StartsWith("--- ", StringComparison.Ordinal)
        && lines.TryPeekNext(out var next)
        && next.StartsWith("+++ ", StringComparison.Ordinal);

    private static bool IsBinaryFilesLine(ReadOnlySpan<char> line) =>
        line.StartsWith(BinaryFiles, StringComparison.Ordinal)
        && line.EndsWith(BinaryFilesEnd, StringComparison.Ordinal)
        && line.Length > BinaryFiles.Length + BinaryFilesEnd.Length;

    /// <summary>What the lines of one <c>diff --git</c> header say about its file.</summary>
    private sealed class GitFileHeader
    {
        private readonly (int Old, int New) prefixes;
        private readonly string? headerOldPath;
        private readonly string? headerNewPath;
        private bool isNew;
        private bool isDeleted;
        private string? oldMode;
        private string? newMode;
        private string? renameFrom;
        private string? renameTo;
        private string? copyFrom;
        private string? copyTo;
        private bool hasFileNamePair;
        private string? minusPath;
        private string? plusPath;

        /// <param name="names">The <c>diff --git</c> line after its keyword; the names there are the last resort.</param>
        public GitFileHeader(ReadOnlySpan<char> names)
        {
            if (GitPaths.TrySplitHeaderNames(names, out var oldName, out var newName))
            {
                prefixes = GitPaths.PrefixLengths(oldName, newName);
                headerOldPath = GitPaths.StripPrefix(oldName, prefixes.Old);
                headerNewPath = GitPaths.StripPrefix(newName, prefixes.New);
            }
        }

        /// <returns>False when the line is not an extended header line, which ends the header.</returns>
        public bool TryReadExtendedHeader(ReadOnlySpan<char> line, int lineNumber)
        {
            if (TryValue(line, "old mode ", out var value))
            {
                oldMode = value.ToString();
            }
            else if (TryValue(line, "new mode ", out value))
            {
                newMode = value.ToString();
            }
            else if (TryValue(line, "new file mode ", out value))
            {
                isNew = true;
                newMode = value.ToString();
            }
            else if (TryValue(line, "deleted file mode ", out value))
            {
                isDeleted = true;
                oldMode = value.ToString();
            }
            else if (TryValue(line, "rename from ", out value) || TryValue(line, "rename old ", out value))
            {
                renameFrom = GitPaths.ReadName(value, lineNumber);
            }
            else if (TryValue(line, "rename to ", out value) || TryValue(line, "rename new ", out value))
            {
                renameTo = GitPaths.ReadName(value, lineNumber);
            }
            else if (TryValue(line, "copy from ", out value))
            {
                copyFrom = GitPaths.ReadName(value, lineNumber);
            }
            else if (TryValue(line, "copy to ", out value))
            {
                copyTo = GitPaths.ReadName(value, lineNumber);
            }
            else if (TryValue(line, "index ", out value))
            {
                // "index abc123..def456 100644": the mode is there only when it did not change.
                var space = value.IndexOf(' ');
                if (space > 0)
                {
                    var mode = value[(space + 1)..].ToString();
                    oldMode ??= isNew ? null : mode;
                    newMode ??= isDeleted ? null : mode;
                }
            }
            else if (!line.StartsWith("similarity index ", StringComparison.Ordinal)
                && !line.StartsWith("dissimilarity index ", StringComparison.Ordinal))
            {
                return false;
            }

            return true;
        }

        /// <param name="minus">The <c>---</c> name as written, prefix included; null for /dev/null.</param>
        public void SetFileNamePair(string? minus, string? plus)
        {
            hasFileNamePair = true;
            minusPath = GitPaths.StripPrefix(minus, prefixes.Old);
            plusPath = GitPaths.StripPrefix(plus, prefixes.New);
        }

        public FileDiff ToFileDiff(bool isBinary, IReadOnlyList<Hunk> hunks, int headerLineNumber)
        {
            var added = isNew || (hasFileNamePair && minusPath is null);
            var deleted = isDeleted || (hasFileNamePair && plusPath is null);
            var status = added ? ChangeStatus.Added
                : deleted ? ChangeStatus.Deleted
                : renameFrom is not null || renameTo is not null ? ChangeStatus.Renamed
                : copyFrom is not null || copyTo is not null ? ChangeStatus.Copied
                : ChangeStatus.Modified;
            var oldPath = added ? null : renameFrom ?? copyFrom ?? minusPath ?? headerOldPath;
            var newPath = deleted ? null : renameTo ?? copyTo ?? plusPath ?? headerNewPath;
            if (oldPath is null && newPath is null)
            {
                throw new PatchFormatException(headerLineNumber, "cannot read the file names of the 'diff --git' line");
            }

            return new FileDiff(oldPath ?? (added ? null : newPath), newPath ?? (deleted ? null : oldPath), status, isBinary, hunks, oldMode, newMode);
        }

        private static bool TryValue(ReadOnlySpan<char> line, string keyword, out ReadOnlySpan<char> value)
        {
            var matches = line.StartsWith(keyword, StringComparison.Ordinal);
            value = matches ? line[keyword.Length..] : default;
            return matches;
        }
    }
}
