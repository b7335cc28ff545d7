using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Answers "what type is this?" with the semantic model when the symbol resolves, and from
/// syntax (declarations, <c>new T()</c>) when it does not, as third-party types never do.
/// Names are simple (no namespace, no generic arguments): <c>SqlCommand</c>.
/// </summary>
public static class TypeNames
{
    /// <summary>The simple name of the expression's type, or null when neither model nor syntax tells.</summary>
    public static string? Of(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetTypeInfo(expression).Type;
        if (type is not null and not IErrorTypeSymbol && type.SpecialType != SpecialType.System_Object)
        {
            return type.Name;
        }

        return FromSyntax(expression, model);
    }

    /// <summary>The simple name written in a type reference: <c>System.Data.SqlClient.SqlCommand</c> → <c>SqlCommand</c>.</summary>
    public static string Simple(TypeSyntax type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            QualifiedNameSyntax qualified => Simple(qualified.Right),
            AliasQualifiedNameSyntax alias => Simple(alias.Name),
            GenericNameSyntax generic => generic.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            NullableTypeSyntax nullable => Simple(nullable.ElementType),
            PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
            ArrayTypeSyntax array => Simple(array.ElementType) + "[]",
            _ => type.ToString(),
        };
    }

    /// <summary>The type a using alias names (<c>using FS = System.IO.File;</c> makes <c>FS</c> mean <c>File</c>), or null.</summary>
    public static string? AliasTarget(IdentifierNameSyntax identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var name = identifier.Identifier.ValueText;
        foreach (var directive in identifier.SyntaxTree.GetCompilationUnitRoot().Usings)
        {
            if (directive.Alias?.Name.Identifier.ValueText == name && directive.NamespaceOrType is { } target)
            {
                return target switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    IdentifierNameSyntax simple => simple.Identifier.ValueText,
                    _ => null,
                };
            }
        }

        return null;
    }

    /// <summary>The name of the method an invocation calls: <c>a.b.Execute(x)</c> → <c>Execute</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>The receiver of a member call, <c>cmd</c> in <c>cmd.ExecuteReader()</c>, or null.</summary>
    public static ExpressionSyntax? Receiver(InvocationExpressionSyntax invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.Expression is MemberAccessExpressionSyntax member ? member.Expression : null;
    }

    private static string? FromSyntax(ExpressionSyntax expression, SemanticModel model)
    {
        switch (expression)
        {
            case ObjectCreationExpressionSyntax creation:
                return Simple(creation.Type);
            case ParenthesizedExpressionSyntax parenthesized:
                return FromSyntax(parenthesized.Expression, model);
            case CastExpressionSyntax cast:
                return Simple(cast.Type);
            case IdentifierNameSyntax identifier:
                return DeclaredTypeOf(identifier, model);
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member:
                return DeclaredTypeOf(member.Name, model);
            default:
                return null;
        }
    }

    private static string? DeclaredTypeOf(SimpleNameSyntax name, SemanticModel model)
    {
        var symbol = model.GetSymbolInfo(name).Symbol;
        var syntax = symbol?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        syntax ??= FindDeclarationByName(name);
        return syntax switch
        {
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } declarator =>
                declaration.Type.IsVar
                    ? declarator.Initializer?.Value is { } value ? FromSyntax(value, model) : null
                    : Simple(declaration.Type),
            ParameterSyntax { Type: { } type } => Simple(type),
            PropertyDeclarationSyntax property => Simple(property.Type),
            _ => null,
        };
    }

    /// <summary>Nearest declaration of the name in enclosing scopes, for when binding failed.</summary>
    private static SyntaxNode? FindDeclarationByName(SimpleNameSyntax name)
    {
        var text = name.Identifier.ValueText;
        foreach (var scope in name.Ancestors())
        {
            foreach (var node in scope.DescendantNodes(descendIntoChildren: child => child == scope || child is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or LambdaExpressionSyntax)))
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == text && declarator.SpanStart < name.SpanStart:
                        return declarator;
                    case ParameterSyntax parameter when parameter.Identifier.ValueText == text:
                        return parameter;
                    case PropertyDeclarationSyntax property when property.Identifier.ValueText == text:
                        return property;
                }
            }

            if (scope is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                // Keep searching outward only for fields and properties.
                continue;
            }
        }

        return null;
    }

    /// <summary>True when the expression is a string literal or otherwise a compile-time constant.</summary>
    public static bool IsCompileTimeConstant(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        return expression.IsKind(SyntaxKind.StringLiteralExpression) || model.GetConstantValue(expression).HasValue;
    }
}
