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

    private ChangedLines(HashSet<int> added, HashSet<int> context, bool everyLine)
    {
        this.added = added;
        this.context = context;
        EveryLine = everyLine;
    }

    /// <summary>True when the whole file counts as changed (files reviewed by path, added files).</summary>
    public bool EveryLine { get; }

    public IReadOnlyCollection<int> Added => added;

    public IReadOnlyCollection<int> Context => context;

    public static ChangedLines All { get; } = new([], [], everyLine: true);

    public static ChangedLines FromHunks(IEnumerable<Hunk> hunks)
    {
        ArgumentNullException.ThrowIfNull(hunks);
        var added = new HashSet<int>();
        var context = new HashSet<int>();
        foreach (var line in hunks.SelectMany(hunk => hunk.Lines))
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

        for (var line = startLine; line <= endLine; line++)
        {
            if (added.Contains(line))
            {
                return true;
            }
        }

        return false;
    }
}
