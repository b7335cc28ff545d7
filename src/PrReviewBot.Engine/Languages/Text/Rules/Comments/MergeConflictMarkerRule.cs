using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text.Rules.Comments;

/// <summary>
/// Conflict markers git leaves when a merge or rebase stops: <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; ours</c>, <c>|||||||</c>
/// (diff3), <c>=======</c> and <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs</c>, each at the start of its own line. One finding per
/// conflict. A line of equals signs only counts inside an open conflict, so markdown and reST
/// heading underlines stay quiet; examples inside markdown code fences are documentation.
/// Lock files and generated files are read too: a conflicted lock file is a classic.
/// </summary>
public sealed class MergeConflictMarkerRule : TextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "text/merge-conflict-marker",
        "Unresolved merge conflict",
        Category.Comments,
        Severity.Error,
        "Conflict markers mean both sides of a merge are still in the file, so it no longer parses, builds or behaves as either side intended.",
        "Pick or combine the two sides, delete every marker line, and rerun the build and tests before pushing.");

    private static readonly string[] MarkdownExtensions = [".md", ".markdown", ".mdx", ".rst", ".adoc", ".txt"];

    public override void Analyze(TextRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Every conflict opens with seven '<' at the start of a line: a file without them is read no further.
        if (!context.Text.Contains("<<<<<<<", StringComparison.Ordinal))
        {
            return;
        }

        var lines = context.Lines;
        var documentation = MarkdownExtensions.Any(extension => context.Path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
        var inFence = false;
        var open = -1;
        var last = -1;
        var sawSeparator = false;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (documentation && IsFence(line))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence || line.Length < 7)
            {
                continue;
            }

            if (IsMarker(line, '<'))
            {
                if (open >= 0)
                {
                    ReportConflict(context, open, last, sawSeparator);
                }

                open = last = index;
                sawSeparator = false;
            }
            else if (open >= 0 && (IsMarker(line, '|') || IsSeparator(line)))
            {
                last = index;
                sawSeparator |= line[0] == '=';
            }
            else if (open >= 0 && IsMarker(line, '>'))
            {
                ReportConflict(context, open, index, sawSeparator: true);
                open = -1;
            }
        }

        if (open >= 0)
        {
            ReportConflict(context, open, last, sawSeparator);
        }
    }

    private void ReportConflict(TextRuleContext context, int first, int last, bool sawSeparator)
    {
        var message = first == last || !sawSeparator
            ? "A merge conflict marker `<<<<<<<` is left in the file; the conflict was only partly resolved."
            : $"An unresolved merge conflict (lines {first + 1}–{last + 1}) is left in the file: both sides and the `<<<<<<<`/`=======`/`>>>>>>>` markers are still here.";
        context.Report(this, first + 1, last + 1, message);
    }

    /// <summary>Seven marker characters at the start of the line, then a space or nothing: <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD</c>.</summary>
    private static bool IsMarker(string line, char marker)
    {
        for (var index = 0; index < 7; index++)
        {
            if (line[index] != marker)
            {
                return false;
            }
        }

        return line.Length == 7 || line[7] == ' ';
    }

    private static bool IsSeparator(string line) => line.TrimEnd() == "=======";

    private static bool IsFence(string line)
    {
        var trimmed = line.TrimStart(' ');
        return line.Length - trimmed.Length < 4 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal));
    }
}
