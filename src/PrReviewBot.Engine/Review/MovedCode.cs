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

    public static MovedCode Of(IEnumerable<ChangedFile> files)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in files.SelectMany(file => file.Hunks).SelectMany(hunk => hunk.Lines).Where(line => line.Kind == Diffs.DiffLineKind.Removed))
        {
            var code = Fingerprints.Normalize(line.Text);
            if (code.Length >= MinLineLength)
            {
                removed.Add(code);
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
        if (removed.Count == 0 || finding.Rule.Category == Category.Imports || finding.Rule.JudgesWholeFile)
        {
            return false;
        }

        var end = Math.Min(finding.EndLine, lines.Length);
        var flagged = Enumerable.Range(finding.StartLine, Math.Max(0, end - finding.StartLine + 1))
            .Select(line => Fingerprints.Normalize(lines[line - 1]))
            .Where(code => code.Length >= MinLineLength)
            .ToList();
        return flagged.Count > 0 && flagged.All(removed.Contains);
    }
}
