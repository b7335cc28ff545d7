using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!UserInput.MayEnter(context.Tree))
        {
            return;
        }

        var reported = new HashSet<SyntaxNode>();
        foreach (var use in Sinks.Find(context))
        {
            if (reported.Contains(use.Node))
            {
                continue;
            }

            if (!UserInput.MayReach(use.Node) || InMessageHandler(use.Node))
            {
                continue;
            }

            var origin = Sinks.Trace(use.Value, context.Model);
            if (!origin.IsUserInput
                || RequestTargets.IsFixed(use.Value, context.Model, leaf => Sinks.Trace(leaf, context.Model).IsUserInput)
                || SinkGuards.IsGuarded(use.Node, origin.Variables, IsHostCheck, context.Model, allowLists: true))
            {
                continue;
            }

            reported.Add(use.Node);
            context.Report(this, use.Node, $"{use.Name} sends a request to an address from {origin.UserInput}; an attacker can point it at internal services or cloud metadata. Fix the host in code and check request values against an allow-list.");
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
