using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// What a rule sees of one changed C# file. Rules analyse the whole tree (for context) and
/// report freely; the engine keeps only findings that touch a line the change added.
/// </summary>
public sealed class CSharpRuleContext
{
    private readonly List<RawFinding> findings;

    internal CSharpRuleContext(
        string path,
        SyntaxTree tree,
        SemanticModel model,
        ChangedLines changedLines,
        bool hasFullContent,
        ReviewOptions options,
        EditorConfigSettings editorConfig,
        CSharpProjectFacts project,
        List<RawFinding> sink,
        CancellationToken cancellationToken)
    {
        Path = path;
        Tree = tree;
        Model = model;
        Root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        Text = tree.GetText(cancellationToken);
        ChangedLines = changedLines;
        HasFullContent = hasFullContent;
        Options = options;
        EditorConfig = editorConfig;
        Project = project;
        findings = sink;
        CancellationToken = cancellationToken;
    }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public string Path { get; }

    public SyntaxTree Tree { get; }

    public CompilationUnitSyntax Root { get; }

    public SourceText Text { get; }

    /// <summary>
    /// Semantic model over all changed files plus the framework's reference assemblies.
    /// Third-party symbols do not resolve: fall back to syntax and well-known names.
    /// </summary>
    public SemanticModel Model { get; }

    public ChangedLines ChangedLines { get; }

    /// <summary>
    /// False when only the diff's hunks were available: lines outside the hunks are blank, so
    /// file-wide judgements (dominant style, "does this file document anything") are weaker.
    /// </summary>
    public bool HasFullContent { get; }

    public ReviewOptions Options { get; }

    /// <summary>Settings from an <c>.editorconfig</c> in the change set that applies to this file, if any.</summary>
    public EditorConfigSettings EditorConfig { get; }

    /// <summary>What the project files say (nullable context, documentation file); <see cref="CSharpProjectFacts.Unknown"/> when none were seen.</summary>
    public CSharpProjectFacts Project { get; }

    /// <summary>True when nullable reference types are on for this file: by the project or a <c>#nullable enable</c> directive.</summary>
    public bool IsNullableEnabledAt(int position) => Model.GetNullableContext(position).AnnotationsEnabled();

    public CancellationToken CancellationToken { get; }

    /// <summary>1-based line of a position in the file.</summary>
    public int LineOf(int position) => Text.Lines.GetLineFromPosition(position).LineNumber + 1;

    /// <summary>True when any line of the node was added by the change.</summary>
    public bool IsChanged(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var span = node.Span;
        return ChangedLines.TouchesAdded(LineOf(span.Start), LineOf(Math.Max(span.Start, span.End - 1)));
    }

    /// <summary>Reports a finding on the lines the node spans (first line only for long nodes).</summary>
    public void Report(CSharpRule rule, SyntaxNode node, string message, string? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Report(rule, node.Span, message, replacement);
    }

    public void Report(CSharpRule rule, SyntaxToken token, string message, string? replacement = null) =>
        Report(rule, token.Span, message, replacement);

    public void Report(CSharpRule rule, TextSpan span, string message, string? replacement = null)
    {
        var start = LineOf(span.Start);
        var end = LineOf(Math.Max(span.Start, span.End - 1));
        Report(rule, start, end, message, replacement);
    }

    /// <param name="replacement">Full text of lines <paramref name="startLine"/>..<paramref name="endLine"/> after the fix, without the final newline.</param>
    public void Report(CSharpRule rule, int startLine, int endLine, string message, string? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        findings.Add(new RawFinding(rule.Descriptor, Path, startLine, Math.Max(startLine, endLine), message, replacement));
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string LineText(int line) => Text.Lines[line - 1].ToString();
}
