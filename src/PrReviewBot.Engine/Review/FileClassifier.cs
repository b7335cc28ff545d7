using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Review;

/// <summary>Decides, for each changed file, whether the engine reviews it and, if not, why.</summary>
internal static class FileClassifier
{
    /// <summary>Null when the file is to be reviewed; otherwise the reason it is not, phrased for a reader.</summary>
    public static string? SkipReason(ChangedFile file, string? text, ReviewOptions options, IReadOnlyList<GlobPattern> exclusions)
    {
        if (file.SkipReason is { } given)
        {
            return given;
        }

        if (file.IsBinary)
        {
            return SkipReasons.Binary;
        }

        if (exclusions.Any(glob => glob.IsMatch(file.Path)))
        {
            return "excluded by configuration";
        }

        if (text is null)
        {
            return null;
        }

        if (text.Length > options.MaxFileBytes)
        {
            return SkipReasons.TooLarge(text.Length, options.MaxFileBytes);
        }

        if (text.AsSpan(0, Math.Min(text.Length, 8000)).Contains('\0'))
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

        return file.Hunks.Sum(hunk => hunk.Lines.Count(line => line.Kind == DiffLineKind.Added));
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
