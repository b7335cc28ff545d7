using System.Reflection;
using System.Reflection.Metadata;
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
    /// <summary>The names of the constants of one kind of place: all of them, and those of type <c>string</c>.</summary>
    private sealed record Names(HashSet<string> All, HashSet<string> Strings);

    private static readonly ConditionalWeakTable<Compilation, Tuple<Names, Names?>> Compilations = new();

    private static readonly ConditionalWeakTable<SyntaxTree, Names> Trees = new();

    /// <summary>The merged constants of a list of references, kept under its first reference: every compilation of a run shares one list.</summary>
    private static readonly ConditionalWeakTable<MetadataReference, ReferenceNames> ReferenceLists = new();

    private sealed record ReferenceNames(MetadataReference[] References, Names? Names);

    /// <summary>
    /// False when no constant of the compilation is called <paramref name="name"/> (no <c>string</c> constant
    /// with <paramref name="stringOnly"/>), so <see cref="SemanticModel.GetConstantValue(SyntaxNode, CancellationToken)"/>
    /// on a name or member access that ends in it has no such value; true when one is, or when a reference cannot be read.
    /// </summary>
    public static bool MayBeConstant(SemanticModel model, string name, bool stringOnly)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        var (source, referenced) = Compilations.GetValue(model.Compilation, static compilation => Tuple.Create(Collect(compilation), Referenced(compilation)));
        return (stringOnly ? source.Strings : source.All).Contains(name)
            || referenced is null
            || (stringOnly ? referenced.Strings : referenced.All).Contains(name);
    }

    private static Names? Referenced(Compilation compilation)
    {
        var references = compilation.References.ToArray();
        if (references.Length == 0)
        {
            return new Names([], []);
        }

        var known = ReferenceLists.GetValue(references[0], _ => new ReferenceNames(references, Merge(references)));
        return known.References.SequenceEqual(references, ReferenceEqualityComparer.Instance) ? known.Names : Merge(references);
    }

    private static Names? Merge(MetadataReference[] references)
    {
        var names = new Names(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var reference in references)
        {
            if (Read(reference) is not { } read)
            {
                return null;
            }

            names.All.UnionWith(read.All);
            names.Strings.UnionWith(read.Strings);
        }

        return names;
    }

    /// <summary>
    /// Lets <paramref name="copy"/>, a tree made from <paramref name="original"/> (its declarations), answer with the constants
    /// found in the original: a batched review searches the text the declarations were read from, instead of writing out each
    /// declarations tree's text to search it. The original's names may include constants the copy lost with its bodies (local
    /// ones); a name too many costs a binding, never a finding, since <see cref="MayBeConstant"/> only lets a rule skip asking
    /// the model.
    /// </summary>
    internal static void Share(SyntaxTree original, SyntaxTree copy) => Trees.AddOrUpdate(copy, Trees.GetValue(original, Declared));

    /// <summary>The constants declared in the compilation's files: each file's, found once per syntax tree.</summary>
    private static Names Collect(Compilation compilation)
    {
        var names = new Names(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A large change is reviewed in batches whose compilations share most trees: each is read once, not once per batch.
            var declared = Trees.GetValue(tree, Declared);
            names.All.UnionWith(declared.All);
            names.Strings.UnionWith(declared.Strings);
        }

        return names;
    }

    /// <summary>
    /// The constants one file declares, found by searching its text for the two keywords. A tree built from nodes (a
    /// file's declarations, its bodies emptied) has its text written out for the search and then dropped, not kept
    /// with the trees the rules read (walking its tokens instead would make and keep a node object for every node).
    /// </summary>
    private static Names Declared(SyntaxTree tree)
    {
        var names = new Names(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var root = tree.GetRoot();
        var text = tree.TryGetText(out _) ? SinkSyntax.TextOf(tree) : root.ToFullString();
        foreach (var token in KeywordsInText(root, text))
        {
            switch (token.Parent)
            {
                case FieldDeclarationSyntax field when token.IsKind(SyntaxKind.ConstKeyword):
                    Add(names, field.Declaration);
                    break;
                case LocalDeclarationStatementSyntax local when token.IsKind(SyntaxKind.ConstKeyword):
                    Add(names, local.Declaration);
                    break;
                case EnumDeclarationSyntax declaration when token.IsKind(SyntaxKind.EnumKeyword):
                    names.All.UnionWith(declaration.Members.Select(member => member.Identifier.ValueText));
                    break;
            }
        }

        return names;
    }

    /// <summary>The tokens that start where the text has <c>const</c> or <c>enum</c> as a word.</summary>
    private static IEnumerable<SyntaxToken> KeywordsInText(SyntaxNode root, string text)
    {
        foreach (var keyword in (string[])["const", "enum"])
        {
            for (var index = text.IndexOf(keyword, StringComparison.Ordinal); index >= 0; index = text.IndexOf(keyword, index + keyword.Length, StringComparison.Ordinal))
            {
                // Inside a longer word (constructor, IsConstant) it is no keyword: skip the token lookup.
                if (IsWordCharacter(text, index - 1) || IsWordCharacter(text, index + keyword.Length))
                {
                    continue;
                }

                var token = root.FindToken(index);
                if (token.SpanStart == index)
                {
                    yield return token;
                }
            }
        }
    }

    private static bool IsWordCharacter(string text, int index) =>
        index >= 0 && index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] == '_');

    /// <summary>A <c>const</c> declaration's names; of type <c>string</c> unless its type is another keyword type (an alias may name <c>string</c>).</summary>
    private static void Add(Names names, VariableDeclarationSyntax declaration)
    {
        var variables = declaration.Variables.Select(variable => variable.Identifier.ValueText).ToList();
        names.All.UnionWith(variables);
        if (declaration.Type is not PredefinedTypeSyntax { Keyword.RawKind: not (int)SyntaxKind.StringKeyword and not (int)SyntaxKind.ObjectKeyword })
        {
            names.Strings.UnionWith(variables);
        }
    }

    /// <summary>The literal fields (constants and enum members) of a referenced assembly's metadata; null when it is not a file reference.</summary>
    private static Names? Read(MetadataReference reference)
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

        var names = new Names(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        foreach (var module in modules)
        {
            var reader = module.GetMetadataReader();
            foreach (var handle in reader.FieldDefinitions)
            {
                var field = reader.GetFieldDefinition(handle);
                if ((field.Attributes & FieldAttributes.Literal) == 0)
                {
                    continue;
                }

                var name = reader.GetString(field.Name);
                names.All.Add(name);
                if (field.GetDefaultValue() is { IsNil: false } constant && reader.GetConstant(constant).TypeCode is ConstantTypeCode.String or ConstantTypeCode.NullReference)
                {
                    names.Strings.Add(name);
                }
            }
        }

        return names;
    }
}
