using System.Text;

namespace PrReviewBot.Engine.Languages.Python.Rules.Indentation;

/// <summary>One indented block: its first logical line, its width, and the step from the enclosing level.</summary>
internal sealed record PythonBlock(int Line, int Width, int Step, PythonIndentStyle Style);

/// <summary>What the indentation rules share: the blocks of a module and how to re-indent lines.</summary>
internal static class PythonIndentation
{
    /// <summary>
    /// Each increase in indentation, found by walking the logical lines' widths as CPython's INDENT tokens do.
    /// Only blocks opened by a line ending in <c>:</c> count: in a view rebuilt from hunks, the first line of a
    /// hunk seems indented from nothing, and must not pass for a block.
    /// </summary>
    public static List<PythonBlock> Blocks(PythonRuleContext context)
    {
        var blocks = new List<PythonBlock>();
        var stack = new List<int> { 0 };
        var code = context.Module.Tokens
            .Where(token => token.Kind is not (PythonTokenKind.Comment or PythonTokenKind.Newline or PythonTokenKind.NonLogicalNewline
                or PythonTokenKind.Indent or PythonTokenKind.Dedent or PythonTokenKind.EndMarker))
            .ToList();
        foreach (var line in context.Module.Tokenization.Indentation)
        {
            if (line.Width > stack[^1])
            {
                if (OpensBlock(code, line.Line))
                {
                    blocks.Add(new PythonBlock(line.Line, line.Width, line.Width - stack[^1], line.Style));
                }

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

    /// <summary>The nearest code token above <paramref name="line"/> is a <c>:</c> (a trailing comment aside).</summary>
    private static bool OpensBlock(List<PythonToken> code, int line)
    {
        int low = 0, high = code.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (code[middle].Start.Line < line)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && code[found].IsOp(":");
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

    /// <summary>The line ranges of string literals that span several lines: re-indenting them would change their value.</summary>
    public static List<(int First, int Last)> MultilineStrings(PythonModule module) =>
        [.. module.Tokens
            .Where(token => token.Kind == PythonTokenKind.StringLiteral && token.End.Line > token.Start.Line)
            .Select(token => (token.Start.Line, token.End.Line))];

    public static bool Touches(List<(int First, int Last)> ranges, int first, int last) =>
        ranges.Any(range => range.Last >= first && range.First <= last);
}
