using System.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;

/// <summary>
/// Lines that start a statement, member, brace or clause at a width that does not match the
/// file's indentation unit (or <c>indent_size</c>): each is measured from the line it belongs
/// under, so one misplaced line is one finding. A construct shifted as a whole is one finding
/// over all its lines. Continuation lines (wrapped arguments, chains, initializers) are never judged.
/// </summary>
public sealed class IndentationWidthRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/indentation-width",
        "Indentation width inconsistent with the file",
        Category.Indentation,
        Severity.Note,
        "Indentation is how a reader sees nesting; a statement indented by a different width looks like it belongs to another block, which hides the real control flow.",
        "Indent each level by the file's unit (the `indent_size` in `.editorconfig`, when it sets one); an editor's format-document command fixes the whole block.")
    {
        JudgesWholeFile = true,
    };

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GeneratedCode.IsGeneratedFile(context))
        {
            return;
        }

        // The rule counts over the whole file, but the review keeps its findings only when one starts on an
        // added line (a construct shifted as a whole is reported from its first line): when the added lines
        // alone say none does, the whole file need not be read.
        if (!context.AnalyzesWholeFile && AddedLineIndentation.For(context) is { Unit: not null } addedLines
            && !addedLines.AddedLines.Any(addedLines.IsFlagged))
        {
            return;
        }

        var profile = IndentationProfile.For(context);
        if (profile.Unit is not { } unit)
        {
            return;
        }

        var lineCount = profile.Leading.Length;
        var corrected = new int[lineCount];
        var expected = new int?[lineCount];
        for (var line = 0; line < lineCount; line++)
        {
            if (profile.Leading[line] is null)
            {
                continue;
            }

            corrected[line] = profile.Column(line);
            if (profile.Expectations[line] is not { } expectation || !profile.IsClean(line)
                || (expectation.AnchorLine >= 0 && profile.Leading[expectation.AnchorLine] is null))
            {
                continue;
            }

            var anchor = expectation.AnchorLine < 0 ? 0 : corrected[expectation.AnchorLine];
            var actual = corrected[line];
            if (!expectation.Units.Any(units => profile.AcceptedUnits.Any(accepted => anchor + (units * accepted) == actual)))
            {
                expected[line] = anchor + (expectation.Units[0] * unit);
                corrected[line] = expected[line]!.Value;
            }
        }

        for (var line = 0; line < lineCount; line++)
        {
            if (expected[line] is not { } column)
            {
                continue;
            }

            line = ReportLine(context, profile, line, column, expected);
        }
    }

    /// <summary>Reports one line, or the whole construct it starts when every line of it is off by the same amount; returns the last line covered.</summary>
    private int ReportLine(CSharpRuleContext context, IndentationProfile profile, int line, int column, int?[] expected)
    {
        var expectation = profile.Expectations[line]!;
        var actual = profile.Column(line);
        var delta = column - actual;
        var last = line;
        if (expectation.Node is { } node)
        {
            var end = context.LineOf(node.Span.End) - 1;
            if (end > line && IsUniformShift(context, profile, line, end, delta, expected))
            {
                last = end;
            }
        }

        var how = profile.EditorConfig.IndentSize is not null
            ? $"`.editorconfig` sets `indent_size = {profile.EditorConfig.IndentSize}`"
            : profile.Style == Configuration.IndentStyle.Tab
                ? "this file indents with one tab per level"
                : $"this file indents by {profile.Describe(profile.Unit!.Value)}";
        // One message per cause: the engine folds a file's findings by message and counts the lines;
        // the suggestion block shows each line's right column.
        context.Report(
            this,
            line + 1,
            last + 1,
            $"Indented by a width that does not match its nesting depth ({how}).",
            Shift(context, profile, line, last, delta));
        return last;
    }

    /// <summary>
    /// True when the lines after <paramref name="first"/> are all added, outside multi-line strings,
    /// and every line that starts a construct is off by exactly <paramref name="delta"/> too.
    /// </summary>
    private static bool IsUniformShift(CSharpRuleContext context, IndentationProfile profile, int first, int last, int delta, int?[] expected)
    {
        for (var line = first; line <= last; line++)
        {
            if (!context.ChangedLines.IsAdded(line + 1))
            {
                return false;
            }

            var blank = string.IsNullOrWhiteSpace(context.LineText(line + 1));
            if (!blank && profile.Leading[line] is null)
            {
                return false;
            }

            if (line > first && !blank)
            {
                var column = profile.Column(line);
                if (expected[line] is { } wanted ? wanted - column != delta : profile.Expectations[line] is not null)
                {
                    return false;
                }

                if (column + delta < 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Shift(CSharpRuleContext context, IndentationProfile profile, int first, int last, int delta)
    {
        var builder = new StringBuilder();
        for (var line = first; line <= last; line++)
        {
            if (line > first)
            {
                builder.Append('\n');
            }

            var text = context.LineText(line + 1);
            if (string.IsNullOrWhiteSpace(text))
            {
                builder.Append(text);
                continue;
            }

            var leading = profile.Leading[line] ?? string.Empty;
            builder.Append(profile.Render(profile.Column(line) + delta)).Append(text.AsSpan(leading.Length));
        }

        return builder.ToString();
    }
}
