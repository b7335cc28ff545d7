using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Anti-forgery checks switched off or missing: <c>[IgnoreAntiforgeryToken]</c>, an
/// <c>IgnoreAntiforgeryTokenAttribute</c> added as a filter, <c>.DisableAntiforgery()</c> on a
/// minimal-API endpoint, a <c>[ValidateAntiForgeryToken]</c> of the other MVC framework (which
/// the controller never runs), and a state-changing action of an MVC view controller
/// (<c>: Controller</c>, not <c>[ApiController]</c>) without any anti-forgery attribute while its
/// sibling actions validate the token, when the reviewed code registers no global anti-forgery
/// filter and the action does not take JSON only. Without such a sibling the project may well rely
/// on a global filter outside the change, so nothing is said.
/// </summary>
public sealed class CsrfDisabledRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/csrf-disabled",
        "Anti-forgery (CSRF) validation disabled or missing",
        Category.Security,
        Severity.Warning,
        "Browsers send the user's cookies with requests any website starts; without an anti-forgery token check, a page the user visits can submit this form or call this endpoint as the user (change the e-mail, transfer money, delete data).",
        "Keep `[ValidateAntiForgeryToken]` on state-changing actions (or `AutoValidateAntiforgeryTokenAttribute` as a global filter) and emit the token in the form; exempt only endpoints that authenticate without cookies, and say why.");

    private static readonly string[] Names = ["IgnoreAntiforgeryToken", "ValidateAntiForgeryToken", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch"];

    private static readonly HashSet<string> StateChangingVerbs = new(StringComparer.Ordinal) { "HttpPost", "HttpPut", "HttpDelete", "HttpPatch" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "Antiforgery", "AntiForgery", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch"))
        {
            return;
        }

        var spellings = AttributeNames.Spellings(context.Root, Names);
        var words = spellings.Keys.Append("DisableAntiforgery").ToArray();
        var globalFilter = context.ChangeMentions("AutoValidateAntiforgeryToken", "ValidateAntiForgeryTokenAttribute()");
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, words))
        {
            switch (node)
            {
                case AttributeSyntax attribute:
                    AnalyzeAttribute(context, attribute, spellings, globalFilter);
                    break;
                case BaseObjectCreationExpressionSyntax creation when CreatedName(creation, context.Model) is { } created && spellings.GetValueOrDefault(created) == "IgnoreAntiforgeryToken":
                    context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` switches anti-forgery validation off, so other websites can submit requests as the signed-in user; remove it or limit it to endpoints that authenticate without cookies");
                    break;
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } invocation when TypeNames.InvokedName(invocation) == "DisableAntiforgery" && TypeNames.Receiver(invocation) is not null:
                    context.Report(this, invocation, "`DisableAntiforgery()` lets other websites post to this endpoint as the signed-in user; keep the check unless the endpoint authenticates without cookies");
                    break;
            }
        }
    }

    private void AnalyzeAttribute(CSharpRuleContext context, AttributeSyntax attribute, IReadOnlyDictionary<string, string> spellings, bool globalFilter)
    {
        var name = AttributeNames.Of(attribute, spellings);
        if (name == "IgnoreAntiforgeryToken")
        {
            context.Report(this, attribute, $"`[{SecurityPatterns.Code(attribute)}]` switches anti-forgery validation off, so other websites can submit requests as the signed-in user; remove it or limit it to endpoints that authenticate without cookies");
            return;
        }

        if (attribute.Parent?.Parent is not MethodDeclarationSyntax method || method.Parent is not ClassDeclarationSyntax controller)
        {
            return;
        }

        if (name == "ValidateAntiForgeryToken" && AttributeNames.Qualifier(attribute.Name) is { } written && Framework(controller) is { } framework
            && !written.StartsWith(framework, StringComparison.Ordinal))
        {
            // Reported at the action: the check it believes it has is the one missing.
            context.Report(this, method.Identifier, $"`{method.Identifier.ValueText}` relies on `[{SecurityPatterns.Code(attribute)}]`, which belongs to the other MVC framework, so this controller never runs the check; use the `{framework}` attribute");
            return;
        }

        var isFirstVerb = StateChangingVerbs.Contains(name)
            && method.AttributeLists.SelectMany(list => list.Attributes).First(candidate => StateChangingVerbs.Contains(AttributeNames.Of(candidate))) == attribute;
        if (isFirstVerb && !globalFilter && IsViewController(controller) && !IsProtected(method) && !IsProtected(controller) && !TakesJsonOnly(method)
            && ValidatesElsewhere(controller, method))
        {
            context.Report(this, attribute, $"`{method.Identifier.ValueText}` changes state on a `[{SecurityPatterns.Code(attribute)}]` request without `[ValidateAntiForgeryToken]`, so other websites can submit it as the signed-in user; add the attribute (or a global `AutoValidateAntiforgeryTokenAttribute` filter)");
        }
    }

    /// <summary>The created type's name without the Attribute suffix, through aliases and target-typed <c>new()</c>.</summary>
    private static string? CreatedName(BaseObjectCreationExpressionSyntax creation, SemanticModel model) => creation switch
    {
        ObjectCreationExpressionSyntax explicitCreation => AttributeNames.Of(explicitCreation.Type),
        _ => SecurityPatterns.CreatedTypeName(creation, model) is { } name && name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : SecurityPatterns.CreatedTypeName(creation, model),
    };


    /// <summary><c>System.Web.Mvc</c> or <c>Microsoft.AspNetCore.Mvc</c>: from the base class as written, else from the file's usings.</summary>
    private static string? Framework(ClassDeclarationSyntax controller)
    {
        var baseType = controller.BaseList?.Types.FirstOrDefault()?.Type;
        var written = baseType is null ? null : AttributeNames.Qualifier(baseType);
        if (written is not null)
        {
            return written.StartsWith("System.Web", StringComparison.Ordinal) ? "System.Web.Mvc" : written.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) ? "Microsoft.AspNetCore.Mvc" : null;
        }

        var usings = controller.SyntaxTree.GetCompilationUnitRoot().Usings.Select(directive => directive.NamespaceOrType.ToString()).ToList();
        var classic = usings.Contains("System.Web.Mvc");
        var core = usings.Contains("Microsoft.AspNetCore.Mvc");
        return classic == core ? null : classic ? "System.Web.Mvc" : "Microsoft.AspNetCore.Mvc";
    }

    /// <summary>An MVC controller that serves views: derives from <c>Controller</c> and is not an <c>[ApiController]</c>.</summary>
    private static bool IsViewController(ClassDeclarationSyntax controller) =>
        controller.BaseList?.Types.FirstOrDefault()?.Type is { } baseType
        && TypeNames.Simple(baseType) == "Controller"
        && !controller.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => AttributeNames.Of(attribute) == "ApiController");

    private static bool IsProtected(MemberDeclarationSyntax member) =>
        member.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => AttributeNames.Of(attribute) is "ValidateAntiForgeryToken" or "AutoValidateAntiforgeryToken" or "IgnoreAntiforgeryToken" or "RequireAntiforgeryToken");

    /// <summary>
    /// True when another action of the controller validates the token: the code checks per action,
    /// so a state-changing action without the attribute is an omission, not a global filter at work.
    /// </summary>
    private static bool ValidatesElsewhere(ClassDeclarationSyntax controller, MethodDeclarationSyntax method) =>
        controller.Members.OfType<MethodDeclarationSyntax>().Any(other => other != method
            && other.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => AttributeNames.Of(attribute) == "ValidateAntiForgeryToken"));

    /// <summary>JSON-only actions need a CORS preflight, which other sites cannot pass.</summary>
    private static bool TakesJsonOnly(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => AttributeNames.Of(attribute) == "Consumes")
        || method.ParameterList.Parameters.Any(parameter => parameter.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => AttributeNames.Of(attribute) == "FromBody"));
}
