using System.Text;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text.Rules.Indentation;

/// <summary>
/// Lines indented with tabs in a file indented with spaces (or the reverse), and lines whose
/// indentation puts spaces before a tab. Consecutive lines are reported together with one
/// suggestion in the file's dominant style. Files where tabs are the rule (Makefiles, Go, TSV),
/// files another rule covers (C#, Python), markdown, patches and generated or vendored files are skipped.
/// </summary>
public sealed partial class MixedIndentationRule : TextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "text/mixed-indentation",
        "Indentation mixes tabs and spaces",
        Category.Indentation,
        Severity.Note,
        "Tabs and spaces render differently in each editor, diff view and review tool, so text that looks aligned to its author shows up misaligned to everyone else; YAML rejects tabs outright.",
        "Indent with the style the rest of the file uses, and set `indent_style` in `.editorconfig` so editors keep it that way.");

    private const int TabWidth = 4;

    private static readonly string[] SkippedExtensions =
        [".mk", ".go", ".cs", ".py", ".pyi", ".tsv", ".md", ".markdown", ".mdx", ".patch", ".diff"];

    private static readonly HashSet<string> SkippedNames = new(StringComparer.OrdinalIgnoreCase) { "Makefile", "GNUmakefile", "makefile" };

    private enum Style
    {
        None,
        Tabs,
        Spaces,
    }

    public override void Analyze(TextRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Path[(context.Path.LastIndexOf('/') + 1)..];
        if (SkippedNames.Contains(name)
            || SkippedExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            || TextFileKinds.SkipReason(context.Path, context.Text) is not null)
        {
            return;
        }

        var lines = context.Lines;
        var heredoc = TabHeredocLines(context.Text, lines);
        var dominant = DominantStyle(lines, heredoc);
        var start = -1;
        var runAdded = false;
        for (var line = 0; line <= lines.Count; line++)
        {
            var bad = line < lines.Count && !IsInHeredoc(heredoc, line) && IsWrong(lines[line], dominant);
            var added = line < lines.Count && context.ChangedLines.IsAdded(line + 1);
            if (start >= 0 && (!bad || added != runAdded))
            {
                ReportRun(context, dominant, start, line - 1);
                start = -1;
            }

            if (bad && start < 0)
            {
                start = line;
                runAdded = added;
            }
        }
    }

    /// <summary>The style most indented lines use; block-comment continuations (<c> * text</c>) do not vote.</summary>
    private static Style DominantStyle(IReadOnlyList<string> lines, bool[]? heredoc)
    {
        var tabs = 0;
        var spaces = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.Length == 0 || IsCommentContinuation(line) || IsInHeredoc(heredoc, index))
            {
                continue;
            }

            var leading = Leading(line);
            if (line[0] == '\t' && !leading.Contains(' '))
            {
                tabs++;
            }
            else if (line[0] == ' ' && !leading.Contains('\t') && leading.Length < line.Length)
            {
                spaces++;
            }
        }

        return tabs > spaces ? Style.Tabs : spaces > tabs ? Style.Spaces : Style.None;
    }

    private static bool IsWrong(string line, Style dominant)
    {
        var leading = Leading(line);
        if (leading.Length == 0 || leading.Length == line.Length)
        {
            return false;
        }

        var hasTabs = leading.Contains('\t');
        var hasSpaces = leading.Contains(' ');
        if (leading.IndexOf(" \t", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        return dominant switch
        {
            Style.Spaces => hasTabs,

            // Tab style: tabs, then a few spaces to align (or to start a ` * ` comment line), is fine.
            Style.Tabs => hasSpaces && !IsCommentContinuation(line) && leading.Length - leading.TrimEnd(' ').Length >= TabWidth,
            _ => false,
        };
    }

    private void ReportRun(TextRuleContext context, Style dominant, int first, int last)
    {
        var lines = context.Lines;
        string? replacement = null;
        if (dominant != Style.None)
        {
            var builder = new StringBuilder();
            for (var line = first; line <= last; line++)
            {
                var text = lines[line];
                var leading = Leading(text);
                if (line > first)
                {
                    builder.Append('\n');
                }

                builder.Append(Render(Column(leading), dominant)).Append(text.AsSpan(leading.Length));
            }

            replacement = builder.ToString();
        }

        var firstLeading = Leading(lines[first]);
        var hasTabs = firstLeading.Contains('\t');
        var hasSpaces = firstLeading.Contains(' ');
        var used = hasTabs && hasSpaces ? "a mix of tabs and spaces" : hasTabs ? "tabs" : "spaces";
        var subject = first == last ? "This line is" : $"These {last - first + 1} lines are";
        var expectation = dominant switch
        {
            Style.Spaces => "; the rest of this file indents with spaces.",
            Style.Tabs => "; the rest of this file indents with tabs.",
            _ => ", with spaces before a tab.",
        };
        context.Report(this, first + 1, last + 1, $"{subject} indented with {used}{expectation}", replacement);
    }

    /// <summary>
    /// Lines of shell <c>&lt;&lt;-WORD</c> here-documents, whose leading tabs the shell strips on purpose;
    /// null when the file has none.
    /// </summary>
    private static bool[]? TabHeredocLines(string text, IReadOnlyList<string> lines)
    {
        if (!text.Contains("<<-", StringComparison.Ordinal))
        {
            return null;
        }

        var inside = new bool[lines.Count];
        string? delimiter = null;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (delimiter is not null)
            {
                inside[index] = true;
                if (line.TrimStart('\t') == delimiter)
                {
                    delimiter = null;
                }
            }
            else if (HeredocStart().Match(line) is { Success: true } start)
            {
                delimiter = start.Groups["word"].Value;
            }
        }

        return inside;
    }

    private static bool IsInHeredoc(bool[]? heredoc, int line) => heredoc is not null && heredoc[line];

    /// <summary>The line's indentation: read in place, every line of the file is measured.</summary>
    private static ReadOnlySpan<char> Leading(string line)
    {
        var length = 0;
        while (length < line.Length && line[length] is ' ' or '\t')
        {
            length++;
        }

        return line.AsSpan(0, length);
    }

    /// <summary>The visual column the indentation reaches, with tab stops every <see cref="TabWidth"/> columns.</summary>
    private static int Column(ReadOnlySpan<char> leading)
    {
        var column = 0;
        foreach (var character in leading)
        {
            column = character == '\t' ? (column / TabWidth + 1) * TabWidth : column + 1;
        }

        return column;
    }

    private static string Render(int column, Style style) => style == Style.Tabs
        ? new string('\t', column / TabWidth) + new string(' ', column % TabWidth)
        : new string(' ', column);

    private static bool IsCommentContinuation(string line)
    {
        var trimmed = line.AsSpan().TrimStart(" \t");
        return trimmed.Length > 0 && trimmed[0] == '*' && (trimmed.Length == 1 || trimmed[1] is ' ' or '/' or '*');
    }

    [GeneratedRegex("""<<-\s*["']?(?<word>[A-Za-z_][A-Za-z0-9_]*)["']?""", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex HeredocStart();
}
