using System.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;

/// <summary>
/// Lines indented with tabs in a file indented with spaces (or the reverse, or against
/// <c>indent_style</c> in <c>.editorconfig</c>), and lines whose indentation mixes both.
/// Consecutive lines are reported together with one suggestion that converts them.
/// </summary>
public sealed class MixedIndentationRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/mixed-indentation",
        "Indentation mixes tabs and spaces",
        Category.Indentation,
        Severity.Note,
        "Tabs and spaces render differently in each editor, diff view and review tool, so code that looks aligned to its author shows up misaligned to everyone else and blocks become hard to follow.",
        "Indent with the file's style (the one `.editorconfig` sets, when it sets one); let the editor convert tabs to spaces or the reverse, and keep `indent_style` in `.editorconfig` so it stays that way.")
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

        // Runs split where added lines meet unchanged ones, so a finding the review keeps starts on an added
        // line that is wrong: when the added lines alone say none is, the whole file need not be read.
        if (!context.AnalyzesWholeFile && AddedLineIndentation.For(context) is { Style: { } style } addedLines
            && !addedLines.AddedLines.Any(line => (style == IndentStyle.Tab || addedLines.HasTabInIndentation(line))
                && IsWrong(addedLines.Leading(line), style, addedLines.TabWidth, () => addedLines.Expectation(line) is not null)))
        {
            return;
        }

        var profile = IndentationProfile.For(context);
        if (profile.DominantStyle is null && profile.EditorConfig.IndentStyle is null)
        {
            return;
        }

        var start = -1;
        var runAdded = false;
        for (var line = 0; line <= profile.Leading.Length; line++)
        {
            var bad = line < profile.Leading.Length && IsWrong(profile.Leading[line], profile.Style, profile.TabWidth, () => profile.Expectations[line] is not null);
            var added = line < profile.Leading.Length && context.ChangedLines.IsAdded(line + 1);
            if (start >= 0 && (!bad || added != runAdded))
            {
                ReportRun(context, profile, start, line - 1);
                start = -1;
            }

            if (bad && start < 0)
            {
                start = line;
                runAdded = added;
            }
        }
    }

    /// <param name="leading">The line's indentation; null for lines that are not judged.</param>
    /// <param name="startsConstruct">Whether the line starts a statement, member, brace or clause (asked only of tab-indented files).</param>
    private static bool IsWrong(string? leading, IndentStyle style, int tabWidth, Func<bool> startsConstruct)
    {
        if (string.IsNullOrEmpty(leading))
        {
            return false;
        }

        if (style == IndentStyle.Space)
        {
            return leading.Contains('\t', StringComparison.Ordinal);
        }

        // Tab style: code that starts a construct is indented with tabs only; continuation lines
        // may align with spaces after the tabs, but never put spaces before a tab.
        var spaceBeforeTab = leading.Contains(" \t", StringComparison.Ordinal);
        var leadingSpaces = leading.Length - leading.TrimStart(' ').Length;
        return spaceBeforeTab
            || (startsConstruct() && leading.Contains(' ', StringComparison.Ordinal))
            || leadingSpaces >= tabWidth;
    }

    private void ReportRun(CSharpRuleContext context, IndentationProfile profile, int first, int last)
    {
        var replacement = new StringBuilder();
        for (var line = first; line <= last; line++)
        {
            var text = context.LineText(line + 1);
            var leading = profile.Leading[line] ?? string.Empty;
            if (line > first)
            {
                replacement.Append('\n');
            }

            replacement.Append(profile.Render(profile.Column(line))).Append(text.AsSpan(leading.Length));
        }

        var firstLeading = profile.Leading[first]!;
        var hasTabs = firstLeading.Contains('\t', StringComparison.Ordinal);
        var hasSpaces = firstLeading.Contains(' ', StringComparison.Ordinal);
        var used = hasTabs && hasSpaces ? "a mix of tabs and spaces" : hasTabs ? "tabs" : "spaces";
        var wanted = profile.Style == IndentStyle.Space ? "spaces" : "tabs";
        var rule = profile.EditorConfig.IndentStyle is null
            ? $"the rest of this file indents with {wanted}"
            : $"`.editorconfig` sets `indent_style = {(profile.Style == IndentStyle.Space ? "space" : "tab")}`";
        // One message per cause: the engine folds a file's findings by message and counts the lines.
        context.Report(this, first + 1, last + 1, $"Indented with {used}; {rule}.", replacement.ToString());
    }
}
