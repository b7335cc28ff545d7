using System.Collections;

namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// A hunk's lines as a patch reader keeps them: parallel arrays of texts, line numbers and kinds instead of one
/// <see cref="DiffLine"/> object per line. A review holds its patch to the end, and a real 2,000-file change has
/// 345,000 lines; as objects they were about a sixth of everything the collector walks on each full collection.
/// Each line is made into a <see cref="DiffLine"/> when it is read, equal to the one added.
/// </summary>
internal sealed class DiffLineList : IReadOnlyList<DiffLine>
{
    private const byte NoNewlineFlag = 0x80;

    // A null text is read from the new file, at its offset there (see ReadingNewLinesFrom).
    private readonly string?[] texts;
    private readonly int[] oldLines;
    private readonly int[] newLines;
    private readonly byte[] kinds;
    private readonly string? newFile;
    private readonly int[]? newOffsets;

    private DiffLineList(string?[] texts, int[] oldLines, int[] newLines, byte[] kinds, string? newFile = null, int[]? newOffsets = null)
    {
        this.texts = texts;
        this.oldLines = oldLines;
        this.newLines = newLines;
        this.kinds = kinds;
        this.newFile = newFile;
        this.newOffsets = newOffsets;
    }

    public int Count => texts.Length;

    /// <summary>True when the texts of the lines the new file holds are read from it (see <see cref="ReadingNewLinesFrom(IReadOnlyList{Hunk}, string)"/>).</summary>
    public bool ReadsNewLinesFromFile => newFile is not null;

    public DiffLine this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)texts.Length, nameof(index));
            var kind = (DiffLineKind)(kinds[index] & ~NoNewlineFlag);
            return new DiffLine(kind, texts[index] ?? LineAt(newFile!, newOffsets![index]), oldLines[index] == 0 ? null : oldLines[index], newLines[index] == 0 ? null : newLines[index])
            {
                NoNewlineAtEnd = (kinds[index] & NoNewlineFlag) != 0,
            };
        }
    }

    public IEnumerator<DiffLine> GetEnumerator()
    {
        for (var index = 0; index < texts.Length; index++)
        {
            yield return this[index];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Each line's kind and numbers, without making its text.</summary>
    public IEnumerable<LinePosition> Positions()
    {
        for (var index = 0; index < texts.Length; index++)
        {
            yield return new LinePosition((DiffLineKind)(kinds[index] & ~NoNewlineFlag), oldLines[index] == 0 ? null : oldLines[index], newLines[index] == 0 ? null : newLines[index]);
        }
    }

    /// <summary>The lines of any hunk as <see cref="Positions"/> gives them: what counting and mapping lines need.</summary>
    public static IEnumerable<LinePosition> PositionsOf(Hunk hunk)
    {
        ArgumentNullException.ThrowIfNull(hunk);
        return hunk.Lines is DiffLineList list ? list.Positions() : hunk.Lines.Select(line => new LinePosition(line.Kind, line.OldLine, line.NewLine));
    }

    /// <summary>
    /// The hunks with the texts of the lines the new file holds (context and added) read from <paramref name="newFile"/> when
    /// asked, instead of kept: a review holds its patch to the end, and those texts are the file's own lines (on a real
    /// 3,586-file change, most of the 341,000 strings that made up a third of what the read input held). A hunk keeps its
    /// texts unless each such line reads exactly the same from the file.
    /// </summary>
    public static IReadOnlyList<Hunk> ReadingNewLinesFrom(IReadOnlyList<Hunk> hunks, string newFile)
    {
        ArgumentNullException.ThrowIfNull(hunks);
        ArgumentNullException.ThrowIfNull(newFile);
        var starts = new NewFileLineStarts(newFile);
        return [.. hunks.Select(hunk => hunk.Lines is DiffLineList lines && lines.ReadingNewLinesFrom(newFile, starts) is { } shared ? hunk with { Lines = shared } : hunk)];
    }

    private DiffLineList? ReadingNewLinesFrom(string file, NewFileLineStarts starts)
    {
        var shared = new string?[texts.Length];
        var offsets = new int[texts.Length];
        for (var index = 0; index < texts.Length; index++)
        {
            if (newLines[index] == 0 || texts[index] is not { } text)
            {
                shared[index] = texts[index];
                continue;
            }

            if (starts.Of(newLines[index]) is not { } start || !LineSpan(file, start).SequenceEqual(text))
            {
                return null;
            }

            offsets[index] = start;
        }

        return new DiffLineList(shared, oldLines, newLines, kinds, file, offsets);
    }

    /// <summary>The line that starts at <paramref name="start"/>, without its ending (<c>\n</c>, or <c>\r\n</c>), as a patch reader reads it.</summary>
    private static ReadOnlySpan<char> LineSpan(string file, int start)
    {
        var end = file.IndexOf('\n', start);
        end = end < 0 ? file.Length : end;
        return file.AsSpan(start, end > start && file[end - 1] == '\r' ? end - start - 1 : end - start);
    }

    private static string LineAt(string file, int start) => LineSpan(file, start).ToString();

    /// <summary>Where the lines of a file start, found in order as far as they are asked for.</summary>
    private sealed class NewFileLineStarts(string file)
    {
        private readonly List<int> starts = [0];

        /// <summary>The offset of 1-based line <paramref name="line"/>, or null when the file has fewer lines.</summary>
        public int? Of(int line)
        {
            while (starts.Count < line)
            {
                var end = file.IndexOf('\n', starts[^1]);
                if (end < 0)
                {
                    return null;
                }

                starts.Add(end + 1);
            }

            return starts[line - 1];
        }
    }

    /// <summary>Collects one hunk's lines; <see cref="ToList"/> makes the list once the hunk is read.</summary>
    internal sealed class Builder(int capacity)
    {
        private readonly List<string> texts = new(capacity);
        private readonly List<int> oldLines = new(capacity);
        private readonly List<int> newLines = new(capacity);
        private readonly List<byte> kinds = new(capacity);

        public int Count => texts.Count;

        /// <param name="oldLine">1-based line in the old file, 0 when the line has none.</param>
        /// <param name="newLine">1-based line in the new file, 0 when the line has none.</param>
        public void Add(DiffLineKind kind, string text, int oldLine, int newLine)
        {
            texts.Add(text);
            oldLines.Add(oldLine);
            newLines.Add(newLine);
            kinds.Add((byte)kind);
        }

        /// <summary>Marks the last line added <c>\ No newline at end of file</c>.</summary>
        public void MarkLastNoNewline() => kinds[^1] |= NoNewlineFlag;

        public DiffLineList ToList() => new([.. texts], [.. oldLines], [.. newLines], [.. kinds]);
    }
}

/// <summary>A diff line's kind and its numbers in the old and new file, without its text.</summary>
internal readonly record struct LinePosition(DiffLineKind Kind, int? OldLine, int? NewLine);
