using System.Globalization;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Indentation;

/// <summary>
/// A block indented by a step other than the module's dominant one (2 spaces in a 4-space
/// module). Only space-indented blocks are judged; tabs are the mixed-indentation rule's business.
/// </summary>
public sealed class PythonIndentationWidthRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/indentation-width",
        "Inconsistent indentation width",
        Category.Indentation,
        Severity.Note,
        "A block indented by a different step than the rest of the module breaks the visual rhythm readers use to see nesting, and usually marks pasted code.",
        "Re-indent the block by the module's step (PEP 8 recommends 4 spaces).")
    {
        JudgesWholeFile = true,
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var blocks = PythonIndentation.Blocks(context);
        var steps = blocks
            .Where(block => block.Style == PythonIndentStyle.Spaces)
            .GroupBy(block => block.Step)
            .Select(group => (Step: group.Key, Count: group.Count()))
            .OrderByDescending(group => group.Count)
            .ToList();
        if (steps.Count < 2 || steps[0].Count < 2 || steps[0].Count == steps[1].Count)
        {
            return;
        }

        var dominant = steps[0].Step;
        var indentation = context.Module.Tokenization.Indentation;
        var indexOfLine = new Dictionary<int, int>();
        for (var index = 0; index < indentation.Count; index++)
        {
            indexOfLine[indentation[index].Line] = index;
        }

        var lineCount = context.Text.AsSpan().Count('\n') + 1;
        var strings = PythonIndentation.MultilineStrings(context.Module);
        var offStep = blocks
            .Where(block => block.Style == PythonIndentStyle.Spaces && block.Step != dominant)
            .Select(block => (Block: block, LastLine: LastLine(context, indentation, indexOfLine[block.Line], lineCount, block)))
            .ToList();
        foreach (var (block, lastLine) in offStep)
        {
            // Shifting a block that holds (or sits in) another off-step block would fix one and not the other.
            var overlaps = offStep.Any(other => other.Block != block && other.Block.Line <= lastLine && other.LastLine >= block.Line);
            var delta = dominant - block.Step;
            var replacement = !overlaps
                && !PythonIndentation.Touches(strings, block.Line, lastLine)
                && AllSpaces(context, block.Line, lastLine)
                ? PythonIndentation.Reindent(context, block.Line, lastLine, delta)
                : null;
            context.Report(
                this,
                block.Line,
                lastLine,
                string.Create(CultureInfo.InvariantCulture, $"Block indented by {block.Step} spaces; this module indents by {dominant}."),
                replacement);
        }
    }

    /// <summary>The block's last physical line: before the next logical line at a shallower width, without trailing blank or comment lines.</summary>
    private static int LastLine(PythonRuleContext context, IReadOnlyList<PythonLineIndentation> indentation, int start, int lineCount, PythonBlock block)
    {
        var end = start + 1;
        while (end < indentation.Count && indentation[end].Width >= block.Width)
        {
            end++;
        }

        var last = end < indentation.Count ? indentation[end].Line - 1 : Math.Max(block.Line, lineCount);
        while (last > block.Line && (context.LineText(last).Trim().Length == 0 || context.LineText(last).TrimStart().StartsWith('#')))
        {
            last--;
        }

        return last;
    }

    private static bool AllSpaces(PythonRuleContext context, int first, int last)
    {
        for (var line = first; line <= last; line++)
        {
            var text = context.LineText(line);
            if (text.Trim().Length > 0 && text[..PythonIndentation.Leading(text).Length].Contains('\t', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
