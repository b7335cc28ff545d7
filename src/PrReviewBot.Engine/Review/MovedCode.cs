using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// The lines the change removed anywhere, deleted files included. A finding whose code the change
/// removed somewhere and added here was moved (a function extracted into a new module, a class
/// split in two): the change did not write it, so it is not blamed for it.
/// </summary>
internal sealed class MovedCode
{
    /// <summary>Lines shorter than this (<c>}</c>, <c>else:</c>, <c>return x</c>) say too little to tell a move from a coincidence.</summary>
    private const int MinLineLength = 12;

    private readonly HashSet<string> removed;

    private MovedCode(HashSet<string> removed)
    {
        this.removed = removed;
    }

    /// <summary>
    /// The removed lines that <paramref name="findings"/> (each with its file's lines) could be asked about: only those
    /// are kept, since a large change removes hundreds of thousands of lines and a review asks about a few.
    /// </summary>
    public static MovedCode Of(IEnumerable<ChangedFile> files, IEnumerable<(RawFinding Finding, string[] Lines)> findings)
    {
        var asked = findings.Where(pair => MayHaveMoved(pair.Finding)).SelectMany(pair => TellingLines(pair.Finding, pair.Lines)).ToHashSet(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        if (asked.Count == 0)
        {
            return new MovedCode(removed);
        }

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

        return new MovedCode(removed);
    }

    /// <summary>
    /// True when every telling flagged line of the finding (short ones such as <c>):</c> say nothing) is a
    /// line the change removed elsewhere. Imports are the exception: an import that moved into a module
    /// that does not use it is unused there because of the change.
    /// </summary>
    public bool Moved(RawFinding finding, string[] lines)
    {
        if (removed.Count == 0 || !MayHaveMoved(finding))
        {
            return false;
        }

        var flagged = TellingLines(finding, lines);
        return flagged.Count > 0 && flagged.All(removed.Contains);
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
