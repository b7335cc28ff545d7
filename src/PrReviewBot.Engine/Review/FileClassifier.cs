using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Review;

/// <summary>Decides, for each changed file, whether the engine reviews it and, if not, why.</summary>
internal static class FileClassifier
{
    /// <summary>
    /// Why the repository asked for the file to be left out (the configuration's <c>exclude</c>, a
    /// <c>linguist-generated</c> or <c>linguist-vendored</c> attribute), or null when it did not.
    /// </summary>
    public static string? ChosenSkipReason(string path, IReadOnlyList<GlobPattern> exclusions, GitAttributes attributes)
    {
        if (exclusions.Any(glob => glob.IsMatch(path)))
        {
            return "excluded by configuration";
        }

        return attributes.MarkOf(path) switch
        {
            LinguistMark.Generated => "generated (linguist-generated in .gitattributes)",
            LinguistMark.Vendored => "vendored (linguist-vendored in .gitattributes)",
            _ => null,
        };
    }

    /// <summary>Null when the file can be reviewed; otherwise the reason it cannot, phrased for a reader.</summary>
    public static string? SkipReason(ChangedFile file, string? text, ReviewOptions options)
    {
        if (file.SkipReason is { } given)
        {
            return given;
        }

        if (file.IsBinary)
        {
            return SkipReasons.Binary;
        }

        if (text is null)
        {
            return null;
        }

        if (text.Length > options.MaxFileBytes)
        {
            return SkipReasons.TooLarge(text.Length, options.MaxFileBytes);
        }

        if (SkipReasons.IsBinary(text.AsSpan()))
        {
            return SkipReasons.Binary;
        }

        return TextFileKinds.SkipReason(file.Path, text);
    }

    /// <summary>Number of lines the change added (every line for whole files).</summary>
    public static int AddedLineCount(ChangedFile file, string? text)
    {
        if (file.EveryLineChanged)
        {
            return text is null ? 0 : CountLines(text);
        }

        return file.Hunks.Sum(hunk => DiffLineList.PositionsOf(hunk).Count(line => line.Kind == DiffLineKind.Added));
    }

    private static int CountLines(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var count = text.AsSpan().Count('\n');
        return text[^1] == '\n' ? count : count + 1;
    }
}
