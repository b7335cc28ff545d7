using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Members whose name and contract come from an interface: the interface's author chose the
/// name and wrote the documentation, so neither is the implementer's to change or repeat.
/// </summary>
public static class InterfaceImplementations
{
    /// <summary>
    /// True when the member implicitly implements a member of one of its type's interfaces. Answered
    /// with the semantic model; when an interface of the type does not resolve (a third-party one),
    /// a public member whose name that interface cannot be checked for is not claimed either way,
    /// so this returns <paramref name="whenUnresolved"/>.
    /// </summary>
    public static bool IsImplicitImplementation(SemanticModel model, MemberDeclarationSyntax member, bool whenUnresolved = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(member);
        if (member.Parent is not TypeDeclarationSyntax type || type is InterfaceDeclarationSyntax
            || !member.Modifiers.Any(SyntaxKind.PublicKeyword) || member.Modifiers.Any(SyntaxKind.StaticKeyword)
            || type.BaseList is null)
        {
            return false;
        }

        var declared = member is BaseFieldDeclarationSyntax field
            ? model.GetDeclaredSymbol(field.Declaration.Variables[0])
            : model.GetDeclaredSymbol(member);
        if (declared is not { ContainingType: { } containing } symbol)
        {
            return whenUnresolved;
        }

        foreach (var @interface in containing.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(symbol.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(containing.FindImplementationForInterfaceMember(candidate), symbol))
                {
                    return true;
                }
            }
        }

        // A base-list entry that does not resolve and is named like an interface (`IHandler<T>`) may be one the member implements.
        return whenUnresolved && type.BaseList.Types.Any(baseType =>
            model.GetTypeInfo(baseType.Type).Type is null or IErrorTypeSymbol
            && TypeNames.Simple(baseType.Type) is [ 'I', var second, .. ] && char.IsUpper(second));
    }
}
