namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// Which lines of the new file a change touches: added lines, and the context lines the diff
/// shows around them. Inline comments may only go on lines inside the diff (added or context);
/// findings are only reported when they touch an added line.
/// </summary>
public sealed class ChangedLines
{
    private readonly HashSet<int> added;
    private readonly HashSet<int> context;

    // The added lines in order, so a range of any length is checked in one binary search.
    private readonly int[] addedInOrder;

    private ChangedLines(HashSet<int> added, HashSet<int> context, bool everyLine)
    {
        this.added = added;
        this.context = context;
        EveryLine = everyLine;
        addedInOrder = [.. added.Order()];
    }

    /// <summary>True when the whole file counts as changed (files reviewed by path, added files).</summary>
    public bool EveryLine { get; }

    public IReadOnlyCollection<int> Added => added;

    /// <summary>The added lines, in ascending order.</summary>
    public IReadOnlyList<int> AddedInOrder => addedInOrder;

    public IReadOnlyCollection<int> Context => context;

    public static ChangedLines All { get; } = new([], [], everyLine: true);

    public static ChangedLines FromHunks(IEnumerable<Hunk> hunks)
    {
        ArgumentNullException.ThrowIfNull(hunks);
        var added = new HashSet<int>();
        var context = new HashSet<int>();
        foreach (var line in hunks.SelectMany(DiffLineList.PositionsOf))
        {
            if (line.NewLine is not { } number)
            {
                continue;
            }

            if (line.Kind == DiffLineKind.Added)
            {
                added.Add(number);
            }
            else
            {
                context.Add(number);
            }
        }

        return new ChangedLines(added, context, everyLine: false);
    }

    public bool IsAdded(int line) => EveryLine || added.Contains(line);

    public bool IsInDiff(int line) => EveryLine || added.Contains(line) || context.Contains(line);

    /// <summary>True when any line of the inclusive range was added.</summary>
    public bool TouchesAdded(int startLine, int endLine)
    {
        if (EveryLine)
        {
            return true;
        }

        if (endLine < startLine)
        {
            return false;
        }

        var index = Array.BinarySearch(addedInOrder, startLine);
        if (index >= 0)
        {
            return true;
        }

        // Not found: ~index is where the first added line after startLine is.
        var next = ~index;
        return next < addedInOrder.Length && addedInOrder[next] <= endLine;
    }
}
