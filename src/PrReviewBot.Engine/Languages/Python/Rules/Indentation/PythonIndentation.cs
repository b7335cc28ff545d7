using System.Text;

namespace PrReviewBot.Engine.Languages.Python.Rules.Indentation;

/// <summary>One indented block: its first logical line, its width, and the step from the enclosing level.</summary>
internal sealed record PythonBlock(int Line, int Width, int Step, PythonIndentStyle Style);

/// <summary>What the indentation rules share: the blocks of a module and how to re-indent lines.</summary>
internal static class PythonIndentation
{
    /// <summary>Each increase in indentation, found by walking the logical lines' widths as CPython's INDENT tokens do.</summary>
    public static List<PythonBlock> Blocks(PythonModule module)
    {
        var blocks = new List<PythonBlock>();
        var stack = new List<int> { 0 };
        foreach (var line in module.Tokenization.Indentation)
        {
            if (line.Width > stack[^1])
            {
                blocks.Add(new PythonBlock(line.Line, line.Width, line.Width - stack[^1], line.Style));
                stack.Add(line.Width);
                continue;
            }

            while (stack.Count > 1 && stack[^1] > line.Width)
            {
                stack.RemoveAt(stack.Count - 1);
            }
        }

        return blocks;
    }

    /// <summary>The leading whitespace's width in columns, tabs to multiples of 8 as CPython counts them.</summary>
    public static (int Width, int Length) Leading(string line)
    {
        var width = 0;
        var length = 0;
        while (length < line.Length && line[length] is ' ' or '\t')
        {
            width = line[length] == '\t' ? ((width / 8) + 1) * 8 : width + 1;
            length++;
        }

        return (width, length);
    }

    /// <summary>Lines <paramref name="first"/>..<paramref name="last"/> with their leading whitespace rewritten as spaces, widened by <paramref name="delta"/>.</summary>
    public static string Reindent(PythonRuleContext context, int first, int last, int delta)
    {
        var builder = new StringBuilder();
        for (var line = first; line <= last; line++)
        {
            var text = context.LineText(line);
            if (line > first)
            {
                builder.Append('\n');
            }

            if (text.Trim().Length == 0)
            {
                builder.Append(text);
                continue;
            }

            var (width, length) = Leading(text);
            builder.Append(' ', Math.Max(0, width + delta)).Append(text, length, text.Length - length);
        }

        return builder.ToString();
    }

    /// <summary>True when a string literal spanning several lines touches the range: re-indenting would change its value.</summary>
    public static bool HasMultilineString(PythonModule module, int first, int last) =>
        module.Tokens.Any(token => token.Kind == PythonTokenKind.StringLiteral
            && token.End.Line > token.Start.Line
            && token.End.Line >= first
            && token.Start.Line <= last);
}
