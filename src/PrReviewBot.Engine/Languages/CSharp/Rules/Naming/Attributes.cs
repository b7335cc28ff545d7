using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>Attribute checks by written name, which work whether or not the attribute's type resolves.</summary>
internal static class Attributes
{
    /// <summary>True when one of the lists has <paramref name="name"/>, written with or without its namespace or <c>Attribute</c> suffix.</summary>
    public static bool Has(SyntaxList<AttributeListSyntax> lists, string name)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (Matches(attribute, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool HasAny(SyntaxList<AttributeListSyntax> lists, IReadOnlyCollection<string> names)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                foreach (var name in names)
                {
                    if (Matches(attribute, name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool Matches(AttributeSyntax attribute, string name)
    {
        var written = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };

        return string.Equals(written, name, StringComparison.Ordinal)
            || (written.Length == name.Length + "Attribute".Length
                && written.StartsWith(name, StringComparison.Ordinal)
                && written.EndsWith("Attribute", StringComparison.Ordinal));
    }
}
