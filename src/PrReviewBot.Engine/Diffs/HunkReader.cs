using System.Globalization;

namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// Reads one hunk (<c>@@ -a,b +c,d @@</c> and its lines), checking the lines against the counts
/// in the header, the way <c>git apply</c> does.
/// </summary>
internal static class HunkReader
{
    private const string Expected = "expected '@@ -start,count +start,count @@'";

    // Far beyond any file worth reviewing, and small enough that rebuilding a file from its hunks
    // (one entry per line up to the last one shown) cannot exhaust memory.
    private const int MaxLineNumber = 10_000_000;

    /// <summary>The most lines a hunk's lists are made room for before its lines are read; they grow past it as needed.</summary>
    private const int MaxInitialLines = 1 << 16;

    public static bool LooksLikeHeader(ReadOnlySpan<char> line) => line.StartsWith("@@", StringComparison.Ordinal);

    /// <summary>True for a well-formed hunk header; used to tell a stray hunk from prose that happens to start with @@.</summary>
    public static bool IsHeader(ReadOnlySpan<char> line) =>
        line.StartsWith("@@ -", StringComparison.Ordinal) && FindHeaderError(line, out _) is null;

    /// <summary>Reads the hunk whose header is the current line and leaves the cursor on the line after it.</summary>
    public static Hunk Read(PatchLines lines)
    {
        var header = ParseHeader(lines.Current, lines.LineNumber);
        lines.Advance();

        var oldLeft = header.OldCount;
        var newLeft = header.NewCount;
        var oldLine = header.OldStart;
        var newLine = header.NewStart;
        // The header's counts size the lists, within reason: a header may claim far more lines than the patch holds.
        var body = new DiffLineList.Builder((int)Math.Min((long)oldLeft + newLeft, MaxInitialLines));
        while (oldLeft > 0 || newLeft > 0)
        {
            if (lines.AtEnd)
            {
                // Past the last line, the cursor's index is the number of the patch's last line.
                throw Truncated(header, lines.Index, oldLeft, newLeft);
            }

            var text = lines.Current;

            // An empty line is a context line whose trailing space some tool stripped; git apply accepts it too.
            var marker = text.IsEmpty ? ' ' : text[0];
            switch (marker)
            {
                case ' ':
                    if (text.IsEmpty && (oldLeft == 0 || newLeft == 0))
                    {
                        // A blank line that cannot be context is where the hunk stopped (a blank line after a cut patch).
                        throw Truncated(header, lines.LineNumber, oldLeft, newLeft);
                    }

                    if (oldLeft == 0 || newLeft == 0)
                    {
                        throw TooMany(header, lines.LineNumber, oldLeft == 0 ? "old" : "new");
                    }

                    body.Add(DiffLineKind.Context, Content(lines, text), oldLine++, newLine++);
                    oldLeft--;
                    newLeft--;
                    break;
                case '-':
                    if (oldLeft == 0)
                    {
                        throw TooMany(header, lines.LineNumber, "old");
                    }

                    body.Add(DiffLineKind.Removed, Content(lines, text), oldLine++, 0);
                    oldLeft--;
                    break;
                case '+':
                    if (newLeft == 0)
                    {
                        throw TooMany(header, lines.LineNumber, "new");
                    }

                    body.Add(DiffLineKind.Added, Content(lines, text), 0, newLine++);
                    newLeft--;
                    break;
                case '\\':
                    MarkNoNewline(body, lines.LineNumber);
                    break;
                default:
                    if (LooksLikeHeader(text) || text.StartsWith("diff ", StringComparison.Ordinal))
                    {
                        throw Truncated(header, lines.LineNumber, oldLeft, newLeft);
                    }

                    throw new PatchFormatException(lines.LineNumber, $"expected ' ', '+', '-' or '\\' but found {Describe(marker)}");
            }

            lines.Advance();
        }

        if (!lines.AtEnd && lines.Current.StartsWith('\\'))
        {
            MarkNoNewline(body, lines.LineNumber);
            lines.Advance();
        }

        if (!lines.AtEnd && IsSurplusLine(lines))
        {
            throw new PatchFormatException(
                lines.LineNumber,
                $"hunk {header.Display} has more lines than its header counts ({header.OldCount} old, {header.NewCount} new)");
        }

        return new Hunk(header.OldStart, header.OldCount, header.NewStart, header.NewCount, header.Text, body.ToList());
    }

    private static HunkHeader ParseHeader(ReadOnlySpan<char> line, int lineNumber) =>
        FindHeaderError(line, out var header) is { } reason ? throw new PatchFormatException(lineNumber, reason) : header;

