using System.Globalization;
using System.Text.RegularExpressions;

namespace PrReviewBot.FakeGitHub;

/// <summary>
/// The lines of a file's patch a review comment may sit on, as GitHub decides it: on the RIGHT
/// side, any added or context line of a hunk; a range (<c>start_line</c>..<c>line</c>) only
/// within one hunk. Written apart from the engine's parser on purpose, so the fake does not
/// share the product's mistakes.
/// </summary>
public sealed partial class DiffLines
{
    private readonly List<HashSet<int>> hunks = [];

    private DiffLines()
    {
    }

    public static DiffLines Parse(string? patch)
    {
        var result = new DiffLines();
        if (string.IsNullOrEmpty(patch))
        {
            return result;
        }

        HashSet<int>? current = null;
        var line = 0;
        foreach (var text in patch.Split('\n'))
        {
            var header = HunkHeader().Match(text);
            if (header.Success)
            {
                line = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
                current = [];
                result.hunks.Add(current);
                continue;
            }

            if (current is null || text.Length == 0 || text[0] == '\\')
            {
                continue;
            }

            if (text[0] is '+' or ' ')
            {
                current.Add(line++);
            }
        }

        return result;
    }

    /// <summary>True when GitHub would take a comment on <paramref name="line"/> (or the range from <paramref name="startLine"/>) on the RIGHT side.</summary>
    public bool Accepts(int line, int? startLine) =>
        hunks.Any(hunk => hunk.Contains(line) && (startLine is null || (startLine < line && hunk.Contains(startLine.Value))));

    [GeneratedRegex(@"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}
