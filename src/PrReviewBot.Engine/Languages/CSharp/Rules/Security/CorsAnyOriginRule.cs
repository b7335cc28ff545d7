using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// CORS policies that trust every origin: <c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>,
/// <c>SetIsOriginAllowed(_ => true)</c>, <c>[EnableCors(origins: "*")]</c> and a hand-written
/// <c>Access-Control-Allow-Origin: *</c> (or the request's own Origin echoed back). The message
/// says when credentials are allowed as well, which turns the policy into account takeover.
/// </summary>
public sealed class CorsAnyOriginRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/cors-any-origin-with-credentials",
        "CORS policy that trusts any origin",
        Category.Security,
        Severity.Error,
        "A policy that trusts every origin lets any website a user visits call this API from the user's browser and read the answers; with credentials allowed, those calls carry the user's cookies, so the site acts as the user.",
        "List the trusted origins with `WithOrigins(\"https://app.example.com\")` (and only then `AllowCredentials()`); never echo the request's Origin header back unchecked.");

    private const string AllowOriginHeader = "Access-Control-Allow-Origin";

    private static readonly HashSet<string> HeaderWriters = new(StringComparer.Ordinal)
    {
        "Add", "Append", "AddHeader", "AppendHeader", "TryAdd", "TryAddWithoutValidation", "Set",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = SecurityPatterns.CandidateNodes(
            context,
            StringComparison.OrdinalIgnoreCase,
            "AllowAnyOrigin",
            "SetIsOriginAllowed",
            "WithOrigins",
            AllowOriginHeader,
            "AccessControlAllowOrigin",
            "EnableCors",
            "CorsPolicyBuilder",
            "Origins");
        foreach (var node in nodes)
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "CorsPolicyBuilder"
                    && creation.ArgumentList?.Arguments.Any(argument => IsStar(argument.Expression, context.Model)) == true:
                    context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` builds a CORS policy for every origin{CredentialsNote(creation)}");
                    break;
                case AttributeSyntax attribute when TypeNames.Simple(attribute.Name) is "EnableCors" or "EnableCorsAttribute":
                    AnalyzeAttribute(context, attribute);
                    break;
                case AssignmentExpressionSyntax assignment:
                    AnalyzeAssignment(context, assignment);
                    break;
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier,
            _ => default,
        };
        switch (name.ValueText)
        {
            case "AllowAnyOrigin" when arguments.Count == 0:
                context.Report(this, name, $"`AllowAnyOrigin()` lets every website read this API's responses from a visitor's browser{CredentialsNote(invocation)}");
                break;
            case "SetIsOriginAllowed" when arguments.Count == 1 && AllowsEveryOrigin(arguments[0].Expression):
                context.Report(this, name, $"`{SecurityPatterns.Code(invocation.Expression is MemberAccessExpressionSyntax access ? access.Name : invocation)}({SecurityPatterns.Code(arguments[0])})` accepts every origin and echoes it back, which lets every website read this API's responses{CredentialsNote(invocation)}");
                break;
            case "WithOrigins" when arguments.Any(argument => IsStar(argument.Expression, context.Model)):
                context.Report(this, name, $"`WithOrigins(\"*\")` trusts every origin, so every website can read this API's responses from a visitor's browser{CredentialsNote(invocation)}");
                break;
            case "Add" when arguments.Count == 1 && invocation.Expression is MemberAccessExpressionSyntax { Expression: var origins }
                && SecurityPatterns.SimpleName(origins) == "Origins" && IsStar(arguments[0].Expression, context.Model):
                context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` adds the wildcard origin, so every website can read this API's responses{CredentialsNote(invocation)}");
                break;
            case var writer when HeaderWriters.Contains(writer) && arguments.Count >= 2 && IsAllowOriginHeader(arguments[0].Expression, context.Model):
                AnalyzeHeaderValue(context, invocation, arguments[1].Expression);
                break;
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        switch (assignment.Left)
        {
            case ElementAccessExpressionSyntax { ArgumentList.Arguments: [var header] } when IsAllowOriginHeader(header.Expression, context.Model):
                AnalyzeHeaderValue(context, assignment, assignment.Right);
                break;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AccessControlAllowOrigin" }:
                AnalyzeHeaderValue(context, assignment, assignment.Right);
                break;
            case IdentifierNameSyntax { Identifier.ValueText: "AllowAnyOrigin" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AllowAnyOrigin" }
                when SecurityPatterns.IsTrue(assignment.Right):
                context.Report(this, assignment, $"`AllowAnyOrigin = true` lets every website read this API's responses from a visitor's browser{CredentialsNote(assignment)}");
                break;
        }
    }

    private void AnalyzeAttribute(CSharpRuleContext context, AttributeSyntax attribute)
    {
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var origins = arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == "origins")
            ?? (arguments.Count >= 2 && arguments[0].NameColon is null && arguments[0].NameEquals is null ? arguments[0] : null);
        if (origins is null || !IsStar(origins.Expression, context.Model))
        {
            // [EnableCors("*")] names a policy called "*"; only the Web API form takes origins.
            return;
        }

        var credentials = arguments.Any(argument => argument.NameEquals?.Name.Identifier.ValueText == "SupportsCredentials" && SecurityPatterns.IsTrue(argument.Expression));
        context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` trusts every origin, so every website can read these responses from a visitor's browser{(credentials ? "; with SupportsCredentials = true the calls carry the user's cookies, so any site can act as the user." : ".")}");
    }

    private void AnalyzeHeaderValue(CSharpRuleContext context, SyntaxNode writer, ExpressionSyntax value)
    {
        var credentials = SecurityPatterns.Scope(writer).DescendantTokens().Any(token =>
            token.IsKind(SyntaxKind.StringLiteralToken) && string.Equals(token.ValueText, "Access-Control-Allow-Credentials", StringComparison.OrdinalIgnoreCase)
            || (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "AccessControlAllowCredentials"));
        var withCredentials = credentials
            ? "; with Access-Control-Allow-Credentials the calls carry the user's cookies, so any site can act as the user."
            : ".";
        if (IsStarValue(value, context.Model))
        {
            context.Report(this, writer, $"`{AllowOriginHeader}: *` lets every website read this response from a visitor's browser{withCredentials}");
        }
        else if (EchoesRequestOrigin(value))
        {
            context.Report(this, writer, $"`{SecurityPatterns.Code(writer)}` echoes the request's Origin header back, which trusts every website{withCredentials}");
        }
    }

    /// <summary>A note on credentials when the same policy lambda (or member) also calls <c>AllowCredentials()</c>.</summary>
    private static string CredentialsNote(SyntaxNode node)
    {
        SyntaxNode scope = node.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { } lambda ? lambda : SecurityPatterns.Scope(node);
        var withCredentials = scope.DescendantNodesAndSelf().Any(descendant =>
            (descendant is InvocationExpressionSyntax call && TypeNames.InvokedName(call) == "AllowCredentials")
            || (descendant is AssignmentExpressionSyntax assignment && SecurityPatterns.SimpleName(assignment.Left) == "SupportsCredentials" && SecurityPatterns.IsTrue(assignment.Right)));
        return withCredentials
            ? "; together with AllowCredentials() the calls carry the user's cookies, so any site can act as the user."
            : ".";
    }

    private static bool AllowsEveryOrigin(ExpressionSyntax predicate) =>
        SecurityPatterns.Unparenthesized(predicate) switch
        {
            LambdaExpressionSyntax { ExpressionBody: { } body } => SecurityPatterns.IsTrue(body),
            LambdaExpressionSyntax { Block: { } block } => block.Statements is [ReturnStatementSyntax { Expression: var returned }] && SecurityPatterns.IsTrue(returned),
            _ => false,
        };

    private static bool IsAllowOriginHeader(ExpressionSyntax header, SemanticModel model) =>
        (header is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AccessControlAllowOrigin" })
        || string.Equals(SecurityPatterns.StringValue(header, model), AllowOriginHeader, StringComparison.OrdinalIgnoreCase);

    private static bool IsStar(ExpressionSyntax expression, SemanticModel model) =>
        SecurityPatterns.StringValue(expression, model) is { } text && text.Trim() == "*";

    /// <summary>"*", a StringValues or array holding "*".</summary>
    private static bool IsStarValue(ExpressionSyntax value, SemanticModel model) =>
        SecurityPatterns.Unparenthesized(value) switch
        {
            BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var single] } => IsStarValue(single.Expression, model),
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.Any(element => IsStar(element, model)),
            ImplicitArrayCreationExpressionSyntax { Initializer: var initializer } => initializer.Expressions.Any(element => IsStar(element, model)),
            CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Any(element => IsStar(element.Expression, model)),
            { } other => IsStar(other, model),
            null => false,
        };

    /// <summary><c>Request.Headers["Origin"]</c> (or <c>.Origin</c>) written back as the allowed origin.</summary>
    private static bool EchoesRequestOrigin(ExpressionSyntax value) =>
        value.DescendantNodesAndSelf().Any(node => node switch
        {
            ElementAccessExpressionSyntax { ArgumentList.Arguments: [var key] } => key.Expression is LiteralExpressionSyntax literal
                && string.Equals(literal.Token.ValueText, "Origin", StringComparison.OrdinalIgnoreCase),
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Origin", Expression: var headers } => SecurityPatterns.SimpleName(headers) == "Headers",
            _ => false,
        });
}
