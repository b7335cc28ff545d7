using System.Text;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Cli.Inputs;

/// <summary>Reads files from disk the way every input does: bounded in size, binary detected, never failing on bad UTF-8.</summary>
internal static class SourceFiles
{
    /// <summary>UTF-8 that replaces invalid sequences with U+FFFD instead of failing.</summary>
    public static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Folders that never hold reviewable source.</summary>
    public static readonly IReadOnlySet<string> SkippedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", ".git", ".vs", "node_modules",
    };

    /// <summary>The file's text, or null with a reason when it is binary or larger than <paramref name="maxBytes"/>.</summary>
    public static (string? Text, string? SkipReason) Read(string fullPath, int maxBytes)
    {
        var info = new FileInfo(fullPath);
        if (info.Length > maxBytes)
        {
            return (null, SkipReasons.TooLarge(info.Length, maxBytes));
        }

        var bytes = File.ReadAllBytes(fullPath);
        return SkipReasons.IsBinary(bytes) ? (null, SkipReasons.Binary) : (Decode(bytes, fullPath), null);
    }

    /// <summary>
    /// Python files honour their PEP 263 coding cookie (<c># -*- coding: latin-1 -*-</c>); everything
    /// else is UTF-8 (a BOM is dropped). Invalid sequences become U+FFFD rather than an error.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string path) =>
        SourceLanguages.FromPath(path) == SourceLanguage.Python ? PythonSource.Decode(bytes).Text : Decode(bytes);

    /// <summary>UTF-8 (a BOM is dropped); invalid sequences become U+FFFD rather than an error.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        return LenientUtf8.GetString(bytes);
    }

    /// <summary>A repository-relative path with forward slashes.</summary>
    public static string Relative(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}
