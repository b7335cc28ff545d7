using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text;

/// <summary>
/// What a rule sees of one changed text file. Rules read the whole file for context, may look for
/// findings only on the added lines (unless <see cref="AnalyzesWholeFile"/>), and report freely; the
/// engine keeps only findings that touch a line the change added.
/// </summary>
public sealed class TextRuleContext : IWholeFileReading<TextRuleContext>, IFileOfRole
{
    private readonly List<RawFinding> findings;
    private readonly Lazy<TextLines> lines;

    internal TextRuleContext(
        string path,
        string text,
        ChangedLines changedLines,
        CodeRole role,
        ReviewOptions options,
        List<RawFinding> sink,
        CancellationToken cancellationToken)
    {
        Path = path;
        Text = text;
        ChangedLines = changedLines;
        Role = role;
        Options = options;
        findings = sink;
        CancellationToken = cancellationToken;
        lines = new Lazy<TextLines>(() => new TextLines(text), LazyThreadSafetyMode.None);
    }

    /// <summary>The same file read whole: its split lines shared, its options asking for every line.</summary>
    private TextRuleContext(TextRuleContext changed)
    {
        Path = changed.Path;
        Text = changed.Text;
        ChangedLines = changed.ChangedLines;
        Role = changed.Role;
        Options = changed.Options with { Scope = AnalysisScope.WholeFiles };
        findings = changed.findings;
        CancellationToken = changed.CancellationToken;
        lines = changed.lines;
    }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>
    /// The lines of <see cref="Text"/> without their line endings; line N is <c>Lines[N - 1]</c>. A line's text is made when
    /// it is first read: most rules read only the added lines.
    /// </summary>
    public IReadOnlyList<string> Lines => lines.Value;

    public ChangedLines ChangedLines { get; }

    public ReviewOptions Options { get; }

    /// <summary>
    /// True when rules look at every line: every line counts as added (a new file, a file reviewed by
    /// path), or the review asked for <see cref="AnalysisScope.WholeFiles"/>.
    /// </summary>
    public bool AnalyzesWholeFile => ChangedLines.EveryLine || Options.Scope == AnalysisScope.WholeFiles;

    /// <summary>What the file is for: tests, fixtures, migrations and examples get only the rules that make sense there.</summary>
    public CodeRole Role { get; }

    public CancellationToken CancellationToken { get; }

    string IFileOfRole.WholeText => Text;

    TextRuleContext? IWholeFileReading<TextRuleContext>.WholeFile() => AnalyzesWholeFile ? null : new TextRuleContext(this);

    bool IWholeFileReading<TextRuleContext>.IsOnAddedLine(RawFinding finding) => ChangedLines.TouchesAdded(finding.StartLine, finding.EndLine);

    /// <param name="replacement">Full text of lines <paramref name="startLine"/>..<paramref name="endLine"/> after the fix, without the final newline.</param>
    public void Report(TextRule rule, int startLine, int endLine, string message, string? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        findings.Add(new RawFinding(rule.Descriptor, Path, startLine, Math.Max(startLine, endLine), message, replacement));
    }

    /// <summary>Every line of the text at once, as <see cref="TextLines"/> splits them.</summary>
    internal static string[] SplitLines(string text) => [.. new TextLines(text)];
}
