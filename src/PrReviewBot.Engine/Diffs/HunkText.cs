namespace PrReviewBot.Engine.Diffs;

/// <summary>The new file as far as its hunks show it, for analysis when the full file is not available.</summary>
public static class HunkText
{
    /// <summary>
    /// Returns text whose line N is line N of the new file wherever the hunks show that line
    /// (context or added), and an empty line wherever they do not. Lines are joined with <c>\n</c>;
    /// the text ends at the last line the hunks show.
    /// </summary>
    public static string RebuildNewFile(IReadOnlyList<Hunk> hunks)
    {
        ArgumentNullException.ThrowIfNull(hunks);
        var lastLine = 0;
        foreach (var hunk in hunks)
        {
            foreach (var line in hunk.Lines)
            {
                lastLine = Math.Max(lastLine, line.NewLine ?? 0);
            }
        }

        var fileLines = new string[lastLine];
        Array.Fill(fileLines, string.Empty);
        foreach (var hunk in hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.NewLine is { } number and > 0)
                {
                    fileLines[number - 1] = line.Text;
                }
            }
        }

        return string.Join('\n', fileLines);
    }
}
