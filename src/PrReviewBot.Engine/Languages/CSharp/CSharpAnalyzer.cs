using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// Parses the changed C# files, builds one compilation over them plus the framework's
/// reference assemblies (never the PR's own build), and runs every C# rule on every file.
/// </summary>
public sealed class CSharpAnalyzer
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(
        () => [.. Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()]);

    private static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersion.Preview,
        DocumentationMode.Parse,
        SourceCodeKind.Regular);

    private static readonly Lazy<Task> Warming = new(() => Task.Run(WarmUp));

    /// <summary>
    /// Starts loading the framework's reference assemblies and Roslyn's binder on a background thread,
    /// so a front door can overlap that fixed cost (about a quarter of a small review) with reading its
    /// input. Compilations made later reuse the loaded assemblies. Calling it again does nothing.
    /// </summary>
    public static void Prepare() => _ = Warming.Value;

    private static void WarmUp()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { string M(object o) => o.ToString() + nameof(C); }", ParseOptions);
        var compilation = CSharpCompilation.Create("PrReviewBot.WarmUp", [tree], FrameworkReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
        var model = compilation.GetSemanticModel(tree, ignoreAccessibility: true);
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>())
        {
            _ = model.GetSymbolInfo(invocation);
        }
    }

    public CSharpAnalyzer(IEnumerable<CSharpRule>? rules = null)
    {
        Rules = rules?.ToArray() ?? DiscoveredRules.Value;
    }

    /// <summary>Every concrete <see cref="CSharpRule"/> in this assembly, ordered by id.</summary>
    public static IReadOnlyList<CSharpRule> AllRules => DiscoveredRules.Value;

    public IReadOnlyList<CSharpRule> Rules { get; }

    private static readonly Lazy<IReadOnlyList<CSharpRule>> DiscoveredRules = new(RuleRunner.Discover<CSharpRule, CSharpRuleContext>);

    /// <summary>Analyses the sources; rule failures are reported through <paramref name="problems"/>, never thrown.</summary>
    public IReadOnlyList<RawFinding> Analyze(
        IReadOnlyList<CSharpSource> sources,
        ReviewOptions options,
        ICollection<string> problems,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (sources.Count == 0)
        {
            return [];
        }

        var trees = new SyntaxTree[sources.Count];
        int Size(int index) => sources[index].Text.Length;
        FileParallelism.ForEach(
            sources.Count,
            Size,
            index => trees[index] = CSharpSyntaxTree.ParseText(sources[index].Text, ParseOptions, sources[index].Path, cancellationToken: cancellationToken),
            cancellationToken);

        // Roslyn's nullable option is compilation-wide, but each file has its own project: one
        // compilation per nullable context in use, each over every tree so symbols still resolve
        // across files, and each file read through the one its project file asks for.
        var compilations = sources
            .Select(source => source.Project.NullableContext)
            .Distinct()
            .ToDictionary(
                nullable => nullable,
                nullable => CSharpCompilation.Create(
                    "PrReviewBot.Review",
                    trees,
                    FrameworkReferences.Value,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, concurrentBuild: false)));

        var rules = Rules.Where(rule => options.IsEnabled(rule.Descriptor)).ToArray();
        return RuleRunner.Run<CSharpRuleContext>(
            sources.Count,
            Size,
            rules,
            (index, sink) =>
            {
                var source = sources[index];
                var compilation = compilations[source.Project.NullableContext];
                var tree = trees[index];
                return (source.Path, new CSharpRuleContext(source.Path, tree, () => compilation.GetSemanticModel(tree, ignoreAccessibility: true), source.ChangedLines, source.HasFullContent, options, source.EditorConfig, source.Project, source.Role, sink, cancellationToken));
            },
            problems,
            cancellationToken);
    }
}
