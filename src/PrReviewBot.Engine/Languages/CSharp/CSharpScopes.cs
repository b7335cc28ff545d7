using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// Names declarations the same way in every version of a file (<c>Ns.Type.Method</c>), so the
/// engine can tell whether a finding's declaration was already there before the change. Overloads
/// share a name, so a method keeps it when the change edits its parameters.
/// </summary>
public static class CSharpScopes
{
    /// <summary>The enclosing declarations of a node, outermost first, or null outside any declaration.</summary>
    public static string? Of(SyntaxNode? node)
    {
        var names = new List<string>();
        for (; node is not null; node = node.Parent)
        {
            if (NameOf(node) is { } name)
            {
                names.Add(name);
            }
        }

        names.Reverse();
        return names.Count == 0 ? null : string.Join('.', names);
    }

    /// <summary>Names and bodies need no structure in documentation comments, whose parse is a fifth of the whole.</summary>
    private static readonly CSharpParseOptions UnstructuredDocumentation = CSharpParseOptions.Default.WithDocumentationMode(DocumentationMode.None);

    /// <summary>
    /// Every declaration of a file, named as <see cref="Of"/> names it, with its body: what follows
    /// its name (parameters, accessors, block or members), made when asked for. A declaration renamed
    /// by the change keeps its body.
    /// </summary>
    public static IReadOnlyList<(string Scope, Func<string> Body)> Declared(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = CSharpSyntaxTree.ParseText(text, UnstructuredDocumentation, cancellationToken: cancellationToken).GetRoot(cancellationToken);
        return [.. root.DescendantNodes().Where(node => NameOf(node) is not null).Select(node => (Of(node)!, (Func<string>)(() => BodyOf(node))))];
    }

    private static string BodyOf(SyntaxNode node)
    {
        SyntaxNode? body = node switch
        {
            BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
            BasePropertyDeclarationSyntax property => (SyntaxNode?)property.AccessorList ?? (property as PropertyDeclarationSyntax)?.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };
        if (body is not null)
        {
            return body.ToString();
        }

        // Types and fields: the text after the name (type parameters, bases, members or initializer).
        var name = node switch
        {
            BaseTypeDeclarationSyntax type => type.Identifier,
            DelegateDeclarationSyntax @delegate => @delegate.Identifier,
            _ => default,
        };
        return name == default ? node.ToString() : node.ToString()[(name.Span.End - node.SpanStart)..];
    }

    private static string? NameOf(SyntaxNode node) => node switch
    {
        BaseNamespaceDeclarationSyntax ns => ns.Name.ToString(),
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax => ".ctor",
        DestructorDeclarationSyntax => "Finalize",
        OperatorDeclarationSyntax @operator => $"op {@operator.OperatorToken.ValueText}",
        ConversionOperatorDeclarationSyntax conversion => $"op {conversion.Type}",
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        EventFieldDeclarationSyntax field => string.Join(',', field.Declaration.Variables.Select(variable => variable.Identifier.ValueText)),
        FieldDeclarationSyntax field => string.Join(',', field.Declaration.Variables.Select(variable => variable.Identifier.ValueText)),
        EnumMemberDeclarationSyntax member => member.Identifier.ValueText,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        _ => null,
    };
}
