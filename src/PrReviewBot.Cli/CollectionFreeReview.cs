using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Cli;

/// <summary>
/// Lets a small review run without garbage collections. A review allocates about 40 MB of fixed
/// cost (Roslyn's reference assemblies) plus, per character of changed text, about 12 bytes for C#
/// and 60 for Python (measured on real changes); its syntax trees live to the end, so each of the
/// dozen collections of a 20-file review copies them again (about 120 ms of a one-second run on a
/// 21-file EF Core change). When the estimate fits the budget, the process asks the runtime for a
/// region without collections; a review that allocates more than estimated simply resumes
/// collecting. Larger reviews are left to the collector: on 544- and 570-file changes a region that
/// ran out in mid-review made them slower and 60–90 MB bigger.
/// </summary>
internal static class CollectionFreeReview
{
    private const long Budget = 128L * 1024 * 1024;

    private const long FixedCost = 40L * 1024 * 1024;

    public static void StartIfSmall(PullRequestSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var estimate = FixedCost;
        foreach (var file in snapshot.Files)
        {
            estimate += (long)(file.NewContent?.Length ?? 0) * BytesPerCharacter(file.Path);
            if (estimate > Budget)
            {
                return;
            }
        }

        try
        {
            GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // Already in one, or more than this runtime allows: the review runs with collections, as it would anyway.
        }
    }

    private static long BytesPerCharacter(string path) => SourceLanguages.FromPath(path) switch
    {
        SourceLanguage.CSharp => 12,
        SourceLanguage.Python => 60,
        _ => 4,
    };
}
