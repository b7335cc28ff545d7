using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Markup written without HTML encoding: <c>Html.Raw(x)</c>, <c>new HtmlString(x)</c>,
/// <c>MvcHtmlString.Create(x)</c> with a non-constant value, and request data written to the
/// response (<c>Response.Write</c>, <c>Content(x, "text/html")</c>, <c>InnerHtml</c>, a Web Forms
/// <c>Label</c>'s or <c>Literal</c>'s <c>Text</c>, the string an ASP.NET MVC 5 action returns).
/// </summary>
public sealed class RawHtmlXssRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/xss-raw-html",
        "Unencoded value written as HTML",
        Category.Security,
        Severity.Error,
        "Text emitted as raw markup runs as part of the page: a `<script>` or `onerror=` in it executes in every visitor's browser with their session (cross-site scripting).",
        "Let Razor encode the value (`@value`), or encode it yourself (`HtmlEncoder.Default.Encode`, `WebUtility.HtmlEncode`); sanitize with an allow-list sanitizer when markup must be kept.");

    private static readonly HashSet<string> RawTypes = new(StringComparer.Ordinal)
    {
        "HtmlString", "MvcHtmlString", "NonEncodedHtmlString",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "Html", "html", "Write", ".Text", "Web.Mvc"))
        {
            return;
        }

        var legacyMvc = context.Root.Usings.Any(directive => directive.NamespaceOrType.ToString().StartsWith("System.Web.Mvc", StringComparison.Ordinal));
        foreach (var node in ChangedNodeList.Of(context))
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) is { } type && RawTypes.Contains(type):
                    if (SinkSyntax.Argument(creation.ArgumentList, 0, "value", "content") is { } value)
                    {
                        CheckRaw(context, creation, value, $"`new {type}`", builtOnly: false);
                    }

                    break;
                case MethodDeclarationSyntax { ReturnType: PredefinedTypeSyntax { Keyword.ValueText: "string" } } action
                    when (legacyMvc || action.Parent is TypeDeclarationSyntax { BaseList: { } bases } && bases.Types.Any(type => type.Type.ToString().StartsWith("System.Web.Mvc.", StringComparison.Ordinal)))
                        && UserInput.IsEntryPoint(action):
                    // ASP.NET MVC 5 sends a string an action returns as text/html; ASP.NET Core sends it as text/plain.
                    foreach (var returned in ReturnedValues(action))
                    {
                        CheckUserInput(context, returned, returned, $"`{action.Identifier.ValueText}`'s returned string (ASP.NET MVC sends it as HTML)");
                    }

                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "InnerHtml" } } assignment:
                    CheckUserInput(context, assignment, assignment.Right, "`InnerHtml`");
                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Text", Expression: var control } } assignment
                    when UserInput.MayReach(assignment) && IsMarkupControl(control, context.Model):
                    // Web Forms Label and Literal controls render their Text without encoding. Whether request data can reach
                    // the member is asked first: it reads syntax, while the control's type takes binding (a UI's every `Text =`).
                    CheckUserInput(context, assignment, assignment.Right, $"`{SyntaxText.Brief(control)}.Text`");
                    break;
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var name = TypeNames.InvokedName(invocation);
        var receiver = TypeNames.Receiver(invocation);
        var first = SinkSyntax.Argument(invocation.ArgumentList, 0, "value", "content", "html", "s", "text");
        if (first is null || name is null)
        {
            return;
        }

        var receiverName = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        switch (name)
        {
            case "Raw" when receiverName is "Html" or "HtmlHelper" || (receiver is not null && TypeNames.Of(receiver, context.Model) is "IHtmlHelper" or "HtmlHelper"):
                CheckRaw(context, invocation, first, "`Html.Raw`", builtOnly: false);
                break;
            case "Create" when receiverName == "MvcHtmlString":
                CheckRaw(context, invocation, first, "`MvcHtmlString.Create`", builtOnly: false);
                break;
            case "AppendHtml" or "SetHtmlContent" or "AppendHtmlLine":
                CheckRaw(context, invocation, first, $"`{name}`", builtOnly: true);
                break;
            case "Write" or "WriteAsync" or "BinaryWrite" when receiverName is "Response" or "Output" && receiver is not null && receiver.ToString().Contains("Response", StringComparison.Ordinal):
                CheckUserInput(context, invocation, first, $"`Response.{name}`");
                break;
            case "Content" when receiver is null or ThisExpressionSyntax
                && SinkSyntax.Argument(invocation.ArgumentList, 1, "contentType") is { } contentType
                && SinkSyntax.LiteralText(contentType).Contains("html", StringComparison.OrdinalIgnoreCase):
                CheckUserInput(context, invocation, first, "`Content(…, \"text/html\")`");
                break;
        }
    }

    /// <param name="builtOnly">For builder APIs, a plain variable is usually already-encoded content: flag only built or request values.</param>
    private void CheckRaw(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax value, string sinkName, bool builtOnly)
    {
        var origin = StringOrigins.Of(value, context.Model, IsEncoder);
        if (origin.IsUserInput)
        {
            context.Report(this, sink, $"{sinkName} writes user input from {origin.UserInput} as raw HTML; markup in it runs in the visitor's browser. Encode it, or let Razor encode it.");
        }
        else if (origin.IsBuilt || (!builtOnly && !origin.IsConstant))
        {
            context.Report(this, sink, $"{sinkName} writes `{origin.Part}` as raw HTML without encoding; if any of it can come from users, markup in it runs in the visitor's browser. Encode the dynamic parts.");
        }
    }

    private void CheckUserInput(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax value, string sinkName)
    {
        if (!UserInput.MayReach(sink))
        {
            return;
        }

        var origin = StringOrigins.Of(value, context.Model, IsEncoder);
        if (origin.IsUserInput)
        {
            context.Report(this, sink, $"{sinkName} writes user input from {origin.UserInput} into the page without HTML encoding; markup in it runs in the visitor's browser. Encode it first.");
        }
    }

    private static IEnumerable<ExpressionSyntax> ReturnedValues(MethodDeclarationSyntax method) =>
        method.ExpressionBody is { } arrow
            ? [arrow.Expression]
            : method.Body?.DescendantNodes(child => child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>()
                .Select(statement => statement.Expression)
                .OfType<ExpressionSyntax>() ?? [];

    private static bool IsMarkupControl(ExpressionSyntax control, SemanticModel model)
    {
        var name = control switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        if ((name.StartsWith("lbl", StringComparison.Ordinal) || name.StartsWith("lit", StringComparison.Ordinal)) && name.Length > 3 && char.IsUpper(name[3]))
        {
            return true;
        }

        return name.EndsWith("Label", StringComparison.Ordinal) || name.EndsWith("Literal", StringComparison.Ordinal)
            || TypeNames.Of(control, model) is "Label" or "Literal";
    }

    private static bool IsEncoder(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } name
        && (name.Contains("Encode", StringComparison.Ordinal) || name.Contains("Sanitize", StringComparison.Ordinal) || name.Contains("Escape", StringComparison.Ordinal));
}
