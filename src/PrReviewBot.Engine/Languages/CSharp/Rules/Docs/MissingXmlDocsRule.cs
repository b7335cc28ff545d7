using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Docs;

/// <summary>
/// Public types and members without a <c>///</c> comment. In the default <see cref="DocsMode.Auto"/>
/// this only speaks up where the project already documents its public API (it generates a
/// documentation file, or at least half of the public declarations in the change or in the
/// file carry docs), so an undocumented code base is not buried in requests; test, benchmark and
/// sample projects are not API and are only judged when asked for <see cref="DocsMode.Always"/>.
/// </summary>
public sealed class MissingXmlDocsRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/missing-xml-docs",
        "Public API without XML documentation",
        Category.Docs,
        Severity.Note,
        "Callers see XML documentation in IntelliSense and in generated API docs; a public member without it forces them to read the implementation to learn what it does, what it expects and what it throws, and breaks the documentation the rest of the project keeps.",
        "Add a `/// <summary>` saying what the member does (plus `<param>`, `<returns>` and `<exception>` where they are not obvious), or `/// <inheritdoc/>` when it implements a documented interface member.");

    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> DocumentedCompilations = new();

    /// <summary>Its findings on unchanged code that share a message with one on an added line are read with the change (below).</summary>
    public override bool ReportsLookalikesOfAddedFindings => true;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A project that silences CS1591 has decided not every public member needs docs.
        if (context.Options.Docs == DocsMode.Off || GeneratedCode.IsGeneratedFile(context)
            || (context.Options.Docs == DocsMode.Auto && (PublicApi.IsOutsideApi(context.Path) || context.Project.SuppressesMissingDocsWarning)))
        {
            return;
        }

        var declarations = PublicApi.Collect(context.Root);
        if (declarations.Count == 0)
        {
            return;
        }

        if (context.Options.Docs == DocsMode.Auto
            && !context.Project.GeneratesDocumentation
            && !MostlyDocumented(declarations)
            && !DocumentedCompilations.GetValue(context.Model.Compilation, compilation => new StrongBox<bool>(MostlyDocumented(compilation))).Value)
        {
            return;
        }

        // Where the author turned off the compiler's own missing-documentation warning.
        var optedOut = FileDirectives.Of(context).WarningDisabled("CS1591", "1591");

        // The whole file's declarations say whether it documents its API (above); only those the change touched
        // can get a finding, and asking the others about partial parts and interfaces costs binding. When one
        // does get a finding, the review compares the file's findings with its base version's, where unchanged
        // code claims its own first. A finding claims only a base finding with its message, and the message names
        // the declaration: the unchanged declarations of the names found on added lines (an overload's) are all that
        // is needed, not the whole file's (a reference assembly's source has thousands of undocumented members, each
        // asked about its interfaces).
        var undocumented = Undocumented(context, declarations.Where(declaration => context.TouchesChange(declaration.Node)), optedOut);
        if (!context.AnalyzesWholeFile
            && undocumented.Where(declaration => context.ChangedLines.IsAdded(context.LineOf(declaration.Identifier.SpanStart))).Select(declaration => declaration.Name).ToHashSet(StringComparer.Ordinal) is { Count: > 0 } names)
        {
            undocumented = Undocumented(context, declarations.Where(declaration => names.Contains(declaration.Name)), optedOut);
        }

        foreach (var declaration in undocumented)
        {
            var plural = declaration.Name.Contains("`, `", StringComparison.Ordinal);
            var kind = plural ? declaration.Kind + "s" : declaration.Kind;
            context.Report(
                this,
                declaration.Identifier,
                $"Public {kind} `{declaration.Name}` {(plural ? "have" : "has")} no XML documentation.");
        }
    }

    private static List<PublicApiDeclaration> Undocumented(CSharpRuleContext context, IEnumerable<PublicApiDeclaration> declarations, List<Microsoft.CodeAnalysis.Text.TextSpan> optedOut) =>
        [.. declarations.Where(declaration => !declaration.IsDocumented
            && !optedOut.Any(range => range.Contains(declaration.Identifier.SpanStart))
            && !IsDocumentedElsewhere(context, declaration)
            && !ImplementsInterfaceMember(context, declaration.Node))];

    /// <summary>
    /// An implicit implementation of an interface member takes the interface's documentation
    /// (IntelliSense shows it, <c>&lt;inheritdoc/&gt;</c> copies it). When the type names an interface
    /// that does not resolve here, its public members may implement it: the rule says nothing.
    /// </summary>
    private static bool ImplementsInterfaceMember(CSharpRuleContext context, MemberDeclarationSyntax node) =>
        node is MethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or EventDeclarationSyntax or EventFieldDeclarationSyntax
        && InterfaceImplementations.IsImplicitImplementation(context.Model, node, whenUnresolved: true);

    private static bool MostlyDocumented(List<PublicApiDeclaration> declarations)
    {
        var documented = declarations.Count(declaration => declaration.IsDocumented);
        return documented > 0 && documented * 2 >= declarations.Count;
    }

    private static bool MostlyDocumented(Compilation compilation)
    {
        var total = 0;
        var documented = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (PublicApi.IsOutsideApi(tree.FilePath) || tree.GetRoot() is not CompilationUnitSyntax root)
            {
                continue;
            }

            foreach (var declaration in PublicApi.Collect(root))
            {
                total++;
                documented += declaration.IsDocumented ? 1 : 0;
            }
        }

        return documented > 0 && documented * 2 >= total;
    }

    /// <summary>
    /// Partial declarations share one documentation: documented if any part is, and reported
    /// only once, on the defining part (the first declaration of a partial type).
    /// </summary>
    private static bool IsDocumentedElsewhere(CSharpRuleContext context, PublicApiDeclaration declaration)
    {
        var modifiers = declaration.Node switch
        {
            BaseTypeDeclarationSyntax type => type.Modifiers,
            MethodDeclarationSyntax method => method.Modifiers,
            PropertyDeclarationSyntax property => property.Modifiers,
            _ => default,
        };
        if (!modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return false;
        }

        var symbol = context.Model.GetDeclaredSymbol(declaration.Node);
        var (parts, isDefiningPart) = symbol switch
        {
            IMethodSymbol method => (Parts(method, method.PartialDefinitionPart, method.PartialImplementationPart), method.PartialDefinitionPart is null),
            IPropertySymbol property => (Parts(property, property.PartialDefinitionPart, property.PartialImplementationPart), property.PartialDefinitionPart is null),
            INamedTypeSymbol type => (type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax()).ToList(), type.DeclaringSyntaxReferences[0].GetSyntax() == declaration.Node),
            _ => (new List<SyntaxNode>(), true),
        };

        return !isDefiningPart || parts.Any(PublicApi.HasDocumentation);
    }

    private static List<SyntaxNode> Parts(ISymbol symbol, ISymbol? definition, ISymbol? implementation) =>
        [.. new[] { symbol, definition, implementation }
            .Where(part => part is not null)
            .SelectMany(part => part!.DeclaringSyntaxReferences)
            .Select(reference => reference.GetSyntax())];
}
