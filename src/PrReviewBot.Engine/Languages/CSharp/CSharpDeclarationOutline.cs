using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Languages.CSharp.Rules.Docs;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// A file's declarations, what a batch's compilation holds of the files outside the batch: the same tree with every
/// method, accessor and expression body emptied, and each documentation comment of a member cut to one shared
/// <c>/// &lt;summary/&gt;</c>, or dropped when it documents nothing (<see cref="PublicApi.Documents"/>): rules only ask
/// of another file's declarations whether they are documented. Types, members, signatures, attributes, initializers
/// (constants), usings and other comments stay as they are. On a real 2,025-file change the comments were about a
/// third of the objects in the declaration trees, which every batch keeps.
/// </summary>
/// <remarks>
/// A rewriter that enters only namespaces, types, members and accessors, and never a token: Roslyn's
/// <c>ReplaceSyntax</c> gave the same trees, but walked every replaced body whole first, and took three to four
/// times as long on real files.
/// </remarks>
internal sealed class CSharpDeclarationOutline : CSharpSyntaxRewriter
{
    private static readonly BlockSyntax EmptyBody = SyntaxFactory.Block();

    private static readonly ArrowExpressionClauseSyntax ThrowingBody =
        SyntaxFactory.ArrowExpressionClause(SyntaxFactory.ThrowExpression(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));

    /// <summary>A documentation comment that documents, and no more.</summary>
    private static readonly SyntaxTrivia Documented = SyntaxFactory.ParseLeadingTrivia("/// <summary/>\n")[0];

    private CSharpDeclarationOutline()
    {
    }

    /// <summary>The declarations of <paramref name="tree"/>, as a tree of their own with the same options and path.</summary>
    public static SyntaxTree Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);

        // A rewriter counts its depth as it goes: one per tree, since trees are outlined in parallel.
        var outline = new CSharpDeclarationOutline().Visit(tree.GetRoot(cancellationToken))!;
        return CSharpSyntaxTree.Create((CSharpSyntaxNode)outline, (CSharpParseOptions)tree.Options, tree.FilePath, tree.Encoding);
    }

    public override SyntaxNode? Visit(SyntaxNode? node) => node switch
    {
        BlockSyntax or ArrowExpressionClauseSyntax when node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax
            => node is BlockSyntax ? EmptyBody : ThrowingBody,
        CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BaseMethodDeclarationSyntax
            or BasePropertyDeclarationSyntax or AccessorListSyntax or AccessorDeclarationSyntax => WithDocumentationCut(base.Visit(node)!),
        MemberDeclarationSyntax member => WithDocumentationCut(member),
        _ => node,
    };

    /// <summary>Tokens stay as they are: a member's documentation is cut where the member is visited.</summary>
    public override SyntaxToken VisitToken(SyntaxToken token) => token;

    private static SyntaxNode WithDocumentationCut(SyntaxNode node)
    {
        if (node is not MemberDeclarationSyntax { HasLeadingTrivia: true } member)
        {
            return node;
        }

        var leading = member.GetLeadingTrivia();
        if (!HasDocumentation(leading))
        {
            return member;
        }

        var kept = new List<SyntaxTrivia>(leading.Count);
        foreach (var trivia in leading)
        {
            if (!DocumentationComments.Is(trivia))
            {
                kept.Add(trivia);
            }
            else if (PublicApi.Documents(trivia))
            {
                kept.Add(Documented);
            }
        }

        return member.WithLeadingTrivia(kept);
    }

    /// <summary>A loop rather than LINQ: a trivia list enumerated through its interface is boxed, once per member of every file.</summary>
    private static bool HasDocumentation(SyntaxTriviaList leading)
    {
        foreach (var trivia in leading)
        {
            if (DocumentationComments.Is(trivia))
            {
                return true;
            }
        }

        return false;
    }
}
