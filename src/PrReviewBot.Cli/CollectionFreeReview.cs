using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Cli;

/// <summary>
/// Lets a review that fits in memory run without garbage collections. A review allocates about 40 MB
/// of fixed cost (Roslyn's reference assemblies) plus, per character of changed text, about 12 bytes
/// for C# and 60 for Python (measured on real changes); its syntax trees live to the end, so each of the
/// dozen collections of a 20-file review copies them again (about 120 ms of a one-second run on a
/// 21-file EF Core change). When the estimate fits, the process asks the runtime for a region without
/// collections of that size: <see cref="SmallRegion"/> at least, and more only while the process stays
/// under <see cref="Ceiling"/> (a real 518-file WPF change: 1.40–1.74 s against 1.45–2.11 s, 421 MB
/// against 351 MB). A review that allocates more than estimated simply resumes collecting; one whose
/// estimate does not fit is left to the collector from the start (on 544- and 570-file changes a region
/// that ran out in mid-review made them slower and 60–90 MB bigger).
/// </summary>
internal static class CollectionFreeReview
{
    private const long MB = 1024 * 1024;

    /// <summary>The region a small review gets, whatever its estimate.</summary>
    private const long SmallRegion = 128 * MB;

    /// <summary>The working set a region may take the process to, below the 500 MB a large review is held to.</summary>
    private const long Ceiling = 450 * MB;

    private const long FixedCost = 40 * MB;

    public static void StartIfItFits(PullRequestSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (RegionSize(snapshot, Environment.WorkingSet) is not { } size)
        {
            return;
        }

        try
        {
            GC.TryStartNoGCRegion(size);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Already in one, or more than this runtime allows: the review runs with collections, as it would anyway.
        }
    }

    /// <summary>The size of the region the review gets with <paramref name="workingSet"/> in use; null when it is left to the collector.</summary>
    internal static long? RegionSize(PullRequestSnapshot snapshot, long workingSet)
    {
        var room = Math.Max(SmallRegion, Ceiling - workingSet);
        var estimate = FixedCost;
        foreach (var file in snapshot.Files)
        {
            estimate += (long)(file.NewContent?.Length ?? 0) * BytesPerCharacter(file.Path);
            if (estimate > room)
            {
                return null;
            }
        }

        return Math.Max(estimate, SmallRegion);
    }

    private static long BytesPerCharacter(string path) => SourceLanguages.FromPath(path) switch
    {
        SourceLanguage.CSharp => 12,
        SourceLanguage.Python => 60,
        _ => 4,
    };
}
