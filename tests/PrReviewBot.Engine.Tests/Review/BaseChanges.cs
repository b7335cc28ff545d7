using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Tests.Review;

/// <summary>Builds a modified file from its two versions, as a front door would: the hunk of a line diff, the head text and the base text.</summary>
internal static class BaseChanges
{
    public static ChangedFile Modified(string path, string before, string after, bool withBase = true)
    {
        var oldLines = before.Split('\n');
        var newLines = after.Split('\n');

        // Longest common subsequence of lines: what stayed is context, the rest of the new side is added.
        var common = new int[oldLines.Length + 1, newLines.Length + 1];
        for (var i = oldLines.Length - 1; i >= 0; i--)
        {
            for (var j = newLines.Length - 1; j >= 0; j--)
            {
                common[i, j] = oldLines[i] == newLines[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int oldIndex = 0, newIndex = 0;
        while (oldIndex < oldLines.Length || newIndex < newLines.Length)
        {
            if (oldIndex < oldLines.Length && newIndex < newLines.Length && oldLines[oldIndex] == newLines[newIndex])
            {
                lines.Add(new DiffLine(DiffLineKind.Context, newLines[newIndex], oldIndex + 1, newIndex + 1));
                oldIndex++;
                newIndex++;
            }
            else if (newIndex < newLines.Length && (oldIndex == oldLines.Length || common[oldIndex, newIndex + 1] >= common[oldIndex + 1, newIndex]))
            {
                lines.Add(new DiffLine(DiffLineKind.Added, newLines[newIndex], null, newIndex + 1));
                newIndex++;
            }
            else
            {
                lines.Add(new DiffLine(DiffLineKind.Removed, oldLines[oldIndex], oldIndex + 1, null));
                oldIndex++;
            }
        }

        var hunk = new Hunk(1, oldLines.Length, 1, newLines.Length, string.Empty, lines);
        return new ChangedFile(path, ChangeStatus.Modified, [hunk], after) { OldContent = withBase ? before : null };
    }
}
