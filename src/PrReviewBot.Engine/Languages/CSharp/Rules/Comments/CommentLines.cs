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
    public static List<List<CommentLine>> Runs(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = new List<List<CommentLine>>();
        foreach (var trivia in context.Root.DescendantTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
            {
                continue;
            }

            var line = context.Text.Lines.GetLineFromPosition(trivia.SpanStart);
            if (!IsAloneOnLine(context, line.Start, trivia.SpanStart))
            {
                continue;
            }

            var text = trivia.ToString();
            // `//// old code` is still a comment: drop every leading slash.
            var body = text.TrimStart('/').Trim();
            var comment = new CommentLine(line.LineNumber + 1, body, trivia);
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
}
