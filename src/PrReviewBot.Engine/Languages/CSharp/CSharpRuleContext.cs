using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// What a rule sees of one changed C# file. Rules may read the whole tree for context, but visit
/// only <see cref="ChangedNodes"/>: the declarations that touch an added line. They report freely;
/// the engine keeps only findings that touch a line the change added.
/// </summary>
public sealed class CSharpRuleContext : IWholeFileReading<CSharpRuleContext>, IFileOfRole
{
    private readonly List<RawFinding> findings;

    // Made when a rule first asks: a file whose rules all stay syntactic never pays for one.
    private readonly Lazy<SemanticModel> model;

    private readonly Lazy<SemanticModel> flowModel;

    // Rules run one after another on a file, so the shared facts need no locking.
    private readonly Dictionary<Type, object> facts = [];

    private readonly CSharpChangeText change;

    private IReadOnlyList<SyntaxNode>? changedDeclarations;

    internal CSharpRuleContext(
        string path,
        SyntaxTree tree,
        Func<SemanticModel> model,
        ChangedLines changedLines,
        bool hasFullContent,
        ReviewOptions options,
        EditorConfigSettings editorConfig,
        CSharpProjectFacts project,
        CodeRole role,
        CSharpChangeText change,
        List<RawFinding> sink,
        CancellationToken cancellationToken)
    {
        Path = path;
        Tree = tree;
        this.model = new Lazy<SemanticModel>(model, LazyThreadSafetyMode.None);
        flowModel = new Lazy<SemanticModel>(() => Model.Compilation.GetSemanticModel(Tree, ignoreAccessibility: true), LazyThreadSafetyMode.None);
        Root = (CompilationUnitSyntax)tree.GetRoot(cancellationToken);
        Text = tree.GetText(cancellationToken);
        ChangedLines = changedLines;
        HasFullContent = hasFullContent;
        Options = options;
        EditorConfig = editorConfig;
        Project = project;
        Role = role;
        findings = sink;
        this.change = change;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// The same file read whole: tree and semantic model shared, its options asking for every declaration.
    /// The file-wide facts are not shared: some (the changed nodes, the regions searched) depend on what is read.
    /// </summary>
    private CSharpRuleContext(CSharpRuleContext changed)
    {
        Path = changed.Path;
        Tree = changed.Tree;
        model = changed.model;
        flowModel = changed.flowModel;
        Root = changed.Root;
        Text = changed.Text;
        ChangedLines = changed.ChangedLines;
        HasFullContent = changed.HasFullContent;
        Options = changed.Options with { Scope = AnalysisScope.WholeFiles };
        EditorConfig = changed.EditorConfig;
        Project = changed.Project;
        Role = changed.Role;
        findings = changed.findings;
        change = changed.change;
        CancellationToken = changed.CancellationToken;
    }

    /// <summary>Repository-relative path with forward slashes.</summary>
    public string Path { get; }

    public SyntaxTree Tree { get; }

    public CompilationUnitSyntax Root { get; }

    public SourceText Text { get; }

    /// <summary>
    /// Semantic model over all changed files plus the framework's reference assemblies.
    /// Third-party symbols do not resolve: fall back to syntax and well-known names.
    /// Types carry their declared nullability: the model runs no nullable flow analysis, which costs
    /// more than binding itself (see <see cref="NullableFlowModel"/>).
    /// </summary>
    public SemanticModel Model => model.Value;

    /// <summary>
    /// The same model with nullable flow analysis: a value's type as the compiler infers it at that point
    /// (<c>string?</c> where it may be null). Only for showing a reader such a type; it analyses every
    /// member body it touches.
    /// </summary>
    public SemanticModel NullableFlowModel => flowModel.Value;

    public ChangedLines ChangedLines { get; }

    /// <summary>
    /// False when only the diff's hunks were available: lines outside the hunks are blank, so
    /// file-wide judgements (dominant style, "does this file document anything") are weaker.
    /// </summary>
    public bool HasFullContent { get; }

    public ReviewOptions Options { get; }

    /// <summary>Settings from an <c>.editorconfig</c> in the change set that applies to this file, if any.</summary>
    public EditorConfigSettings EditorConfig { get; }

    /// <summary>What the MSBuild files that apply to this file say (nullable context, documentation file); <see cref="CSharpProjectFacts.Unknown"/> when none were seen.</summary>
    public CSharpProjectFacts Project { get; }

    /// <summary>What the file is for: tests, fixtures, migrations and examples get only the rules that make sense there.</summary>
    public CodeRole Role { get; }

    /// <summary>
    /// True when nullable annotations are on at the position: the model comes from a compilation
    /// with this file's own project setting, so this is the project's context as the file's
    /// <c>#nullable</c> directives change it.
    /// </summary>
    public bool IsNullableEnabledAt(int position) => Model.GetNullableContext(position).AnnotationsEnabled();

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// True when rules read every declaration of the file: every line counts as added (a new file,
    /// a file reviewed by path), or the review asked for <see cref="AnalysisScope.WholeFiles"/>.
    /// </summary>
    public bool AnalyzesWholeFile => ChangedLines.EveryLine || Options.Scope == AnalysisScope.WholeFiles;

    /// <summary>
    /// The nodes a rule visits, in the order <c>Root.DescendantNodes()</c> gives them: the whole tree when
    /// <see cref="AnalyzesWholeFile"/>; otherwise the namespaces and types that hold an added line, and the
    /// members, usings, attributes and base lists that touch one (comments and blank lines before them
    /// included), with everything inside them. A finding anchored inside the declaration its rule visited
    /// is found either way; anything else (a file-wide fact) is read from <see cref="Root"/> or from a scan.
    /// </summary>
    public IEnumerable<SyntaxNode> ChangedNodes() =>
        AnalyzesWholeFile ? Root.DescendantNodes() : ChangedNodesBelow(Root);

    /// <summary>The top-level pieces of <see cref="ChangedNodes"/>: each changed member, using, attribute list or base list once, outermost first (the root when <see cref="AnalyzesWholeFile"/>).</summary>
    public IReadOnlyList<SyntaxNode> ChangedDeclarations => changedDeclarations ??= AnalyzesWholeFile ? [Root] : [.. DeclarationsBelow(Root)];

    /// <summary>True when the node's lines, with the comments and blank lines before it, touch an added line (always when <see cref="AnalyzesWholeFile"/>).</summary>
    public bool TouchesChange(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (AnalyzesWholeFile)
        {
            return true;
        }

        var span = node.FullSpan;
        return ChangedLines.TouchesAdded(LineOf(span.Start), LineOf(Math.Max(span.Start, span.End - 1)));
    }

    /// <summary>
    /// A file-wide fact (the dominant indentation, the names the file mentions) computed once per file
    /// and shared by every rule that asks for it; the fact's type is its key.
    /// </summary>
    public T Fact<T>(Func<CSharpRuleContext, T> compute)
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

    private IEnumerable<SyntaxNode> ChangedNodesBelow(SyntaxNode container)
    {
        foreach (var child in container.ChildNodes())
        {
            if (!TouchesChange(child))
            {
                continue;
            }

            yield return child;
            var below = IsContainer(child) ? ChangedNodesBelow(child) : child.DescendantNodes();
            foreach (var node in below)
            {
                yield return node;
            }
        }
    }

    private IEnumerable<SyntaxNode> DeclarationsBelow(SyntaxNode container)
    {
        foreach (var child in container.ChildNodes())
        {
            if (!TouchesChange(child))
            {
                continue;
            }

            if (!IsContainer(child))
            {
                yield return child;
                continue;
            }

            foreach (var node in DeclarationsBelow(child))
            {
                yield return node;
            }
        }
    }

    /// <summary>Namespaces and types: declarations whose members are visited one by one rather than whole.</summary>
    private static bool IsContainer(SyntaxNode node) =>
        node is BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or EnumDeclarationSyntax;

    /// <summary>
    /// True when any C# file of the change mentions one of the words anywhere in its text (bodies
    /// included), e.g. a global filter registered in a startup method. Ask this rather than searching
    /// <c>Model.Compilation.SyntaxTrees</c>: in a large change the other files there hold only their declarations.
    /// </summary>
    public bool ChangeMentions(params string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return change.Mentions(words);
    }

    string IFileOfRole.WholeText => SinkSyntax.TextOf(Tree);

    CSharpRuleContext? IWholeFileReading<CSharpRuleContext>.WholeFile() => AnalyzesWholeFile ? null : new CSharpRuleContext(this);

    bool IWholeFileReading<CSharpRuleContext>.IsOnAddedLine(RawFinding finding) => ChangedLines.TouchesAdded(finding.StartLine, finding.EndLine);

    /// <summary>1-based line of a position in the file.</summary>
    public int LineOf(int position) => Text.Lines.GetLineFromPosition(position).LineNumber + 1;

    /// <summary>True when any line of the node was added by the change.</summary>
    public bool IsChanged(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return IsChanged(node.Span);
    }

    /// <summary>True when any line of the span was added by the change.</summary>
    public bool IsChanged(TextSpan span) => ChangedLines.TouchesAdded(LineOf(span.Start), LineOf(Math.Max(span.Start, span.End - 1)));

    /// <summary>
    /// False when the review could not keep a finding reported on these lines: the rule reads only the changed code, and
    /// none of them was added. A rule asks before work that binds; read whole (to be compared with a base version, or by
    /// path) every line counts.
    /// </summary>
    public bool MayReportOn(TextSpan span) => AnalyzesWholeFile || IsChanged(span);

    /// <summary>Reports a finding on the lines the node spans (first line only for long nodes).</summary>
    public void Report(CSharpRule rule, SyntaxNode node, string message, string? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Report(rule, node.Span, message, replacement);
    }

    /// <summary>Reports a finding at a severity below the rule's own: a "check this" shape of a rule whose clear cases are errors.</summary>
    public void Report(CSharpRule rule, TextSpan span, string message, Severity severity)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var start = LineOf(span.Start);
        Add(rule, start, Math.Max(start, LineOf(Math.Max(span.Start, span.End - 1))), message, null, span.Start, severity);
    }

