using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// The hunks between two versions of a file, as <c>git diff</c> writes them (three lines of context,
/// changes closer than twice that joined into one hunk): for a front door that has both versions but
/// no patch, such as a pull request file GitHub lists without one because its diff is large.
/// </summary>
public static class TextDiff
{
    public const int ContextLines = 3;

    /// <param name="oldText">The base version; null or empty for a file the change adds.</param>
    public static IReadOnlyList<Hunk> Between(string? oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        var oldLines = TextRuleContext.SplitLines(oldText ?? string.Empty);
        var newLines = TextRuleContext.SplitLines(newText);
        var blocks = Differ.Instance.CreateDiffs(oldText ?? string.Empty, newText, ignoreWhiteSpace: false, ignoreCase: false, new SplitLines()).DiffBlocks;
        var hunks = new List<Hunk>();
        for (var first = 0; first < blocks.Count;)
        {
            var last = first;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - End(blocks[last]) <= 2 * ContextLines)
            {
                last++;
            }

            hunks.Add(HunkOf(blocks, first, last, oldLines, newLines));
            first = last + 1;
        }

        return hunks;
    }

    private static Hunk HunkOf(IList<DiffBlock> blocks, int first, int last, string[] oldLines, string[] newLines)
    {
        var oldFrom = Math.Max(0, blocks[first].DeleteStartA - ContextLines);
        var newFrom = blocks[first].InsertStartB - (blocks[first].DeleteStartA - oldFrom);
        var (oldAt, newAt) = (oldFrom, newFrom);
        var lines = new List<DiffLine>();
        for (var index = first; index <= last; index++)
        {
            var block = blocks[index];
            for (; oldAt < block.DeleteStartA; oldAt++, newAt++)
            {
                lines.Add(new DiffLine(DiffLineKind.Context, oldLines[oldAt], oldAt + 1, newAt + 1));
            }

            for (var removed = 0; removed < block.DeleteCountA; removed++, oldAt++)
            {
                lines.Add(new DiffLine(DiffLineKind.Removed, oldLines[oldAt], oldAt + 1, null));
            }

            for (newAt = block.InsertStartB; newAt < block.InsertStartB + block.InsertCountB; newAt++)
            {
                lines.Add(new DiffLine(DiffLineKind.Added, newLines[newAt], null, newAt + 1));
            }
        }

        for (var trailing = 0; trailing < ContextLines && oldAt < oldLines.Length; trailing++, oldAt++, newAt++)
        {
            lines.Add(new DiffLine(DiffLineKind.Context, oldLines[oldAt], oldAt + 1, newAt + 1));
        }

        var oldCount = lines.Count(line => line.Kind != DiffLineKind.Added);
        var newCount = lines.Count(line => line.Kind != DiffLineKind.Removed);

        // As unified diffs write an empty side: the line before it.
        var oldStart = oldCount == 0 ? oldFrom : oldFrom + 1;
        var newStart = newCount == 0 ? newFrom : newFrom + 1;
        return new Hunk(oldStart, oldCount, newStart, newCount, string.Empty, lines);
    }

    private static int End(DiffBlock block) => block.DeleteStartA + block.DeleteCountA;

    private sealed class SplitLines : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => TextRuleContext.SplitLines(text);
    }
}
