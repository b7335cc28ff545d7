using System.Globalization;

namespace PrReviewBot.Engine.Review;

/// <summary>How a skipped file's reason reads, wherever the skip is decided (engine, CLI, GitHub loader).</summary>
public static class SkipReasons
{
    public const string Binary = "binary";

    public static string TooLarge(long sizeBytes, int limitBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"too large ({sizeBytes / 1024:N0} KB; the limit is {limitBytes / 1024:N0} KB)");
}
