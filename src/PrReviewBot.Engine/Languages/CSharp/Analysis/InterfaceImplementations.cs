using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<TypeDeclarationSyntax, TypeInterfaces>> Types = new();

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

        // A member whose name no interface of its type has implements none of them: asked first, the names spare the
        // binding of every member of a large type (a reference assembly's source, read whole, has thousands).
        var interfaces = Types.GetValue(model.Compilation, _ => new()).GetOrAdd(type, declaration => new TypeInterfaces(model, declaration));
        if (interfaces.MemberNames is { } names && NameOf(member) is { } name && !names.Contains(name))
        {
            return whenUnresolved && interfaces.MayImplementUnresolved;
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

        return whenUnresolved && interfaces.MayImplementUnresolved;
    }

    /// <summary>The name the member's symbol has, read from its syntax; null for kinds whose symbol is named otherwise (indexers, constructors).</summary>
    private static string? NameOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        BaseFieldDeclarationSyntax field => field.Declaration.Variables[0].Identifier.ValueText,
        _ => null,
    };

    /// <summary>What one type declaration's interfaces say about its members, asked once per declaration.</summary>
    private sealed class TypeInterfaces
    {
        private readonly Lazy<bool> mayImplementUnresolved;

        public TypeInterfaces(SemanticModel model, TypeDeclarationSyntax type)
        {
            if (model.GetDeclaredSymbol(type) is INamedTypeSymbol symbol)
            {
                MemberNames = [.. symbol.AllInterfaces.SelectMany(@interface => @interface.MemberNames)];
            }

            // A base-list entry that does not resolve and is named like an interface (`IHandler<T>`) may be one the member implements.
            mayImplementUnresolved = new(() => type.BaseList!.Types.Any(baseType =>
                model.GetTypeInfo(baseType.Type).Type is null or IErrorTypeSymbol
                && TypeNames.Simple(baseType.Type) is ['I', var second, ..] && char.IsUpper(second)));
        }

        /// <summary>The names of every member of the type's interfaces; null when the type's symbol is not known.</summary>
        public HashSet<string>? MemberNames { get; }

        public bool MayImplementUnresolved => mayImplementUnresolved.Value;
    }
}
