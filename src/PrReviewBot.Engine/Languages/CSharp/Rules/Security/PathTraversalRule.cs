using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Request data (query, form, route values, action parameters, uploaded file names) used as a file
/// system path: <c>File.*</c>, <c>Directory.*</c>, file streams and readers, <c>FileInfo</c>, and the
/// controller's <c>PhysicalFile</c>/<c>File</c> results.
/// </summary>
public sealed class PathTraversalRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/path-traversal",
        "File path built from user input",
        Category.Security,
        Severity.Error,
        "A path that contains request data can climb out of the intended folder (`../../web.config`) or be absolute, so an attacker reads, overwrites or deletes files the app can reach.",
        "Keep only the file name (`Path.GetFileName(input)`), or resolve with `Path.GetFullPath(Path.Combine(baseDir, input))` and refuse it unless it starts with the base directory; better, map ids to paths on the server.");

    /// <summary>File-system methods and the argument positions that are paths.</summary>
    private static readonly Dictionary<string, int[]> FileMethods = new(StringComparer.Ordinal)
    {
        ["ReadAllText"] = [0], ["ReadAllTextAsync"] = [0], ["ReadAllBytes"] = [0], ["ReadAllBytesAsync"] = [0],
        ["ReadAllLines"] = [0], ["ReadAllLinesAsync"] = [0], ["ReadLines"] = [0], ["ReadLinesAsync"] = [0],
        ["WriteAllText"] = [0], ["WriteAllTextAsync"] = [0], ["WriteAllBytes"] = [0], ["WriteAllBytesAsync"] = [0],
        ["WriteAllLines"] = [0], ["WriteAllLinesAsync"] = [0], ["AppendAllText"] = [0], ["AppendAllTextAsync"] = [0],
        ["AppendAllLines"] = [0], ["AppendAllLinesAsync"] = [0], ["AppendText"] = [0], ["Open"] = [0], ["OpenRead"] = [0],
        ["OpenWrite"] = [0], ["OpenText"] = [0], ["OpenHandle"] = [0], ["Create"] = [0], ["CreateText"] = [0],
        ["Delete"] = [0], ["SetAttributes"] = [0], ["Copy"] = [0, 1], ["Move"] = [0, 1], ["Replace"] = [0, 1, 2],
    };

    private static readonly Dictionary<string, int[]> DirectoryMethods = new(StringComparer.Ordinal)
    {
        ["Delete"] = [0], ["CreateDirectory"] = [0], ["GetFiles"] = [0], ["GetDirectories"] = [0], ["EnumerateFiles"] = [0],
        ["EnumerateDirectories"] = [0], ["EnumerateFileSystemEntries"] = [0], ["GetFileSystemEntries"] = [0], ["Move"] = [0, 1],
    };

    private static readonly HashSet<string> PathTypes = new(StringComparer.Ordinal)
    {
        "FileStream", "StreamReader", "StreamWriter", "FileInfo", "DirectoryInfo", "PhysicalFileResult", "PhysicalFileProvider",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "File", "Directory", "Stream") || !UserInput.MayEnter(context.Tree))
        {
            return;
        }

        foreach (var node in context.Root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when PathArguments(invocation, context.Model) is { } positions:
                    foreach (var position in positions)
                    {
                        if (SinkSyntax.Argument(invocation.ArgumentList, position) is { } path && Check(context, invocation, path, $"`{Describe(invocation)}`"))
                        {
                            break;
                        }
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) is { } type && PathTypes.Contains(type):
                    if (SinkSyntax.Argument(creation.ArgumentList, 0, "path", "fileName", "root") is { } created)
                    {
                        Check(context, creation, created, $"`new {type}`");
                    }

                    break;
            }
        }
    }

    private bool Check(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax path, string sinkName)
    {
        if (!UserInput.MayReach(sink))
        {
            return false;
        }

        var origin = StringOrigins.Of(path, context.Model, IsSanitizer);
        if (!origin.IsUserInput || SinkGuards.IsGuarded(sink, origin.Variables, IsPathCheck, context.Model, allowLists: true))
        {
            return false;
        }

        context.Report(this, sink, $"{sinkName} uses a path that comes from {origin.UserInput}; `..` or an absolute path in it reaches files outside the intended folder. Keep only `Path.GetFileName` of it, or check the full path stays under the base directory.");
        return true;
    }

    private static string Describe(InvocationExpressionSyntax invocation) =>
        TypeNames.Receiver(invocation) is IdentifierNameSyntax receiver
            ? $"{receiver.Identifier.ValueText}.{TypeNames.InvokedName(invocation)}"
            : TypeNames.InvokedName(invocation) ?? "call";

    /// <summary>The path argument positions of a file-system call, or null when the call is not one.</summary>
    private static int[]? PathArguments(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (TypeNames.InvokedName(invocation) is not { } name)
        {
            return null;
        }

        var receiver = TypeNames.Receiver(invocation);
        if (name is "PhysicalFile" or "File" && receiver is null or ThisExpressionSyntax or IdentifierNameSyntax { Identifier.ValueText: "Results" or "TypedResults" })
        {
            // Controller results: File(path, contentType) only when the first argument is a path, not bytes or a stream.
            return name == "PhysicalFile" || IsStringArgument(invocation, model) ? [0] : null;
        }

        var owner = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            null when FileMethods.ContainsKey(name) || DirectoryMethods.ContainsKey(name) => StaticallyImported(invocation, model),
            _ => null,
        };
        return owner switch
        {
            "File" => FileMethods.GetValueOrDefault(name),
            "Directory" => DirectoryMethods.GetValueOrDefault(name),
            _ => null,
        };
    }

    /// <summary>With <c>using static System.IO.File;</c> a bare <c>ReadAllText(path)</c> is a file call: ask the model only then.</summary>
    private static string? StaticallyImported(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        var root = invocation.SyntaxTree.GetCompilationUnitRoot();
        if (!root.Usings.Any(directive => directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)))
        {
            return null;
        }

        var info = model.GetSymbolInfo(invocation);
        return (info.Symbol ?? info.CandidateSymbols.FirstOrDefault())?.ContainingType?.Name;
    }

    private static bool IsStringArgument(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        if (invocation.ArgumentList.Arguments.Count == 0)
        {
            return false;
        }

        var argument = invocation.ArgumentList.Arguments[0].Expression;
        var type = model.GetTypeInfo(argument).Type;
        return type is null or IErrorTypeSymbol || type.SpecialType == SpecialType.System_String;
    }

    private static bool IsSanitizer(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } name
        && (name is "GetFileName" or "GetFileNameWithoutExtension" or "GetExtension" or "GetRandomFileName"
            || name.Contains("Sanitize", StringComparison.Ordinal)
            || name.Contains("SafeFileName", StringComparison.Ordinal));

    /// <summary>
    /// <c>full.StartsWith(baseDir)</c> after <c>Path.GetFullPath</c>, <c>IsValidPath(x)</c>-style
    /// validators; <c>x.Contains("..")</c> is a check that must be false.
    /// </summary>
    private static bool? IsPathCheck(ExpressionSyntax atom, IReadOnlySet<string> variables)
    {
        if (atom is not InvocationExpressionSyntax invocation || TypeNames.InvokedName(invocation) is not { } name)
        {
            return null;
        }

        var receiver = TypeNames.Receiver(invocation);
        switch (name)
        {
            case "StartsWith" when receiver is not null && ResolvesFullPath(receiver, variables, invocation):
                return true;
            case "Contains" or "IsPathRooted" or "IsPathFullyQualified" when SinkGuards.Mentions(invocation, variables)
                && (name != "Contains" || SinkSyntax.LiteralText(invocation.ArgumentList.Arguments[0].Expression).Contains("..", StringComparison.Ordinal)):
                return false;
            default:
                return (name.StartsWith("IsValid", StringComparison.Ordinal) || name.StartsWith("IsSafe", StringComparison.Ordinal) || name.StartsWith("IsAllowed", StringComparison.Ordinal))
                    && SinkGuards.Mentions(invocation, variables)
                    ? true
                    : null;
        }
    }

    private static bool ResolvesFullPath(ExpressionSyntax receiver, IReadOnlySet<string> variables, SyntaxNode check)
    {
        if (receiver is InvocationExpressionSyntax call && TypeNames.InvokedName(call) == "GetFullPath")
        {
            return true;
        }

        if (!SinkGuards.IsVariable(receiver, variables))
        {
            return false;
        }

        // The checked variable must hold a normalized path, else "../" slips past StartsWith.
        var member = check.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
        return member is not null && member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call2 => TypeNames.InvokedName(call2) == "GetFullPath");
    }
}
