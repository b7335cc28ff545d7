using System.Text.RegularExpressions;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// Tells the change's findings from the ones its base version already had. A head finding is
/// pre-existing when the base has a finding of the same rule, saying the same thing, about the
/// same (whitespace-normalised) code — in the same enclosing declaration, or anywhere in the file
/// for code that moved. Each base finding excuses one head finding, so a copy the change added
/// beside old code is still reported. Rules that judge the whole file's style are compared by
/// how much of the file they flag instead (<see cref="JudgeWholeFile"/>).
/// </summary>
internal static partial class PreexistingFindings
{
    /// <summary>How many places of each group a collapsed whole-file finding lists by line.</summary>
    private const int ListedLines = 5;

    /// <summary>The head findings on added lines that the base version did not have.</summary>
    /// <param name="head">Every finding of the head file, on added lines or not: old code keeps its own base findings.</param>
    public static IEnumerable<RawFinding> Drop(IReadOnlyList<RawFinding> head, ChangedLines changed, string[] headLines, IReadOnlyList<RawFinding> baseFindings, string[] baseLines)
    {
        var exact = new Dictionary<(string Rule, string Code, string Message, string? Scope), int>();
        var moved = new Dictionary<(string Rule, string Code, string Message), int>();
        foreach (var finding in baseFindings)
        {
            var key = Key(finding, baseLines);
            Increment(exact, (key.Rule, key.Code, key.Message, finding.Scope));
            Increment(moved, key);
        }

        // Unchanged code claims its own base findings first, then added code in the same declaration, then code that moved.
        var ordered = head
            .Select(finding => (Finding: finding, Key: Key(finding, headLines), Added: changed.TouchesAdded(finding.StartLine, finding.EndLine)))
            .OrderBy(entry => entry.Added)
            .ToList();
        var remaining = new List<(RawFinding Finding, (string Rule, string Code, string Message) Key, bool Added)>();
        foreach (var entry in ordered)
        {
            if (TryTake(exact, (entry.Key.Rule, entry.Key.Code, entry.Key.Message, entry.Finding.Scope)))
            {
                TryTake(moved, entry.Key);
            }
            else
            {
                remaining.Add(entry);
            }
        }

        return remaining.Where(entry => !TryTake(moved, entry.Key) && entry.Added).Select(entry => entry.Finding).ToList();
    }

    /// <summary>
    /// A whole-file style rule's findings, one per cause: reported only when the change made the
    /// file worse (more lines flagged than in the base, when the base is known), and then once for
    /// each distinct message among the added lines, with how many places and which lines.
    /// </summary>
    /// <param name="headAll">The rule's findings over the whole head file, added lines or not.</param>
    /// <param name="baseAll">The rule's findings over the whole base file; null when no base version is known.</param>
    public static IEnumerable<RawFinding> JudgeWholeFile(IReadOnlyList<RawFinding> headAll, ChangedLines lines, IReadOnlyList<RawFinding>? baseAll)
    {
        var onAdded = headAll.Where(finding => lines.TouchesAdded(finding.StartLine, finding.EndLine)).ToList();
        if (onAdded.Count == 0 || (baseAll is not null && FlaggedLines(headAll) <= FlaggedLines(baseAll)))
        {
            return [];
        }

        return onAdded
            .GroupBy(finding => finding.Message, StringComparer.Ordinal)
            .Select(group => Collapse([.. group.OrderBy(finding => finding.StartLine)]));
    }

    private static RawFinding Collapse(List<RawFinding> places)
    {
        var first = places[0];
        if (places.Count == 1)
        {
            return first;
        }

        var listed = string.Join(", ", places.Take(ListedLines).Select(place => place.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var more = places.Count > ListedLines ? $" and {places.Count - ListedLines} more" : string.Empty;
        return first with
        {
            Message = $"{first.Message} The change does this in {places.Count} places (lines {listed}{more}).",
            Replacement = null,
        };
    }

    private static int FlaggedLines(IEnumerable<RawFinding> findings) =>
        findings.SelectMany(finding => Enumerable.Range(finding.StartLine, finding.EndLine - finding.StartLine + 1)).Distinct().Count();

    private static (string Rule, string Code, string Message) Key(RawFinding finding, string[] lines)
    {
        var end = Math.Min(finding.EndLine, lines.Length);
        var start = Math.Clamp(finding.StartLine, 1, Math.Max(end, 1));
        var code = end >= start ? Fingerprints.Normalize(string.Join('\n', lines[(start - 1)..end])) : string.Empty;

        // Messages may name a line or a count ("indented by 2; the file indents by 4"); the cause is the same.
        return (finding.Rule.Id, code, Digits().Replace(finding.Message, "#"));
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static bool TryTake<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        if (!counts.TryGetValue(key, out var count) || count == 0)
        {
            return false;
        }

        counts[key] = count - 1;
        return true;
    }

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
