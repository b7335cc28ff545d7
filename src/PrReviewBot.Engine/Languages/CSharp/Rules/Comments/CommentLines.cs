using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Comments;

/// <summary>A <c>//</c> comment that is alone on its line.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Text">The comment without <c>//</c> and surrounding whitespace.</param>
/// <param name="Trivia">The comment trivia; its token is the code the comment sits above.</param>
internal sealed record CommentLine(int Line, string Text, SyntaxTrivia Trivia);

/// <summary>
/// Gathers the file's own-line <c>//</c> comments grouped into runs of consecutive lines;
/// XML doc comments, <c>/* */</c> blocks and comments after code on the same line are left out.
/// </summary>
internal static class CommentLines
{
    /// <summary>
    /// The runs the comment rules judge, gathered once per file and shared by them: every run of the
    /// file when it is read whole; otherwise the runs that hold an added line, each still whole (a run
    /// is judged as one piece, so the lines around an added one decide what it is). Rules judge them
    /// through <see cref="Judge"/>.
    /// </summary>
    public static IReadOnlyList<List<CommentLine>> Runs(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.AnalyzesWholeFile ? AllRuns(context) : context.Fact(file => new ChangedRuns(RunsWithAddedLines(file))).Runs;
    }

    /// <summary>Every run of the file, gathered once per file.</summary>
    public static IReadOnlyList<List<CommentLine>> AllRuns(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(file => new FileRuns(Gather(file))).Runs;
    }

    /// <summary>
    /// The findings a comment rule makes of the runs the change holds, or of every run when one of those
    /// findings is on an added line: the review compares a file's findings with its base version's, where
    /// unchanged code claims its own first, so then it needs them all, as a whole-file reading has them.
    /// </summary>
    public static List<T> Judge<T>(CSharpRuleContext context, Func<IReadOnlyList<List<CommentLine>>, List<T>> judge, Func<T, (int First, int Last)> lines)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(lines);
        var found = judge(Runs(context));
        if (!context.AnalyzesWholeFile && found.Any(finding => lines(finding) is var (first, last) && context.ChangedLines.TouchesAdded(first, last)))
        {
            found = judge(AllRuns(context));
        }

        return found;
    }

    private static List<List<CommentLine>> Gather(CSharpRuleContext context)
    {
        var runs = new List<List<CommentLine>>();
        foreach (var trivia in context.Root.DescendantTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || DocumentationComments.Is(trivia))
            {
                continue;
            }

            var line = context.Text.Lines.GetLineFromPosition(trivia.SpanStart);
            if (!IsAloneOnLine(context, line.Start, trivia.SpanStart))
            {
                continue;
            }

            var comment = Comment(line.LineNumber + 1, trivia);
            if (runs.Count > 0 && runs[^1][^1].Line == comment.Line - 1)
            {
                runs[^1].Add(comment);
            }
            else
            {
                runs.Add([comment]);
            }
        }

        return runs;
    }

    /// <summary>
    /// A run is a stretch of consecutive lines that each hold an own-line comment, so the runs around
    /// the added lines are found from those lines alone: no walk over the rest of the file.
    /// </summary>
    private static List<List<CommentLine>> RunsWithAddedLines(CSharpRuleContext context)
    {
        var runs = new List<List<CommentLine>>();
        var lineCount = context.Text.Lines.Count;
        var covered = 0;
        foreach (var added in context.ChangedLines.Added.Order())
        {
            if (added <= covered || added > lineCount || OwnLineComment(context, added) is not { } comment)
            {
                continue;
            }

            var run = new List<CommentLine> { comment };
            for (var line = added - 1; line > covered && OwnLineComment(context, line) is { } above; line--)
            {
                run.Insert(0, above);
            }

            covered = added;
            for (var line = added + 1; line <= lineCount && OwnLineComment(context, line) is { } below; line++)
            {
                run.Add(below);
                covered = line;
            }

            runs.Add(run);
        }

        return runs;
    }

    /// <summary>The <c>//</c> comment that the 1-based line holds alone, or null.</summary>
    private static CommentLine? OwnLineComment(CSharpRuleContext context, int lineNumber)
    {
        var line = context.Text.Lines[lineNumber - 1];
        var position = line.Start;
        while (position < line.End && char.IsWhiteSpace(context.Text[position]))
        {
            position++;
        }

        // Cheap text test first; the tree then says whether the slashes are a comment (not a string's or inactive code's).
        if (position + 1 >= line.End || context.Text[position] != '/' || context.Text[position + 1] != '/')
        {
            return null;
        }

        var trivia = context.Root.FindTrivia(position);
        return trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.SpanStart == position && !DocumentationComments.Is(trivia) ? Comment(lineNumber, trivia) : null;
    }

    private static CommentLine Comment(int lineNumber, SyntaxTrivia trivia)
    {
        // `//// old code` is still a comment: drop every leading slash.
        var body = trivia.ToString().TrimStart('/').Trim();
        return new CommentLine(lineNumber, body, trivia);
    }

    private static bool IsAloneOnLine(CSharpRuleContext context, int lineStart, int commentStart)
    {
        for (var position = lineStart; position < commentStart; position++)
        {
            if (!char.IsWhiteSpace(context.Text[position]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every run, as one per-file fact: the comment rules walk the file's trivia once between them.</summary>
    private sealed class FileRuns(List<List<CommentLine>> runs)
    {
        public List<List<CommentLine>> Runs { get; } = runs;
    }

    /// <summary>The runs that hold an added line, as one per-file fact.</summary>
    private sealed class ChangedRuns(List<List<CommentLine>> runs)
    {
        public List<List<CommentLine>> Runs { get; } = runs;
    }
}
