using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Languages.Python.Rules.Comments;

/// <summary>A <c>#</c> comment alone on its line: its line number and the text after the <c>#</c>, trimmed.</summary>
internal sealed record PythonCommentLine(int Line, string Text, string Raw);

internal static partial class PythonCommentLines
{
    /// <summary>
    /// Runs of comment-only lines on consecutive lines, in source order; made once per file for the rules that read
    /// them. A run lies between two statements, so it lies in one piece of the module's changed code or another.
    /// </summary>
    public static List<List<PythonCommentLine>> Runs(PythonRuleContext context) => context.Fact(Read);

    private static List<List<PythonCommentLine>> Read(PythonRuleContext context)
    {
        var runs = new List<List<PythonCommentLine>>();
        foreach (var token in context.Module.Comments)
        {
            var lineText = context.LineSpan(token.Start.Line);
            if (!lineText[..Math.Min(token.Start.Column, lineText.Length)].IsWhiteSpace())
            {
                continue;
            }

            var comment = new PythonCommentLine(token.Start.Line, token.Text.TrimStart('#').Trim(), token.Text);
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

    /// <summary>Shebangs, coding cookies and tool directives (<c># type:</c>, <c># noqa</c>, <c># pragma</c>, <c># pylint:</c>…).</summary>
    public static bool IsDirective(PythonCommentLine comment) =>
        comment.Raw.StartsWith("#!", StringComparison.Ordinal) || Directive().IsMatch(comment.Text) || Cookie().IsMatch(comment.Raw);

    [GeneratedRegex(@"^(?:type\s*:|noqa\b|pragma\b|pylint\s*:|mypy\s*:|pyright\s*:|fmt\s*:|isort\s*:|ruff\s*:|flake8\s*:)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    [GeneratedRegex(@"coding[:=]\s*[-\w.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Cookie();
}
