using System.Globalization;

namespace PrReviewBot.Engine.Review;

/// <summary>How a skipped file's reason reads, and when a file is binary, wherever the skip is decided (engine, CLI, GitHub loader).</summary>
public static class SkipReasons
{
    public const string Binary = "binary";

    /// <summary>How far git looks for a NUL to judge a file binary.</summary>
    private const int BinaryProbeLength = 8000;

    /// <summary>Binary as git judges it: a NUL byte in the first 8,000 bytes.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0);

    /// <summary>The same judgement of text already decoded: a NUL character in its first 8,000.</summary>
    public static bool IsBinary(ReadOnlySpan<char> text) => text[..Math.Min(text.Length, BinaryProbeLength)].Contains('\0');

    public static string TooLarge(long sizeBytes, int limitBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"too large ({sizeBytes / 1024:N0} KB; the limit is {limitBytes / 1024:N0} KB)");
}
