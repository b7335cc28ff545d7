using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// ASP.NET (System.Web) request validation switched off: <c>[ValidateInput(false)]</c> on an
/// action or controller, <c>[AllowHtml]</c> on a model property, <c>Request.Unvalidated</c>
/// reads, and <c>ValidateRequest = false</c> set from code. Each lets markup through to code
/// that was written assuming the framework rejects it.
/// </summary>
public sealed class RequestValidationDisabledRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/request-validation-disabled",
        "ASP.NET request validation disabled",
        Category.Security,
        Severity.Warning,
        "Request validation rejects input that carries HTML or script before it reaches the action; turning it off for an action, a property or a read means that input flows on to views and stores unchecked, and a single unencoded output becomes stored or reflected XSS.",
        "Keep validation on and accept rich text only where it is needed: sanitize that one field with an HTML sanitizer (e.g. HtmlSanitizer) and encode everything the page writes back.");

    private static readonly string[] Names = ["ValidateInput", "AllowHtml"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "ValidateInput", "AllowHtml", "Unvalidated", "ValidateRequest"))
        {
            return;
        }

        var spellings = AttributeNames.Spellings(context.Root, Names);
        var words = spellings.Keys.Append("Unvalidated").Append("ValidateRequest").ToArray();
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, words))
        {
            switch (node)
            {
                case AttributeSyntax attribute:
                    AnalyzeAttribute(context, attribute, spellings);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Unvalidated" } member when IsRequest(member.Expression):
                    context.Report(this, member, $"`{SecurityPatterns.Code(member)}` reads the request without ASP.NET's validation; sanitize or encode what it returns before it reaches a page");
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "ValidateRequest" && IsFalse(assignment.Right, context.Model):
                    context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` turns request validation off; keep it on and sanitize the one field that needs markup");
                    break;
            }
        }
    }

    private void AnalyzeAttribute(CSharpRuleContext context, AttributeSyntax attribute, IReadOnlyDictionary<string, string> spellings)
    {
        switch (AttributeNames.Of(attribute, spellings))
        {
            case "ValidateInput" when attribute.ArgumentList?.Arguments is [var enable, ..] && enable.NameEquals is null && IsFalse(enable.Expression, context.Model):
                var target = attribute.Parent?.Parent is TypeDeclarationSyntax ? "every action of this controller" : "this action";
                context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` lets markup and script through to {target}; keep validation on and sanitize the one field that needs HTML");
                break;
            case "AllowHtml":
                var property = attribute.Parent?.Parent is PropertyDeclarationSyntax declaration ? $"`{declaration.Identifier.ValueText}`" : "this property";
                context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` lets {property} bind markup and script unchecked; sanitize it with an HTML sanitizer and encode it wherever it is shown");
                break;
        }
    }

    private static bool IsRequest(ExpressionSyntax expression) =>
        SecurityPatterns.SimpleName(expression) is { } name && name.EndsWith("Request", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(ExpressionSyntax expression, SemanticModel model) => BooleanValues.IsFalse(expression, model);
}
