using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Imports;

/// <summary>
/// The simple names a <c>using</c> brings into scope: the types of a namespace (with and without
/// an <c>Attribute</c> suffix) and the extension members its static classes declare, or the
/// static members of a type for <c>using static</c>. Computed once per symbol and compilation.
/// </summary>
internal sealed class ImportedNames
{
    /// <summary>Members the compiler calls by pattern, with no name in the source: <c>await</c>, <c>foreach</c>, deconstruction, collection initializers, <c>using</c>.</summary>
    private static readonly HashSet<string> PatternMembers = new(StringComparer.Ordinal)
    {
        "GetAwaiter", "GetEnumerator", "GetAsyncEnumerator", "Deconstruct", "Add", "Dispose", "DisposeAsync", "GetPinnableReference",
    };

    /// <summary>Methods a query expression (<c>from … select</c>) calls without naming them.</summary>
    private static readonly HashSet<string> QueryMembers = new(StringComparer.Ordinal)
    {
        "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast",
    };

    private static readonly ConditionalWeakTable<ISymbol, ImportedNames> Cache = new();

    private ImportedNames()
    {
    }

    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>The import provides an extension the compiler may call without it being named.</summary>
    public bool HasPatternMember { get; private set; }

    /// <summary>The import provides extension methods a query expression may call.</summary>
    public bool HasQueryMember { get; private set; }

    public static ImportedNames ForNamespace(INamespaceSymbol ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return Cache.GetValue(ns, _ =>
        {
            var imported = new ImportedNames();
            foreach (var type in ns.GetTypeMembers())
            {
                imported.AddTypeName(type.Name);
                if (type.IsStatic || type.MightContainExtensionMethods)
                {
                    imported.AddExtensions(type);
                }
            }

            return imported;
        });
    }

    public static ImportedNames ForStaticType(INamedTypeSymbol type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Cache.GetValue(type, _ =>
        {
            var imported = new ImportedNames();
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member is INamedTypeSymbol)
                    {
                        imported.AddMember(member.Name, isExtension: member is IMethodSymbol { IsExtensionMethod: true });
                    }
                }

                foreach (var nested in current.GetTypeMembers())
                {
                    imported.AddTypeName(nested.Name);
                    if (nested.IsExtension)
                    {
                        imported.AddExtensionBlock(nested);
                    }
                }
            }

            return imported;
        });
    }

    private void AddTypeName(string name)
    {
        Names.Add(name);
        if (name.Length > "Attribute".Length && name.EndsWith("Attribute", StringComparison.Ordinal))
        {
            Names.Add(name[..^"Attribute".Length]);
        }
    }

    private void AddExtensions(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { IsExtensionMethod: true })
            {
                AddMember(member.Name, isExtension: true);
            }
        }

        foreach (var nested in type.GetTypeMembers())
        {
            if (nested.IsExtension)
            {
                AddExtensionBlock(nested);
            }
        }
    }

    private void AddExtensionBlock(INamedTypeSymbol block)
    {
        foreach (var member in block.GetMembers())
        {
            AddMember(member.Name, isExtension: true);
        }
    }

    private void AddMember(string name, bool isExtension)
    {
        Names.Add(name);
        if (isExtension)
        {
            HasPatternMember |= PatternMembers.Contains(name);
            HasQueryMember |= QueryMembers.Contains(name);
        }
    }
}
