using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Indentation;

/// <summary>
/// Logical lines indented with tabs in a space-indented module (or spaces in a tab-indented one),
/// or with tabs and spaces mixed on one line. Consecutive offending lines are one finding.
/// </summary>
public sealed class PythonMixedIndentationRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/mixed-indentation",
        "Tabs and spaces mixed in indentation",
        Category.Indentation,
        Severity.Note,
        "Python decides block structure from indentation; tabs among spaces look aligned in one editor and not in another, and Python 3 rejects ambiguous mixes with a TabError.",
        "Indent with spaces only (PEP 8), matching the rest of the module.")
    {
        JudgesWholeFile = true,
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = context.Module.Tokenization.Indentation.Where(line => line.Width > 0).ToList();
        var spaces = lines.Count(line => line.Style == PythonIndentStyle.Spaces);
        var tabs = lines.Count(line => line.Style == PythonIndentStyle.Tabs);
        var dominant = spaces > tabs ? PythonIndentStyle.Spaces : tabs > spaces ? PythonIndentStyle.Tabs : PythonIndentStyle.None;

        var all = context.Module.Tokenization.Indentation;
        var strings = PythonIndentation.MultilineStrings(context.Module);
        for (var index = 0; index < all.Count; index++)
        {
            if (!IsOffending(all[index], dominant))
            {
                continue;
            }

            var start = index;
            while (index + 1 < all.Count && IsOffending(all[index + 1], dominant))
            {
                index++;
            }

            // The run ends on the physical line before the next logical line, so continuation lines come along.
            var firstLine = all[start].Line;
            var lastLine = index + 1 < all.Count ? all[index + 1].Line - 1 : all[index].Line;
            while (lastLine > all[index].Line && context.LineText(lastLine).Trim().Length == 0)
            {
                lastLine--;
            }

            // One message per cause, whatever the line: the engine reports a whole-file cause once, with its count.
            var style = all[start].Style;
            var what = style == PythonIndentStyle.Mixed
                ? "Indentation mixes tabs and spaces"
                : $"Indented with {(style == PythonIndentStyle.Tabs ? "tabs" : "spaces")}";
            var module = dominant == PythonIndentStyle.Tabs ? "this module indents with tabs" : "this module indents with spaces";
            var replacement = dominant != PythonIndentStyle.Tabs && !PythonIndentation.Touches(strings, firstLine, lastLine)
                ? PythonIndentation.Reindent(context, firstLine, lastLine, 0)
                : null;
            context.Report(this, firstLine, lastLine, $"{what}; {module}.", replacement);
        }
    }

    private static bool IsOffending(PythonLineIndentation line, PythonIndentStyle dominant) =>
        line.Width > 0 && (line.Style == PythonIndentStyle.Mixed
            || (dominant != PythonIndentStyle.None && line.Style != dominant));
}
