using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

[assembly: SuppressMessage(
    "Naming",
    "CA1716:Identifiers should not match keywords",
    Scope = "namespace",
    Target = "~N:PrReviewBot.Engine.Languages.CSharp.Rules.Imports",
    Justification = "The folder names the review group (imports); no Visual Basic code consumes this engine.")]

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Imports;

/// <summary>
/// <c>using</c> directives nothing in the file needs. Each using is resolved once; its imported
/// names are compared with the identifiers the file mentions (doc comments included), so no
/// whole-file diagnostics are computed. A using that does not resolve (a package we do not
/// have) is never judged, nor are global usings, files with <c>#if</c> (another symbol set
/// may need the using), or files known only by their diff hunks.
/// </summary>
public sealed class UnusedUsingRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/unused-using",
        "Unused using directive",
        Category.Imports,
        Severity.Note,
        "Unused usings suggest dependencies the file does not have, widen the set of names that can clash, and make the real imports harder to see.",
        "Delete the directive (the suggestion does); the IDE's \"Remove unnecessary usings\" cleans the whole file.");

    /// <summary>Namespaces of the shared framework that other frameworks and packages extend (WPF, WinForms, classic ASP.NET, WCF, configuration, event logs).</summary>
    private static readonly string[] ExtendedFrameworkNamespaces =
    [
        "System.Windows", "Microsoft.Win32", "System.Drawing", "System.ComponentModel", "System.Configuration", "System.Web",
        "System.ServiceModel", "System.Diagnostics", "System.Data", "System.Runtime.Caching", "System.Security.Cryptography",
        "System.Runtime.Serialization", "System.Xaml", "System.Media",
    ];

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var usings = new List<UsingDirectiveSyntax>();
        var ownNamespaces = new HashSet<string>(StringComparer.Ordinal);
        CollectUsings(context.Root.Usings, context.Root.Members, usings, ownNamespaces);
        // With only the diff's hunks, the code between them (where a using may be needed) is blank.
        if (usings.Count == 0 || !context.HasFullContent || HasConditionalCompilation(context) || GeneratedCode.IsGeneratedFile(context))
        {
            return;
        }

        var file = new FileEvidence(context, ownNamespaces);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directive in usings)
        {
            var key = $"{directive.Parent?.SpanStart}:{Normalize(directive)}";
            if (!seen.Add(key))
            {
                Report(context, directive, $"`{directive}` repeats a using directive above it.");
                continue;
            }

            if (!context.IsChanged(directive))
            {
                // Only added lines get findings; resolving the others would be wasted work.
                continue;
            }

            if (directive.Alias is { } alias)
            {
                if (!file.Identifiers.Contains(alias.Name.Identifier.ValueText))
                {
                    Report(context, directive, $"`{directive}` is not used in this file.");
                }

                continue;
            }

            if (!IsUsed(directive, file))
            {
                Report(context, directive, $"`{directive}` is not used in this file.");
            }
        }
    }

    private static bool IsUsed(UsingDirectiveSyntax directive, FileEvidence file)
    {
        var symbol = file.Context.Model.GetSymbolInfo(directive.NamespaceOrType).Symbol;
        switch (symbol)
        {
            case INamedTypeSymbol type when directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword):
                var members = ImportedNames.ForStaticType(type);
                return members.HasPatternMember || file.Identifiers.Overlaps(members.Names) || (IsOpen(type.ContainingNamespace, file.Context.Model.Compilation) && file.HasUnresolvedNames);
            case INamespaceSymbol ns when !directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && !ns.IsGlobalNamespace:
                var name = ns.ToDisplayString();
                if (file.OwnNamespaces.Contains(name))
                {
                    return true;
                }

                var names = ImportedNames.ForNamespace(ns);
                return names.HasPatternMember
                    || (file.HasQuery && (names.HasQueryMember || name == "System.Linq"))
                    || file.Identifiers.Overlaps(names.Names)
                    || (IsOpen(ns, file.Context.Model.Compilation) && file.HasUnresolvedNames);
            default:
                // Not resolved here (a package, or a project not in the change): we cannot know.
                return true;
        }
    }

    /// <summary>
    /// A namespace we may not see all of: declared in the change's own sources (its other types
    /// live in files the change did not touch), or a framework namespace that desktop, web or
    /// package assemblies we do not reference add types to.
    /// </summary>
    private static bool IsOpen(INamespaceSymbol ns, Compilation compilation)
    {
        var name = ns.ToDisplayString();
        return ns.ConstituentNamespaces.Any(part => SymbolEqualityComparer.Default.Equals(part.ContainingAssembly, compilation.Assembly))
            || ExtendedFrameworkNamespaces.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));
    }

    private void Report(CSharpRuleContext context, UsingDirectiveSyntax directive, string message)
    {
        var line = context.Text.Lines.GetLineFromPosition(directive.SpanStart);
        var wholeLine = context.LineOf(directive.Span.End) == line.LineNumber + 1
            && string.Equals(line.ToString().Trim(), directive.ToString(), StringComparison.Ordinal);
        context.Report(this, directive, message, wholeLine ? string.Empty : null);
    }

    private static void CollectUsings(SyntaxList<UsingDirectiveSyntax> directives, SyntaxList<MemberDeclarationSyntax> members, List<UsingDirectiveSyntax> usings, HashSet<string> ownNamespaces)
    {
        usings.AddRange(directives.Where(directive => !directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)));
        foreach (var ns in members.OfType<BaseNamespaceDeclarationSyntax>())
        {
            var name = ns.Name.ToString();
            for (var dot = name.Length; dot > 0; dot = name.LastIndexOf('.', dot - 1))
            {
                ownNamespaces.Add(name[..dot]);
            }

            CollectUsings(ns.Usings, ns.Members, usings, ownNamespaces);
        }
    }

    private static bool HasConditionalCompilation(CSharpRuleContext context) =>
        FileDirectives.Of(context).All.Any(directive => directive is IfDirectiveTriviaSyntax);

    /// <summary>Every name referenced outside using directives and namespace names, doc-comment crefs included; and whether the file has a query expression.</summary>
    private static (HashSet<string> Identifiers, bool HasQuery) MentionedNames(CompilationUnitSyntax root)
    {
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        var hasQuery = false;
        var tokens = root.DescendantTokens(
            node => node is not UsingDirectiveSyntax && !(node.Parent is BaseNamespaceDeclarationSyntax ns && ns.Name == node),
            descendIntoTrivia: true);
        foreach (var token in tokens)
        {
            // Documentation comments are parsed as plain comments: their references are read from their text.
            if (token.HasLeadingTrivia)
            {
                AddDocumentationReferences(token.LeadingTrivia, identifiers);
            }

            if (token.HasTrailingTrivia)
            {
                AddDocumentationReferences(token.TrailingTrivia, identifiers);
            }

            // References only: a declared name (`class Invoice`) does not use an import.
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is SimpleNameSyntax)
            {
                identifiers.Add(token.ValueText);
            }
            else if (token.IsKind(SyntaxKind.FromKeyword) && token.Parent is FromClauseSyntax)
            {
                hasQuery = true;
            }
        }

        return (identifiers, hasQuery);
    }

    private static void AddDocumentationReferences(SyntaxTriviaList trivia, HashSet<string> identifiers)
    {
        foreach (var piece in trivia)
        {
            foreach (var name in DocumentationComments.ReferencedNames(piece))
            {
                identifiers.Add(name);
            }
        }
    }

    /// <summary>
    /// What the file says about itself. The names it mentions take a walk over the whole file, so they
    /// are gathered only once a changed directive needs them (most changes add no using); whether it
    /// mentions names nothing we have declares is computed only when needed too.
    /// </summary>
    private sealed class FileEvidence(CSharpRuleContext context, HashSet<string> ownNamespaces)
    {
        private bool? hasUnresolvedNames;

        private (HashSet<string> Identifiers, bool HasQuery)? mentioned;

        public CSharpRuleContext Context { get; } = context;

        public HashSet<string> Identifiers => Mentioned.Identifiers;

        public bool HasQuery => Mentioned.HasQuery;

        private (HashSet<string> Identifiers, bool HasQuery) Mentioned => mentioned ??= MentionedNames(Context.Root);

        public HashSet<string> OwnNamespaces { get; } = ownNamespaces;

        /// <summary>
        /// True when a type name, a static receiver or a called member does not resolve: it comes
        /// from code we do not have, possibly through one of the file's open namespaces.
        /// </summary>
        public bool HasUnresolvedNames => hasUnresolvedNames ??= FindUnresolvedName();

        /// <remarks>
        /// The declarations' names first (types of fields, parameters, base types, attributes): each binds alone, where a name
        /// in a body or an initializer binds its whole statement. A type from code the change did not touch usually shows in
        /// both, so the answer mostly comes before any body is bound; the second walk asks of every name, as the only walk did.
        /// </remarks>
        private bool FindUnresolvedName() =>
            FindUnresolvedName(node => node is not (UsingDirectiveSyntax or BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax))
            || FindUnresolvedName(node => node is not UsingDirectiveSyntax);

        private bool FindUnresolvedName(Func<SyntaxNode, bool> descendInto)
        {
            var model = Context.Model;
            foreach (var node in Context.Root.DescendantNodes(descendInto))
            {
                if (node is not SimpleNameSyntax name || name.IsVar || name.Parent is BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax || !MayNameImportedSymbol(name))
                {
                    continue;
                }

                var info = model.GetSymbolInfo(name);
                if ((info.Symbol is null && info.CandidateSymbols.IsEmpty) || info.Symbol is IErrorTypeSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Types, attribute names, static receivers and invoked members: the names a using directive can supply.</summary>
        private static bool MayNameImportedSymbol(SimpleNameSyntax name) =>
            SyntaxFacts.IsInTypeOnlyContext(name)
            || name.Parent switch
            {
                ObjectCreationExpressionSyntax creation => creation.Type == name,
                AttributeSyntax => true,
                MemberAccessExpressionSyntax access when access.Expression == name => name.Identifier.ValueText is { Length: > 0 } text && char.IsUpper(text[0]),
                MemberAccessExpressionSyntax access when access.Name == name => access.Parent is InvocationExpressionSyntax,
                InvocationExpressionSyntax invocation => invocation.Expression == name,
                QualifiedNameSyntax qualified => qualified.Left == name,
                _ => false,
            };
    }

    private static string Normalize(UsingDirectiveSyntax directive) =>
        string.Concat(directive.ToString().Where(character => !char.IsWhiteSpace(character)));
}