    /// <returns>Null when the header is well formed, otherwise why it is not.</returns>
    private static string? FindHeaderError(ReadOnlySpan<char> line, out HunkHeader header)
    {
        header = default;
        if (line.StartsWith("@@@", StringComparison.Ordinal))
        {
            return "combined diff hunks ('@@@', from merge commits) are not supported";
        }

        if (!line.StartsWith("@@ -", StringComparison.Ordinal))
        {
            return Malformed(line);
        }

        var position = 4;
        if (!TryReadRange(line, ref position, out var oldStart, out var oldCount)
            || !Skip(line, ref position, " +")
            || !TryReadRange(line, ref position, out var newStart, out var newCount)
            || !Skip(line, ref position, " @@"))
        {
            return Malformed(line);
        }

        var display = line[..position].ToString();
        if ((oldStart == 0 && oldCount != 0) || (newStart == 0 && newCount != 0))
        {
            return $"hunk header '{display}' starts at line 0 but counts lines";
        }

        if ((long)oldStart + oldCount > MaxLineNumber || (long)newStart + newCount > MaxLineNumber)
        {
            return string.Create(CultureInfo.InvariantCulture, $"hunk header '{display}' reaches past line {MaxLineNumber:N0}; no reviewable file is that long");
        }

        header = new HunkHeader(oldStart, oldCount, newStart, newCount, display, line[position..].Trim().ToString());
        return null;
    }

    private static string Malformed(ReadOnlySpan<char> line) => $"malformed hunk header {PatchLines.Quote(line)}: {Expected}";

    private static bool TryReadRange(ReadOnlySpan<char> line, ref int position, out int start, out int count)
    {
        count = 1;
        if (!TryReadNumber(line, ref position, out start))
        {
            return false;
        }

        return !Skip(line, ref position, ",") || TryReadNumber(line, ref position, out count);
    }

    private static bool TryReadNumber(ReadOnlySpan<char> line, ref int position, out int value)
    {
        var end = position;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        var parsed = int.TryParse(line[position..end], NumberStyles.None, CultureInfo.InvariantCulture, out value);
        position = end;
        return parsed;
    }

    private static bool Skip(ReadOnlySpan<char> line, ref int position, string expected)
    {
        if (!line[position..].StartsWith(expected, StringComparison.Ordinal))
        {
            return false;
        }

        position += expected.Length;
        return true;
    }

    private static string Content(PatchLines lines, ReadOnlySpan<char> line) => line.Length <= 1 ? string.Empty : lines.Text(line[1..]);

    private static void MarkNoNewline(DiffLineList.Builder body, int lineNumber)
    {
        if (body.Count == 0)
        {
            throw new PatchFormatException(lineNumber, "'\\ No newline at end of file' does not follow a line of the hunk");
        }

        body.MarkLastNoNewline();
    }

    /// <summary>
    /// A line right after a complete hunk that reads like one more hunk line means the header
    /// undercounts. The exceptions are what legitimately follows a hunk: the next file's
    /// <c>---</c>/<c>+++</c> pair and the <c>-- </c> signature of <c>git format-patch</c>.
    /// </summary>
    private static bool IsSurplusLine(PatchLines lines)
    {
        var line = lines.Current;
        if (line.IsEmpty)
        {
            return false;
        }

        return line[0] switch
        {
            ' ' or '+' => true,
            '-' => line is not ("--" or "-- ")
                && !(line.StartsWith("--- ", StringComparison.Ordinal)
                    && lines.TryPeekNext(out var next)
                    && next.StartsWith("+++ ", StringComparison.Ordinal)),
            _ => false,
        };
    }

    private static PatchFormatException Truncated(HunkHeader header, int lineNumber, int oldLeft, int newLeft)
    {
        var oldPart = $"{header.OldCount - oldLeft} of {header.OldCount} old lines";
        var newPart = $"{header.NewCount - newLeft} of {header.NewCount} new lines";
        var reached = (oldLeft > 0, newLeft > 0) switch
        {
            (true, true) => $"{oldPart} and {newPart}",
            (true, false) => oldPart,
            _ => newPart,
        };
        return new PatchFormatException(lineNumber, $"hunk {header.Display} ends after {reached}");
    }

    private static PatchFormatException TooMany(HunkHeader header, int lineNumber, string side)
    {
        var count = side == "old" ? header.OldCount : header.NewCount;
        return new PatchFormatException(lineNumber, $"hunk {header.Display} has more {side} lines than the {count} its header counts");
    }

    private static string Describe(char marker) =>
        char.IsControl(marker) || char.IsWhiteSpace(marker)
            ? $"U+{(int)marker:X4}"
            : $"'{marker}'";

    /// <param name="Display">The header up to its closing <c>@@</c>, as error messages name the hunk.</param>
    private readonly record struct HunkHeader(int OldStart, int OldCount, int NewStart, int NewCount, string Display, string Text);
}
