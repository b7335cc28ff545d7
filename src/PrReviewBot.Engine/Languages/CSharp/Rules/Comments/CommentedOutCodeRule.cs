using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Comments;

/// <summary>
/// Runs of <c>//</c> lines that are C# code switched off. Each run of code-shaped comment lines
/// that parses as real statements or members is one finding; the suggestion deletes it.
/// </summary>
public sealed class CommentedOutCodeRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/commented-out-code",
        "Commented-out code",
        Category.Comments,
        Severity.Note,
        "Commented-out code is never compiled, tested or refactored, so it rots; readers cannot tell whether it is a fix waiting to be enabled or dead history, and it hides the comments that matter.",
        "Delete it: version control keeps the old code. If it must come back under a condition, use a feature flag or `#if` with a named symbol and say why.");

    private const int MaxDeletableLines = 10;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GeneratedCode.IsGeneratedFile(context))
        {
            return;
        }

        foreach (var (first, last, code) in CommentLines.Judge(context, Find, found => (found.First, found.Last)))
        {
            Report(context, first, last, code);
        }
    }

    /// <summary>The stretches of the runs that are commented-out code: first and last line, and their text.</summary>
    private static List<(int First, int Last, List<string> Code)> Find(IReadOnlyList<List<CommentLine>> runs)
    {
        var found = new List<(int First, int Last, List<string> Code)>();
        foreach (var run in runs)
        {
            if (run.Any(comment => CodeInComments.IsExample(comment.Text)))
            {
                continue;
            }

            var shapes = run.Select(comment => CodeInComments.ShapeOf(comment.Text)).ToArray();
            var start = 0;
            while (start < run.Count)
            {
                if (shapes[start] == CodeShape.Prose)
                {
                    start++;
                    continue;
                }

                var end = start;
                while (end + 1 < run.Count && shapes[end + 1] != CodeShape.Prose)
                {
                    end++;
                }

                if (shapes.AsSpan(start, end - start + 1).Contains(CodeShape.Code) && !ContinuesSentence(run, start))
                {
                    var code = run.Skip(start).Take(end - start + 1).Select(comment => comment.Text).ToList();
                    if (CodeInComments.ParsesAsCode(code))
                    {
                        found.Add((run[start].Line, run[end].Line, code));
                    }
                }

                start = end + 1;
            }
        }

        return found;
    }

    /// <summary>
    /// A prose line that runs on into the code (<c>// We used to call</c>, <c>// Old version:</c>) makes the
    /// code a quotation; one that says why it is off and when it comes back (<c>// Disabled until …</c>) explains it.
    /// </summary>
    private static bool ContinuesSentence(List<CommentLine> run, int start)
    {
        if (start == 0)
        {
            return false;
        }

        var previous = run[start - 1].Text.TrimEnd();
        return previous.Length > 0 && (DisabledCodeNotes.Explains(previous) || (!previous.EndsWith('.') && !previous.EndsWith('!') && !previous.EndsWith('?')));
    }

    private void Report(CSharpRuleContext context, int first, int last, List<string> code)
    {
        var head = code[0].Trim();
        if (head.Length > 60)
        {
            head = head[..57] + "...";
        }

        var message = first == last
            ? $"This comment is commented-out code (`{head}`); delete it, version control keeps the old code."
            : $"These {last - first + 1} comment lines are commented-out code, starting `{head}`; delete them, version control keeps the old code.";
        context.Report(this, first, last, message, last - first + 1 <= MaxDeletableLines ? string.Empty : null);
    }
}
