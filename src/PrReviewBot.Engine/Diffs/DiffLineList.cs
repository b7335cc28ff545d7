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

    private readonly string[] texts;
    private readonly int[] oldLines;
    private readonly int[] newLines;
    private readonly byte[] kinds;

    private DiffLineList(string[] texts, int[] oldLines, int[] newLines, byte[] kinds)
    {
        this.texts = texts;
        this.oldLines = oldLines;
        this.newLines = newLines;
        this.kinds = kinds;
    }

    public int Count => texts.Length;

    public DiffLine this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)texts.Length, nameof(index));
            var kind = (DiffLineKind)(kinds[index] & ~NoNewlineFlag);
            return new DiffLine(kind, texts[index], oldLines[index] == 0 ? null : oldLines[index], newLines[index] == 0 ? null : newLines[index])
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
