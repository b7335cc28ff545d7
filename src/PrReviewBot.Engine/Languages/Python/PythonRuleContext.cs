using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// What a rule sees of one changed Python file: its tokens and structural model. Rules may read the
/// whole module for context, but visit only the changed code (<see cref="ChangedCalls"/>,
/// <see cref="ChangedAssignments"/>, <see cref="TouchesChange"/>…): the statements, defs and class
/// members that touch an added line. They report freely; the engine keeps only findings that touch
/// a line the change added.
/// </summary>
public sealed class PythonRuleContext : IWholeFileReading<PythonRuleContext>, IFileOfRole
{
    private readonly List<RawFinding> findings;
    // Where each line starts: lines are cut out when a rule asks for one, not all at once for every file.
    private readonly Lazy<int[]> lineStarts;
    private readonly Lazy<bool> isNewFile;
    private readonly Lazy<PythonChangedCode?> changedCode;

    // Rules run one after another on a file, so the shared facts and lists need no locking.
    private readonly Dictionary<Type, object> facts;
    private readonly Dictionary<Type, object> changedItems = [];

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
        lineStarts = new Lazy<int[]>(() => LineStarts(Text));
        isNewFile = new Lazy<bool>(() => ChangedLines.EveryLine || (HasFullContent && IsWholeFileAdded(ChangedLines, Text)));
        changedCode = new Lazy<PythonChangedCode?>(() => AnalyzesWholeFile ? null : PythonChangedCode.Of(Module.Tokenization, lineStarts.Value.Length, ChangedLines));
        facts = [];
    }

    /// <summary>The same file read whole: the rules' reading of the file when the changed code is not enough.</summary>
    private PythonRuleContext(PythonRuleContext changed)
    {
        Project = changed.Project;
        Path = changed.Path;
        Text = changed.Text;
        Module = changed.Module;
        ChangedLines = changed.ChangedLines;
        HasFullContent = changed.HasFullContent;
        Role = changed.Role;
        Options = changed.Options with { Scope = AnalysisScope.WholeFiles };
        findings = changed.findings;
        CancellationToken = changed.CancellationToken;
        lineStarts = changed.lineStarts;
        isNewFile = changed.isNewFile;
        changedCode = new Lazy<PythonChangedCode?>(() => null);
        facts = changed.facts;
    }

    /// <summary>
    /// What the project's other, existing modules in the change do; a new module (<see cref="IsNewFile"/>) follows them.
    /// Only a new module is judged by them: an existing one, which has habits of its own, is analysed while the
    /// project's are still being learnt from it, and sees <see cref="PythonProjectHabits.Unknown"/>.
    /// </summary>
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

    /// <summary>
    /// True when rules read every statement of the file: every line counts as added (a new file, a file
    /// reviewed by path), or the review asked for <see cref="AnalysisScope.WholeFiles"/>.
    /// </summary>
    public bool AnalyzesWholeFile => ChangedLines.EveryLine || Options.Scope == AnalysisScope.WholeFiles;

    /// <summary>
    /// The pieces of the module that hold an added line, in order (the whole module as one span when
    /// <see cref="AnalyzesWholeFile"/>): each statement at module level, and for a class at module level (or
    /// in such a class) its class line with decorators and each statement of its body, a nested class cut
    /// the same way. A def is one piece with everything in it; comments and blank lines go with the
    /// statement after them.
    /// </summary>
    public IReadOnlyList<PythonLineSpan> ChangedSpans => changedCode.Value?.Spans ?? [new PythonLineSpan(1, Math.Max(1, lineStarts.Value.Length))];

    /// <summary>True when any of the lines lies in a piece of <see cref="ChangedSpans"/> (always when <see cref="AnalyzesWholeFile"/>).</summary>
    public bool TouchesChange(int firstLine, int lastLine) => changedCode.Value?.Touches(firstLine, lastLine) ?? true;

    /// <summary>True when the line lies in a piece of <see cref="ChangedSpans"/> (always when <see cref="AnalyzesWholeFile"/>).</summary>
    public bool InChange(int line) => TouchesChange(line, line);

    /// <summary>The calls whose callee lies in the changed code, in the module's order (every call when <see cref="AnalyzesWholeFile"/>).</summary>
    public IReadOnlyList<PythonCall> ChangedCalls => Changed(Module.Calls, call => call.Line);

    /// <summary>The assignments that start in the changed code.</summary>
    public IReadOnlyList<PythonAssignment> ChangedAssignments => Changed(Module.Assignments, assignment => assignment.Line);

    /// <summary>The statements of the value layer (returns, tests, headers…) that start in the changed code.</summary>
    public IReadOnlyList<PythonStatement> ChangedStatements => Changed(Module.Statements, statement => statement.Line);

    /// <summary>
    /// The defs and classes whose <c>def</c>/<c>class</c> line lies in the changed code. A class whose class line
    /// is unchanged is not among them even when a method of it is.
    /// </summary>
    public IReadOnlyList<PythonDefinition> ChangedDefinitions => Changed(Module.Definitions, definition => definition.Line);

    /// <summary>The imports whose imported name lies in the changed code.</summary>
    public IReadOnlyList<PythonImport> ChangedImports => Changed(Module.Imports, import => import.Line);

    /// <summary>
    /// A file-wide fact (the names the module reads, the naming habits of its definitions) computed once per
    /// file and shared by every rule that asks for it; the fact's type is its key. A fact is about the whole
    /// file whatever code the rules visit.
    /// </summary>
    public T Fact<T>(Func<PythonRuleContext, T> compute)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (!facts.TryGetValue(typeof(T), out var fact))
        {
            fact = compute(this);
            facts[typeof(T)] = fact;
        }

        return (T)fact;
    }

    string IFileOfRole.WholeText => Text;

    /// <summary>
    /// The whole-file reading, when a rule that read the changed code reported on an added line (the engine
    /// tells old findings from new ones by matching them with the base version's, and what a rule finds in
    /// unchanged code takes part in that matching); null when the changed code already covers every piece.
    /// </summary>
    PythonRuleContext? IWholeFileReading<PythonRuleContext>.WholeFile() =>
        changedCode.Value is { CoversEveryPiece: false } ? new PythonRuleContext(this) : null;

    bool IWholeFileReading<PythonRuleContext>.IsOnAddedLine(RawFinding finding) => ChangedLines.TouchesAdded(finding.StartLine, finding.EndLine);

    private IReadOnlyList<T> Changed<T>(IReadOnlyList<T> all, Func<T, int> line)
    {
        if (changedCode.Value is not { CoversEveryPiece: false } changed)
        {
            return all;
        }

        if (!changedItems.TryGetValue(typeof(T), out var list))
        {
            list = all.Where(item => changed.Touches(line(item), line(item))).ToList();
            changedItems[typeof(T)] = list;
        }

        return (IReadOnlyList<T>)list;
    }

    /// <summary>True when the change added every non-blank line of the text.</summary>
    internal static bool IsWholeFileAdded(ChangedLines changed, string text)
    {
        if (changed.EveryLine)
        {
            return true;
        }

        // Line by line in place: most changed files have an unchanged line near the top, and none need splitting.
        var line = 1;
        for (var start = 0; start <= text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            var content = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
            if (!content.IsWhiteSpace() && !changed.IsAdded(line))
            {
                return false;
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return true;
    }

    /// <summary>
    /// True when the change added every non-blank line of <paramref name="first"/>..<paramref name="last"/>:
    /// a definition the change wrote, not one whose signature it edited (annotations added, a parameter renamed).
    /// </summary>
    public bool IsWhollyAdded(int first, int last)
    {
        for (var line = first; line <= last; line++)
        {
            if (!ChangedLines.IsAdded(line) && !LineSpan(line).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text of a 1-based line without its line break (empty past the end).</summary>
    public string LineText(int line) => LineSpan(line).ToString();

    /// <summary>As <see cref="LineText"/>, without making a string: for rules that read many lines.</summary>
    internal ReadOnlySpan<char> LineSpan(int line)
    {
        var starts = lineStarts.Value;
        if (line < 1 || line > starts.Length)
        {
            return [];
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] - 1 : Text.Length;
        var text = Text.AsSpan(start, end - start);
        return text.TrimEnd('\r');
    }

    /// <summary>The offset of each line's first character: after each <c>\n</c>, as <c>Split('\n')</c> cuts them.</summary>
    private static int[] LineStarts(string text)
    {
        var starts = new int[text.AsSpan().Count('\n') + 1];
        for (int index = 1, at = text.IndexOf('\n'); at >= 0; index++, at = text.IndexOf('\n', at + 1))
        {
            starts[index] = at + 1;
        }

        return starts;
    }

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
