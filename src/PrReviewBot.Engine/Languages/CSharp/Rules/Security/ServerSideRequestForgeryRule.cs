using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A URL taken from the request, or built so that the request chooses its server, given to an
/// HTTP client (<see cref="ServerSideRequestForgerySinks"/>). A fixed base with request data in the
/// path or an escaped query value, and an address checked against an allow-list, are fine.
/// </summary>
public sealed class ServerSideRequestForgeryRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/ssrf",
        "Server-side request to a URL from the request",
        Category.Security,
        Severity.Error,
        "When the request chooses the address the server calls, an attacker reaches what only the server can: cloud metadata endpoints, admin interfaces and databases on the internal network, or files through `file://`.",
        "Keep the scheme and host fixed in code or configuration and put request values only in the path or query, escaped with `Uri.EscapeDataString`; if the host must vary, check it against an allow-list of known hosts.");

    private static readonly SinkCatalogue Sinks = ServerSideRequestForgerySinks.Catalogue;

    /// <summary>The same sinks, with the address also counting when the caller of a public method chooses it.</summary>
    private static readonly SinkCatalogue CallerSinks = Sinks.WithSources(TaintSourceKind.CallerArgument);

    /// <summary>Return types of a method that builds a client or request for its caller to use.</summary>
    private static readonly string[] BuiltForLater = ["Client", "Request", "RequestMessage", "Options", "Uri"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Sinks.CheckEach(context, use => Check(context, use));
    }

    private bool Check(CSharpRuleContext context, SinkUse use)
    {
        if (InMessageHandler(use.Node))
        {
            return false;
        }

        if (UserInput.MayReach(use.Node))
        {
            var origin = Sinks.Trace(use.Value, context.Model);
            if (origin.IsUserInput)
            {
                if (IsFixedOrChecked(use, origin, Sinks, context.Model))
                {
                    return false;
                }

                context.Report(this, use.Node, $"{use.Name} sends a request to an address from {origin.UserInput}; an attacker can point it at internal services or cloud metadata. Fix the host in code and check request values against an allow-list.");
                return true;
            }
        }

        if (!SendsForCaller(use))
        {
            return false;
        }

        var passed = CallerSinks.Trace(use.Value, context.Model);
        if (!passed.IsUserInput || IsFixedOrChecked(use, passed, CallerSinks, context.Model))
        {
            return false;
        }

        context.Report(
            this,
            use.Node.Span,
            $"{use.Name} sends a request to an address from {passed.UserInput}, unchecked; if any caller passes a value a user typed, an attacker can point the server at internal services or cloud metadata. Check the host against an allow-list here, or fix the host and take only a path or an id.",
            Severity.Warning);
        return true;
    }

    private static bool IsFixedOrChecked(SinkUse use, StringOrigin origin, SinkCatalogue sinks, SemanticModel model) =>
        RequestTargets.IsFixed(use.Value, model, leaf => sinks.Trace(leaf, model).IsUserInput)
        || SinkGuards.IsGuarded(use.Node, origin.Variables, IsHostCheck, model, allowLists: true);

    /// <summary>
    /// A public method that makes a request itself, with a client it creates, to an address its caller
    /// passes. A typed client that wraps an injected <c>HttpClient</c>, a request message or a relative
    /// resource handed to such a client, and a client configured for later (a <c>BaseAddress</c> set, a
    /// method that returns the client or request it built) are the plumbing of an API, not its risk.
    /// </summary>
    private static bool SendsForCaller(SinkUse use)
    {
        var member = use.Node.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax);
        if (member is not MethodDeclarationSyntax method || !method.ParameterList.Parameters.Any(CallerArguments.IsCallerChosen))
        {
            return false;
        }

        var returned = TypeNames.Simple(method.ReturnType) is "Task" or "ValueTask" && method.ReturnType is GenericNameSyntax { TypeArgumentList.Arguments: [var inner] }
            ? TypeNames.Simple(inner)
            : TypeNames.Simple(method.ReturnType);
        if (BuiltForLater.Any(suffix => returned.EndsWith(suffix, StringComparison.Ordinal)))
        {
            return false;
        }

        return use.Sink.Shape switch
        {
            SinkShape.StaticCall => true,
            SinkShape.Construction => use.Sink.Type == "RestClient",
            SinkShape.InstanceCall => use.Node is InvocationExpressionSyntax invocation && IsCreatedIn(TypeNames.Receiver(invocation), method),
            _ => false,
        };
    }

    /// <summary><c>new WebClient().DownloadString(…)</c>, or a local the method sets to a new client (<c>using var client = new HttpClient();</c>).</summary>
    private static bool IsCreatedIn(ExpressionSyntax? receiver, MethodDeclarationSyntax method)
    {
        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax:
                return true;
            case IdentifierNameSyntax { Identifier.ValueText: var name }:
                return method.DescendantNodes().Any(node => node switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax } declarator => declarator.Identifier.ValueText == name,
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax target, Right: BaseObjectCreationExpressionSyntax } => target.Identifier.ValueText == name,
                    _ => false,
                });
            default:
                return false;
        }
    }

    /// <summary>
    /// Inside an HTTP message handler (<c>DelegatingHandler.SendAsync</c>) the <c>HttpRequestMessage</c> is the app's own
    /// outgoing request on its way through the pipeline, not a request a client sent.
    /// </summary>
    private static bool InMessageHandler(SyntaxNode node) =>
        node.Ancestors().OfType<ClassDeclarationSyntax>().FirstOrDefault()?.BaseList?.Types
            .Any(type => TypeNames.Simple(type.Type) is "DelegatingHandler" or "HttpMessageHandler" or "HttpClientHandler" or "SocketsHttpHandler" or "MessageProcessingHandler") == true;

    /// <summary><c>allowedHosts.Contains(uri.Host)</c>, <c>IsAllowedUrl(url)</c>, <c>uri.Host == "api.example.com"</c>, <c>url.StartsWith("https://api.example.com/")</c>.</summary>
    private static bool? IsHostCheck(ExpressionSyntax atom, IReadOnlySet<string> variables)
    {
        if (!atom.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(identifier => variables.Contains(identifier.Identifier.ValueText)))
        {
            return null;
        }

        switch (atom)
        {
            case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is { } name:
                if (name is "StartsWith")
                {
                    return invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax literal
                        && RequestTargets.FixesServer(literal.Token.ValueText) ? true : null;
                }

                return name is "Contains" or "ContainsKey" or "Any" or "IsLocalUrl" or "EndsWith" or "Equals"
                    || name.StartsWith("IsAllowed", StringComparison.Ordinal) || name.StartsWith("IsValid", StringComparison.Ordinal)
                    || name.StartsWith("IsTrusted", StringComparison.Ordinal) || name.StartsWith("IsSafe", StringComparison.Ordinal)
                    || name.StartsWith("IsPermitted", StringComparison.Ordinal) || name.StartsWith("IsWhitelisted", StringComparison.Ordinal)
                    ? true
                    : null;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) && (binary.Left is LiteralExpressionSyntax || binary.Right is LiteralExpressionSyntax):
                return true;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.NotEqualsExpression) && (binary.Left is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } || binary.Right is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression }):
                return false;
            default:
                return null;
        }
    }
}