    public void Report(CSharpRule rule, SyntaxToken token, string message, string? replacement = null) =>
        Report(rule, token.Span, message, replacement);

    public void Report(CSharpRule rule, TextSpan span, string message, string? replacement = null)
    {
        var start = LineOf(span.Start);
        var end = LineOf(Math.Max(span.Start, span.End - 1));
        Add(rule, start, end, message, replacement, span.Start);
    }

    /// <param name="replacement">Full text of lines <paramref name="startLine"/>..<paramref name="endLine"/> after the fix, without the final newline.</param>
    public void Report(CSharpRule rule, int startLine, int endLine, string message, string? replacement = null)
    {
        var line = Text.Lines[Math.Clamp(startLine, 1, Text.Lines.Count) - 1];
        var firstCode = line.Start;
        while (firstCode < line.End && char.IsWhiteSpace(Text[firstCode]))
        {
            firstCode++;
        }

        Add(rule, startLine, endLine, message, replacement, firstCode);
    }

    /// <summary>The enclosing declarations of a position, outermost first (<c>Ns.Type.Method</c>), or null outside any.</summary>
    public string? ScopeAt(int position) => CSharpScopes.Of(Root.FindToken(position).Parent);

    private void Add(CSharpRule rule, int startLine, int endLine, string message, string? replacement, int position, Severity? severity = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        endLine = Math.Max(startLine, endLine);
        findings.Add(new RawFinding(rule.Descriptor, Path, startLine, endLine, message, replacement)
        {
            Scope = ScopeAt(position),
            Severity = severity ?? rule.Descriptor.Severity,
        });
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string LineText(int line) => Text.Lines[line - 1].ToString();
}
