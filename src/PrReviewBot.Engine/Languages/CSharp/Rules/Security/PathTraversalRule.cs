using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Request data (query, form, route values, action parameters, uploaded file names) or the stored name
/// of an archive entry being extracted (zip slip) used as a file system path; the sinks are listed in <see cref="PathTraversalSinks"/>: <c>File.*</c>, <c>Directory.*</c>,
/// file streams and readers, <c>FileInfo</c>, and the controller's <c>PhysicalFile</c>/<c>File</c> results.
/// </summary>
public sealed class PathTraversalRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/path-traversal",
        "File path built from user input or an archive entry name",
        Category.Security,
        Severity.Error,
        "A path that contains request data can climb out of the intended folder (`../../web.config`) or be absolute, so an attacker reads, overwrites or deletes files the app can reach.",
        "Keep only the file name (`Path.GetFileName(input)`), or resolve with `Path.GetFullPath(Path.Combine(baseDir, input))` and refuse it unless it starts with the base directory; better, map ids to paths on the server.");

    private static readonly SinkCatalogue Sinks = PathTraversalSinks.Catalogue;

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var extracts = SinkSyntax.Mentions(context.Tree, "FullName", "Entries", "Key", "TarEntry", "ZipEntry");
        if (!UserInput.MayEnter(context.Tree) && !extracts)
        {
            return;
        }

        Sinks.CheckEach(context, use => Check(context, use.Node, use.Value, Describe(use), extracts));
    }

    private bool Check(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax path, string sinkName, bool extracts)
    {
        if (!extracts && !UserInput.MayReach(sink))
        {
            return false;
        }

        var origin = Sinks.Trace(path, context.Model, IsSanitizer);
        if (!origin.IsUserInput || SinkGuards.IsGuarded(sink, origin.Variables, IsPathCheck, context.Model, allowLists: true))
        {
            return false;
        }

        context.Report(this, sink, $"{sinkName} uses a path that comes from {origin.UserInput}; `..` or an absolute path in it reaches files outside the intended folder. Keep only `Path.GetFileName` of it, or check the full path stays under the base directory.");
        return true;
    }

    /// <summary><c>`File.ReadAllText`</c> as written, <c>`PhysicalFile`</c> for a controller's own helper, <c>`new FileStream`</c>.</summary>
    private static string Describe(SinkUse use) => use.Node switch
    {
        InvocationExpressionSyntax invocation => TypeNames.Receiver(invocation) is IdentifierNameSyntax receiver
            ? $"`{receiver.Identifier.ValueText}.{TypeNames.InvokedName(invocation)}`"
            : $"`{TypeNames.InvokedName(invocation) ?? "call"}`",
        _ => use.Name,
    };

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
