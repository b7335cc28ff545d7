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

    /// <summary>
    /// The ways a head finding can be the same as a base one, strictest first: the same code in the
    /// same declaration; the same code moved elsewhere; and for readability, the same complaint about
    /// code the change edited in the same declaration. A security finding on edited code stays the
    /// change's: the edit may be the defect. (Type hints and docs, which judge a declaration as a
    /// whole, are further asked only of declarations the base did not have: see the review engine.)
    /// </summary>
    private static readonly Func<Entry, string?>[] Passes =
    [
        entry => Join(entry.Rule, entry.Code, entry.Message, entry.Finding.Scope ?? string.Empty),
        entry => Join(entry.Rule, entry.Code, entry.Message),
        entry => entry.IsSecurity ? null : Join(entry.Rule, entry.Message, entry.Finding.Scope ?? string.Empty),
    ];

    /// <summary>The head findings on added lines that the base version did not have.</summary>
    /// <param name="head">Every finding of the head file, on added lines or not: old code keeps its own base findings.</param>
    public static IEnumerable<RawFinding> Drop(IReadOnlyList<RawFinding> head, ChangedLines changed, string[] headLines, IReadOnlyList<RawFinding> baseFindings, string[] baseLines)
    {
        var before = baseFindings.Select(finding => new Entry(finding, baseLines)).ToList();

        // Unchanged code claims its own base findings first, then added code.
        var after = head
            .Select(finding => new Entry(finding, headLines) { Added = changed.TouchesAdded(finding.StartLine, finding.EndLine) })
            .OrderBy(entry => entry.Added)
            .ToList();
        foreach (var pass in Passes)
        {
            var available = new Dictionary<string, Queue<Entry>>(StringComparer.Ordinal);
            foreach (var entry in before.Where(entry => !entry.Matched))
            {
                if (pass(entry) is { } key)
                {
                    if (!available.TryGetValue(key, out var queue))
                    {
                        available[key] = queue = new Queue<Entry>();
                    }

                    queue.Enqueue(entry);
                }
            }

            foreach (var entry in after.Where(entry => !entry.Matched))
            {
                if (pass(entry) is { } key && available.TryGetValue(key, out var queue) && queue.TryDequeue(out var match))
                {
                    match.Matched = true;
                    entry.Matched = true;
                }
            }
        }

        return after.Where(entry => entry.Added && !entry.Matched).Select(entry => entry.Finding).ToList();
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

    private static string Join(params string[] parts) => string.Join('\u0001', parts);

    /// <summary>A finding with what identifies it: its rule, its whitespace-normalised code and its message with numbers blanked.</summary>
    private sealed class Entry
    {
        public Entry(RawFinding finding, string[] lines)
        {
            Finding = finding;
            var end = Math.Min(finding.EndLine, lines.Length);
            var start = Math.Clamp(finding.StartLine, 1, Math.Max(end, 1));
            Code = end >= start ? Fingerprints.Normalize(string.Join('\n', lines[(start - 1)..end])) : string.Empty;

            // Messages may name a line or a count ("indented by 2; the file indents by 4"); the cause is the same.
            Message = Digits().Replace(finding.Message, "#");
        }

        public RawFinding Finding { get; }

        public string Rule => Finding.Rule.Id;

        public bool IsSecurity => Finding.Rule.Category == Category.Security;

        public string Code { get; }

        public string Message { get; }

        public bool Added { get; init; }

        public bool Matched { get; set; }
    }

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
