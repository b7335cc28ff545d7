using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// Code the change moved. A finding whose code the change removed somewhere (deleted files included)
/// and added here was moved (a function extracted into a new module, a class split in two): the change
/// did not write it, so it is not blamed for it.
/// </summary>
internal static class MovedCode
{
    /// <summary>Lines shorter than this (<c>}</c>, <c>else:</c>, <c>return x</c>) say too little to tell a move from a coincidence.</summary>
    private const int MinLineLength = 12;

    /// <summary>
    /// The findings (each with its file's lines) that were not moved. A finding was moved when every telling flagged line
    /// of it (short ones such as <c>):</c> say nothing) is a line the change removed somewhere. Imports are the exception:
    /// an import that moved into a module that does not use it is unused there because of the change. Only the removed
    /// lines some finding asks about are kept: a large change removes hundreds of thousands of lines.
    /// </summary>
    public static List<RawFinding> Drop(IEnumerable<ChangedFile> files, IEnumerable<(RawFinding Finding, string[] Lines)> findings)
    {
        var telling = findings.Select(pair => (pair.Finding, Lines: MayHaveMoved(pair.Finding) ? TellingLines(pair.Finding, pair.Lines) : [])).ToList();
        var asked = telling.SelectMany(pair => pair.Lines).ToHashSet(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        if (asked.Count > 0)
        {
            foreach (var hunk in files.SelectMany(file => file.Hunks))
            {
                // By position, so that only the removed lines' texts are made.
                var index = 0;
                foreach (var position in DiffLineList.PositionsOf(hunk))
                {
                    if (position.Kind == DiffLineKind.Removed && Fingerprints.Normalize(hunk.Lines[index].Text) is var code && asked.Contains(code))
                    {
                        removed.Add(code);
                    }

                    index++;
                }
            }
        }

        return [.. telling.Where(pair => pair.Lines.Count == 0 || !pair.Lines.All(removed.Contains)).Select(pair => pair.Finding)];
    }

    private static bool MayHaveMoved(RawFinding finding) => finding.Rule.Category != Category.Imports && !finding.Rule.JudgesWholeFile;

    /// <summary>The finding's flagged lines, whitespace-normalised, that are long enough to tell a move from a coincidence.</summary>
    private static List<string> TellingLines(RawFinding finding, string[] lines)
    {
        var end = Math.Min(finding.EndLine, lines.Length);
        return [.. Enumerable.Range(finding.StartLine, Math.Max(0, end - finding.StartLine + 1))
            .Select(line => Fingerprints.Normalize(lines[line - 1]))
            .Where(code => code.Length >= MinLineLength)];
    }
}
