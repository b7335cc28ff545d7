using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// What a rule sees of one changed Python file: its tokens and structural model. Rules analyse
/// the whole module (for context) and report freely; the engine keeps only findings that touch a
/// line the change added.
/// </summary>
public sealed class PythonRuleContext
{
    private readonly List<RawFinding> findings;
    private readonly Lazy<string[]> lines;
    private readonly Lazy<bool> isNewFile;

    internal PythonRuleContext(PythonSourceFile source, PythonModule module, PythonProjectHabits project, ReviewOptions options, List<RawFinding> sink, CancellationToken cancellationToken)
    {
        Project = project;
        Path = source.Path;
        Text = source.Text;
        Module = module;
        ChangedLines = source.ChangedLines;
        HasFullContent = source.HasFullContent;
        Role = source.Role;
        Options = options;
        findings = sink;
        CancellationToken = cancellationToken;
        lines = new Lazy<string[]>(() => Text.Split('\n').Select(line => line.TrimEnd('\r')).ToArray());
        isNewFile = new Lazy<bool>(() => ChangedLines.EveryLine || (HasFullContent && IsWholeFileAdded(ChangedLines, lines.Value)));
    }

    /// <summary>What the project's other, existing modules in the change do; a new module follows them.</summary>
    public PythonProjectHabits Project { get; }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>Tokens and the structural model (imports, definitions, assignments, names read, calls).</summary>
    public PythonModule Module { get; }

    public ChangedLines ChangedLines { get; }

    /// <summary>False when only the diff's hunks were available: lines outside them are blank.</summary>
    public bool HasFullContent { get; }

    public ReviewOptions Options { get; }

    /// <summary>What the file is for: tests, fixtures, migrations and examples get only the rules that make sense there.</summary>
    public CodeRole Role { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// True when the change wrote the whole file (every non-blank line is added): there are no
    /// habits of its own to follow yet, so the language's conventions are the bar.
    /// </summary>
    public bool IsNewFile => isNewFile.Value;

    /// <summary>True when the change added every non-blank line of the text.</summary>
    internal static bool IsWholeFileAdded(ChangedLines changed, string text) => changed.EveryLine || IsWholeFileAdded(changed, text.Split('\n'));

    private static bool IsWholeFileAdded(ChangedLines changed, string[] lines) =>
        Enumerable.Range(1, lines.Length).All(line => lines[line - 1].Trim().Length == 0 || changed.IsAdded(line));

    /// <summary>
    /// True when the change added every non-blank line of <paramref name="first"/>..<paramref name="last"/>:
    /// a definition the change wrote, not one whose signature it edited (annotations added, a parameter renamed).
    /// </summary>
    public bool IsWhollyAdded(int first, int last)
    {
        for (var line = first; line <= last; line++)
        {
            if (!ChangedLines.IsAdded(line) && LineText(line).Trim().Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text of a 1-based line without its line break (empty past the end).</summary>
    public string LineText(int line) => line >= 1 && line <= lines.Value.Length ? lines.Value[line - 1] : string.Empty;

    /// <param name="replacement">Full text of lines <paramref name="startLine"/>..<paramref name="endLine"/> after the fix, without the final newline.</param>
    public void Report(PythonRule rule, int startLine, int endLine, string message, string? replacement = null) =>
        Report(rule, startLine, endLine, message, rule?.Descriptor.Severity ?? Severity.Error, replacement);

    /// <summary>Reports a finding at a severity other than the rule's own (a weaker form of the defect).</summary>
    public void Report(PythonRule rule, int startLine, int endLine, string message, Severity severity, string? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        endLine = Math.Max(startLine, endLine);
        findings.Add(new RawFinding(rule.Descriptor, Path, startLine, endLine, message, replacement)
        {
            Scope = ScopeAt(startLine),
            Severity = severity,
        });
    }

    /// <summary>True when the rule already reported a finding that covers the line.</summary>
    public bool Covers(PythonRule rule, int line) =>
        findings.Any(finding => ReferenceEquals(finding.Rule, rule.Descriptor) && finding.StartLine <= line && line <= finding.EndLine);

    /// <summary>The qualified name of the innermost def or class around a line (<c>Class.method</c>), or null at module level.</summary>
    public string? ScopeAt(int line)
    {
        PythonDefinition? innermost = null;
        foreach (var definition in Module.Definitions)
        {
            if (definition.Line <= line && line <= definition.EndLine && (innermost is null || definition.Line >= innermost.Line))
            {
                innermost = definition;
            }
        }

        return innermost?.QualifiedName;
    }
}
