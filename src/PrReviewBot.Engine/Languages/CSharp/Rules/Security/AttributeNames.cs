using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// The name an attribute or attribute type is written with, as the framework spells it:
/// <c>[System.Web.Mvc.ValidateInputAttribute]</c>, <c>[ValidateInput]</c> and
/// <c>[VI]</c> under <c>using VI = System.Web.Mvc.ValidateInputAttribute;</c> all read
/// <c>ValidateInput</c>. Framework attributes never resolve without their assemblies, so the
/// written name (and the file's aliases) is what tells them apart.
/// </summary>
internal static class AttributeNames
{
    private const string Suffix = "Attribute";

    /// <summary>The attribute's simple name without the <c>Attribute</c> suffix, with a using alias followed to its target.</summary>
    public static string Of(AttributeSyntax attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return Of(attribute.Name);
    }

    /// <summary>The simple name of a type reference without the <c>Attribute</c> suffix, following a using alias.</summary>
    public static string Of(TypeSyntax type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = TypeNames.Simple(type);
        if (type is IdentifierNameSyntax && AliasTarget(type, name) is { } target)
        {
            name = TypeNames.Simple(target);
        }

        return name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length ? name[..^Suffix.Length] : name;
    }

    /// <summary>
    /// Every way the file can write the named attributes, each mapped to the name it stands for:
    /// the names themselves, using aliases of them, and attribute classes the file derives from
    /// them (<c>class NoLimitAttribute : DisableRequestSizeLimitAttribute</c>). Rules search the
    /// file for the keys and judge by the values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Spellings(CompilationUnitSyntax root, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(names);
        var spellings = names.ToDictionary(name => name, name => name, StringComparer.Ordinal);
        var usings = root.Usings.Concat(root.Members.OfType<BaseNamespaceDeclarationSyntax>().SelectMany(space => space.Usings));
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias && directive.NamespaceOrType is NameSyntax target && names.Contains(Of(target), StringComparer.Ordinal))
            {
                spellings.TryAdd(alias.Name.Identifier.ValueText, Of(target));
            }
        }

        var classes = root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<ClassDeclarationSyntax>();
        foreach (var declaration in classes)
        {
            if (declaration.BaseList?.Types.FirstOrDefault()?.Type is { } baseType && names.Contains(Of(baseType), StringComparer.Ordinal))
            {
                var name = declaration.Identifier.ValueText;
                spellings.TryAdd(name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length ? name[..^Suffix.Length] : name, Of(baseType));
            }
        }

        return spellings;
    }

    /// <summary>The attribute name an attribute stands for under the file's spellings, or its own name.</summary>
    public static string Of(AttributeSyntax attribute, IReadOnlyDictionary<string, string> spellings)
    {
        ArgumentNullException.ThrowIfNull(spellings);
        var name = Of(attribute);
        return spellings.TryGetValue(name, out var meant) ? meant : name;
    }

    /// <summary>The namespace an attribute or type is written with (<c>System.Web.Mvc</c>), following an alias; null when unqualified.</summary>
    public static string? Qualifier(TypeSyntax type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type is IdentifierNameSyntax identifier && AliasTarget(type, identifier.Identifier.ValueText) is { } target)
        {
            type = target;
        }

        return type is QualifiedNameSyntax qualified ? qualified.Left.ToString() : null;
    }

    private static NameSyntax? AliasTarget(SyntaxNode node, string name)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            var usings = ancestor switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax space => space.Usings,
                _ => default,
            };
            foreach (var directive in usings)
            {
                if (directive.Alias?.Name.Identifier.ValueText == name && directive.NamespaceOrType is NameSyntax target)
                {
                    return target;
                }
            }
        }

        return null;
    }
}
