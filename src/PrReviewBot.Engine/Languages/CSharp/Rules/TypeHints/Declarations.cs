using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;

/// <summary>Where a name assigned to was declared, as written: "local", "field", "property" or "parameter", and its type.</summary>
internal sealed record DeclaredTarget(string Kind, TypeSyntax Type, bool AllowsNull);

/// <summary>
/// Finds the declaration a simple name refers to by walking the enclosing scopes in the source,
/// innermost first, without binding anything. Gives up (null) whenever the answer is not certain:
/// a pattern or <c>out</c> variable of that name, an implicitly typed declaration, a member from
/// a base type or another part of a partial type.
/// </summary>
internal static class Declarations
{
    private static readonly string[] AllowsNullAttributes = ["AllowNull", "MaybeNull"];

    public static DeclaredTarget? Find(SyntaxNode use, string name, bool onlyMembers)
    {
        ArgumentNullException.ThrowIfNull(use);
        ArgumentNullException.ThrowIfNull(name);
        foreach (var scope in use.Ancestors())
        {
            if (scope is TypeDeclarationSyntax type)
            {
                return Member(type, name);
            }

            if (onlyMembers)
            {
                continue;
            }

            var (found, certain) = InScope(scope, use, name);
            if (found is not null || !certain)
            {
                return found;
            }

            if (scope is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
                && DeclaresElsewhere(scope, name))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The declaration of <paramref name="name"/> made directly by <paramref name="scope"/>; certain = false when one exists but says nothing usable.</summary>
    private static (DeclaredTarget? Found, bool Certain) InScope(SyntaxNode scope, SyntaxNode use, string name)
    {
        switch (scope)
        {
            case BlockSyntax block:
                return Locals(block.Statements, use, name);
            case SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement }:
                return Locals(switchStatement.Sections.SelectMany(section => section.Statements), use, name);
            case ForStatementSyntax { Declaration: { } declaration }:
                return Variables(declaration, name, "local");
            case ForEachStatementSyntax forEach when forEach.Identifier.ValueText == name:
                return (null, false);
            case UsingStatementSyntax { Declaration: { } declaration } when declaration.Variables.Any(variable => variable.Identifier.ValueText == name):
                return (null, false);
            case CatchClauseSyntax { Declaration: { } catchDeclaration } when catchDeclaration.Identifier.ValueText == name:
                return (new DeclaredTarget("local", catchDeclaration.Type, false), true);
            case BaseMethodDeclarationSyntax method:
                return Parameters(method.ParameterList.Parameters, name);
            case LocalFunctionStatementSyntax function:
                return Parameters(function.ParameterList.Parameters, name);
            case ParenthesizedLambdaExpressionSyntax lambda:
                return Parameters(lambda.ParameterList.Parameters, name);
            case SimpleLambdaExpressionSyntax simple when simple.Parameter.Identifier.ValueText == name:
                return (null, false);
            case AnonymousMethodExpressionSyntax { ParameterList: { } list }:
                return Parameters(list.Parameters, name);
            case IndexerDeclarationSyntax indexer:
                return Parameters(indexer.ParameterList.Parameters, name);
            default:
                return (null, true);
        }
    }

    private static (DeclaredTarget? Found, bool Certain) Locals(IEnumerable<StatementSyntax> statements, SyntaxNode use, string name)
    {
        foreach (var statement in statements)
        {
            if (statement.SpanStart >= use.SpanStart)
            {
                break;
            }

            if (statement is LocalDeclarationStatementSyntax local)
            {
                var (found, certain) = Variables(local.Declaration, name, "local");
                if (found is not null || !certain)
                {
                    return (found, certain);
                }
            }
        }

        return (null, true);
    }

    private static (DeclaredTarget? Found, bool Certain) Variables(VariableDeclarationSyntax declaration, string name, string kind)
    {
        if (!declaration.Variables.Any(variable => variable.Identifier.ValueText == name))
        {
            return (null, true);
        }

        // `var` locals are nullable whatever their initializer.
        return declaration.Type.IsVar ? (null, false) : (new DeclaredTarget(kind, declaration.Type, false), true);
    }

    private static (DeclaredTarget? Found, bool Certain) Parameters(SeparatedSyntaxList<ParameterSyntax> parameters, string name)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return parameter.Type is { } type
                    ? (new DeclaredTarget("parameter", type, Attributes.HasAny(parameter.AttributeLists, AllowsNullAttributes)), true)
                    : (null, false);
            }
        }

        return (null, true);
    }

    private static DeclaredTarget? Member(TypeDeclarationSyntax type, string name)
    {
        foreach (var member in type.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name):
                    return new DeclaredTarget("field", field.Declaration.Type, Attributes.HasAny(field.AttributeLists, AllowsNullAttributes));
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    return new DeclaredTarget("property", property.Type, Attributes.HasAny(property.AttributeLists, AllowsNullAttributes));
            }
        }

        if (type.ParameterList is { } primary)
        {
            return Parameters(primary.Parameters, name).Found;
        }

        return null;
    }

    /// <summary>A pattern, <c>out</c>, loop or nested-block variable of that name anywhere in the member makes the lookup uncertain.</summary>
    private static bool DeclaresElsewhere(SyntaxNode member, string name)
    {
        foreach (var node in member.DescendantNodes())
        {
            var declared = node switch
            {
                SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
                VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
                ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
                LocalFunctionStatementSyntax function => function.Identifier.ValueText,
                ParameterSyntax parameter => parameter.Identifier.ValueText,
                _ => null,
            };
            if (declared == name)
            {
                return true;
            }
        }

        return false;
    }
}
