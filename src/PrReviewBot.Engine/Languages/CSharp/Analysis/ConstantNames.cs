using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// The names of every string or integer constant a compilation can see: <c>const</c> fields and locals and enum members of its
/// files, and the literal fields of its references. A name or member access can only have a constant value
/// when it names one of these, and asking the semantic model binds (and runs nullable analysis on) the whole
/// enclosing method: most names that rules ask about (<c>options.Key</c>, <c>cancellationToken</c>) are no
/// constant, and this answers that for the price of a set lookup.
/// </summary>
public static class ConstantNames
{
    private static readonly ConditionalWeakTable<Compilation, IReadOnlySet<string>?> SourceNames = new();

    private static readonly ConditionalWeakTable<MetadataReference, IReadOnlySet<string>?> ReferenceNames = new();

    /// <summary>
    /// False when no constant of the compilation is called <paramref name="name"/>, so
    /// <see cref="SemanticModel.GetConstantValue(SyntaxNode, CancellationToken)"/> on a name or member access that
    /// ends in it has no value; true when one is, or when a reference cannot be read.
    /// </summary>
    public static bool MayBeConstant(SemanticModel model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        var compilation = model.Compilation;
        if (SourceNames.GetValue(compilation, Collect) is not { } source || source.Contains(name))
        {
            return true;
        }

        foreach (var reference in compilation.References)
        {
            if (ReferenceNames.GetValue(reference, Read) is not { } names || names.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    private static IReadOnlySet<string>? Collect(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree is not CSharpSyntaxTree)
            {
                return null;
            }

            var text = SinkSyntax.TextOf(tree);
            var root = tree.GetRoot();
            foreach (var keyword in (string[])["const", "enum"])
            {
                for (var index = text.IndexOf(keyword, StringComparison.Ordinal); index >= 0; index = text.IndexOf(keyword, index + keyword.Length, StringComparison.Ordinal))
                {
                    var token = root.FindToken(index);
                    if (token.SpanStart != index)
                    {
                        continue;
                    }

                    switch (token.Parent)
                    {
                        case FieldDeclarationSyntax field when token.IsKind(SyntaxKind.ConstKeyword):
                            names.UnionWith(field.Declaration.Variables.Select(variable => variable.Identifier.ValueText));
                            break;
                        case LocalDeclarationStatementSyntax local when token.IsKind(SyntaxKind.ConstKeyword):
                            names.UnionWith(local.Declaration.Variables.Select(variable => variable.Identifier.ValueText));
                            break;
                        case EnumDeclarationSyntax declaration when token.IsKind(SyntaxKind.EnumKeyword):
                            names.UnionWith(declaration.Members.Select(member => member.Identifier.ValueText));
                            break;
                    }
                }
            }
        }

        return names;
    }

    /// <summary>The literal fields (constants and enum members) of a referenced assembly's metadata; null when it is not a file reference.</summary>
    private static IReadOnlySet<string>? Read(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference executable)
        {
            return null;
        }

        var modules = executable.GetMetadata() switch
        {
            AssemblyMetadata assembly => assembly.GetModules(),
            ModuleMetadata module => [module],
            _ => default,
        };
        if (modules.IsDefault)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            var reader = module.GetMetadataReader();
            foreach (var handle in reader.FieldDefinitions)
            {
                var field = reader.GetFieldDefinition(handle);
                if ((field.Attributes & FieldAttributes.Literal) != 0)
                {
                    names.Add(reader.GetString(field.Name));
                }
            }
        }

        return names;
    }
}
