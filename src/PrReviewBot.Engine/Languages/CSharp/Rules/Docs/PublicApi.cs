using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Docs;

/// <summary>One declaration of the public API as written: what it is, its name for messages, where to report.</summary>
/// <param name="Node">The declaration; its leading trivia holds any <c>///</c> comment.</param>
/// <param name="Identifier">The token a finding points at.</param>
/// <param name="Kind">"class", "method", "constructor"…</param>
/// <param name="Name">The name a reader recognises: <c>ProjectStore.Save</c>.</param>
internal sealed record PublicApiDeclaration(MemberDeclarationSyntax Node, SyntaxToken Identifier, string Kind, string Name)
{
    public bool IsDocumented => PublicApi.HasDocumentation(Node);
}

/// <summary>
/// Finds the declarations a documentation generator would ask about: effectively public types
/// (public, and every containing type public) and their public members. Overrides, explicit
/// interface implementations, operators, <c>Main</c>, test classes and generated code are left out.
/// </summary>
internal static class PublicApi
{
    public static List<PublicApiDeclaration> Collect(CompilationUnitSyntax root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<PublicApiDeclaration>();
        VisitMembers(root.Members, found, containerName: null, isInterface: false);
        return found;
    }

    private static readonly HashSet<string> NonApiFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "spec", "specs", "bench", "benchmark", "benchmarks", "sample", "samples", "example", "examples", "demo", "demos",
        "tools", "build", "eng", "scripts",
    };

    private static readonly string[] NonApiProjectSuffixes =
        [".tests", ".test", ".specs", ".unittests", ".integrationtests", ".functionaltests", ".testutils", ".testing", ".benchmarks", ".samples", ".sample", ".examples", ".demo"];

    /// <summary>
    /// True for files of test, benchmark, sample and build-tool projects (by folder or project-name suffix):
    /// their public types are not a library's API, whatever the rest of the repository documents.
    /// </summary>
    public static bool IsOutsideApi(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', '\\');
        for (var index = 0; index < segments.Length - 1; index++)
        {
            var segment = segments[index];
            if (NonApiFolders.Contains(segment) || NonApiProjectSuffixes.Any(suffix => segment.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasDocumentation(SyntaxNode declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (Documents(trivia))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a documentation comment that says something: an element, or text that is not blank.</summary>
    public static bool Documents(SyntaxTrivia trivia) => DocumentationComments.Says(trivia);

    private static void VisitMembers(SyntaxList<MemberDeclarationSyntax> members, List<PublicApiDeclaration> found, string? containerName, bool isInterface)
    {
        foreach (var member in members)
        {
            if (GeneratedCode.IsMarkedGenerated(member))
            {
                continue;
            }

            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    VisitMembers(ns.Members, found, containerName: null, isInterface: false);
                    break;
                case ExtensionBlockDeclarationSyntax extension:
                    VisitMembers(extension.Members, found, containerName, isInterface: false);
                    break;
                case BaseTypeDeclarationSyntax type when IsPublic(type.Modifiers, isInterface):
                    VisitType(type, found, containerName);
                    break;
                case DelegateDeclarationSyntax @delegate when IsPublic(@delegate.Modifiers, isInterface):
                    found.Add(new(@delegate, @delegate.Identifier, "delegate", Qualify(containerName, @delegate.Identifier.ValueText)));
                    break;
                case MethodDeclarationSyntax method when IsPublicMember(method.Modifiers, method.ExplicitInterfaceSpecifier, isInterface)
                    && !(method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword)):
                    found.Add(new(method, method.Identifier, "method", Qualify(containerName, method.Identifier.ValueText)));
                    break;
                case ConstructorDeclarationSyntax constructor when IsPublic(constructor.Modifiers, isInterface) && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    var parameterTypes = string.Join(", ", constructor.ParameterList.Parameters.Select(parameter => parameter.Type?.ToString() ?? parameter.Identifier.ValueText));
                    found.Add(new(constructor, constructor.Identifier, "constructor", $"{constructor.Identifier.ValueText}({parameterTypes})"));
                    break;
                case PropertyDeclarationSyntax property when IsPublicMember(property.Modifiers, property.ExplicitInterfaceSpecifier, isInterface):
                    found.Add(new(property, property.Identifier, "property", Qualify(containerName, property.Identifier.ValueText)));
                    break;
                case IndexerDeclarationSyntax indexer when IsPublicMember(indexer.Modifiers, indexer.ExplicitInterfaceSpecifier, isInterface):
                    var indexTypes = string.Join(", ", indexer.ParameterList.Parameters.Select(parameter => parameter.Type?.ToString()));
                    found.Add(new(indexer, indexer.ThisKeyword, "indexer", Qualify(containerName, $"this[{indexTypes}]")));
                    break;
                case EventDeclarationSyntax @event when IsPublicMember(@event.Modifiers, @event.ExplicitInterfaceSpecifier, isInterface):
                    found.Add(new(@event, @event.Identifier, "event", Qualify(containerName, @event.Identifier.ValueText)));
                    break;
                case EventFieldDeclarationSyntax events when IsPublicMember(events.Modifiers, null, isInterface):
                    found.Add(new(events, events.Declaration.Variables[0].Identifier, "event", Names(containerName, events.Declaration)));
                    break;
                case FieldDeclarationSyntax field when IsPublic(field.Modifiers, defaultPublic: false):
                    var kind = field.Modifiers.Any(SyntaxKind.ConstKeyword) ? "constant" : "field";
                    found.Add(new(field, field.Declaration.Variables[0].Identifier, kind, Names(containerName, field.Declaration)));
                    break;
            }
        }
    }

    private static void VisitType(BaseTypeDeclarationSyntax type, List<PublicApiDeclaration> found, string? containerName)
    {
        if (type is TypeDeclarationSyntax declaration && (TestCode.IsTestClass(declaration) || IsProgramWithMain(declaration)))
        {
            return;
        }

        var name = Qualify(containerName, type.Identifier.ValueText);
        var kind = type switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            InterfaceDeclarationSyntax => "interface",
            StructDeclarationSyntax => "struct",
            EnumDeclarationSyntax => "enum",
            _ => "class",
        };
        found.Add(new(type, type.Identifier, kind, name));
        if (type is TypeDeclarationSyntax withMembers)
        {
            VisitMembers(withMembers.Members, found, name, isInterface: type is InterfaceDeclarationSyntax);
        }
    }

    private static bool IsProgramWithMain(TypeDeclarationSyntax type) =>
        type.Members.OfType<MethodDeclarationSyntax>().Any(method => method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword));

    /// <summary>Declared public; interface members are public unless they say otherwise.</summary>
    private static bool IsPublic(SyntaxTokenList modifiers, bool defaultPublic)
    {
        if (modifiers.Any(SyntaxKind.PublicKeyword))
        {
            return true;
        }

        return defaultPublic && !modifiers.Any(SyntaxKind.PrivateKeyword) && !modifiers.Any(SyntaxKind.ProtectedKeyword) && !modifiers.Any(SyntaxKind.InternalKeyword);
    }

    private static bool IsPublicMember(SyntaxTokenList modifiers, ExplicitInterfaceSpecifierSyntax? explicitInterface, bool isInterface) =>
        explicitInterface is null && !modifiers.Any(SyntaxKind.OverrideKeyword) && IsPublic(modifiers, isInterface);

    private static string Qualify(string? containerName, string name) => containerName is null ? name : $"{containerName}.{name}";

    private static string Names(string? containerName, VariableDeclarationSyntax declaration) =>
        string.Join("`, `", declaration.Variables.Select(variable => Qualify(containerName, variable.Identifier.ValueText)));
}
