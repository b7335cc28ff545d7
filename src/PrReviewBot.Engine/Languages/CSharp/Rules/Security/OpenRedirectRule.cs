using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A redirect to a URL taken from the request (<c>Redirect(returnUrl)</c>, <c>Response.Redirect</c>,
/// <c>new RedirectResult</c>, <c>Results.Redirect</c>, a <c>Location</c> header; the sinks are listed in
/// <see cref="OpenRedirectSinks"/>) that is not first
/// checked with <c>Url.IsLocalUrl</c>, a relative-URI check or an allow-list.
/// </summary>
public sealed class OpenRedirectRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/open-redirect",
        "Redirect to a URL from user input",
        Category.Security,
        Severity.Error,
        "Redirecting to a URL the request supplies turns the site into a trusted-looking link to any other site: phishing pages, fake logins and token theft ride on the site's domain.",
        "Use `LocalRedirect(url)`, or redirect only when `Url.IsLocalUrl(url)` holds (else to a fixed page); for external targets, compare against an allow-list of hosts.");

    private static readonly SinkCatalogue Sinks = OpenRedirectSinks.Catalogue;

    private static readonly HashSet<string> LocalUrlHelpers = new(StringComparer.Ordinal)
    {
        "Action", "RouteUrl", "Page", "Link", "ActionLink", "PageLink", "RouteLink",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!UserInput.MayEnter(context.Tree))
        {
            return;
        }

        var checkedSinks = new HashSet<SyntaxNode>();
        foreach (var use in Sinks.Find(context))
        {
            if (checkedSinks.Add(use.Node))
            {
                Check(context, use.Node, use.Value, Describe(use));
            }
        }

        if (!SinkSyntax.Mentions(context.Tree, "Location"))
        {
            return;
        }

        // The Location header is named by a string, not a member: look for it where headers are written.
        foreach (var node in ChangedNodeList.Of(context))
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when !checkedSinks.Contains(invocation):
                    AnalyzeHeaderCall(context, invocation);
                    break;
                case AssignmentExpressionSyntax assignment when !checkedSinks.Contains(assignment):
                    AnalyzeAssignment(context, assignment);
                    break;
            }
        }
    }

    /// <summary>How messages name the sink: <c>`Redirect`</c>, <c>`Response.Redirect`</c>, <c>`new RedirectResult`</c>, <c>`Server.Transfer`</c>.</summary>
    private static string Describe(SinkUse use) => use.Node switch
    {
        InvocationExpressionSyntax invocation when use.Sink.Type == "HttpServerUtility" => $"`Server.{TypeNames.InvokedName(invocation)}`",
        InvocationExpressionSyntax invocation => TypeNames.Receiver(invocation) is { } receiver and not (ThisExpressionSyntax or BaseExpressionSyntax)
            ? $"`{SyntaxText.Brief(receiver)}.{TypeNames.InvokedName(invocation)}`"
            : $"`{TypeNames.InvokedName(invocation)}`",
        BaseObjectCreationExpressionSyntax => "`new RedirectResult`",
        _ when use.Sink.Member == "RedirectLocation" => "the `Location` header",
        _ => $"`{use.Sink.Type}.{use.Sink.Member}`",
    };

    /// <summary><c>Response.Headers.Add("Location", url)</c>, <c>.Append</c>, <c>Response.AddHeader("Location", url)</c>.</summary>
    private void AnalyzeHeaderCall(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        if (TypeNames.InvokedName(invocation) is not { } name)
        {
            return;
        }

        var receiver = TypeNames.Receiver(invocation);
        if (name is "Add" or "Append" or "AddHeader" or "AppendHeader" or "SetCommaSeparatedValues" or "AppendCommaSeparatedValues"
            && receiver is not null
            && invocation.ArgumentList.Arguments.Count == 2
            && SinkSyntax.Argument(invocation.ArgumentList, 0) is { } header
            && IsLocationHeader(header, context.Model)
            && receiver.ToString().Contains("Response", StringComparison.Ordinal)
            && SinkSyntax.Argument(invocation.ArgumentList, 1) is { } value)
        {
            Check(context, invocation, value, "the `Location` header");
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        switch (assignment.Left)
        {
            case ElementAccessExpressionSyntax { ArgumentList.Arguments: [var header] } element
                when element.Expression.ToString().Contains("Headers", StringComparison.Ordinal) && IsLocationHeader(header.Expression, context.Model):
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Location" } location
                when location.Expression.ToString().Contains("Headers", StringComparison.Ordinal):
                Check(context, assignment, assignment.Right, "the `Location` header");
                break;
        }
    }

    private void Check(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax url, string sinkName)
    {
        if (!UserInput.MayReach(sink) || HasFixedTarget(url, context.Model))
        {
            return;
        }

        var origin = Sinks.Trace(url, context.Model, IsUrlSanitizer);
        if (!origin.IsUserInput
            || IsCurrentRequestUrl(origin.UserInput!)
            || SinkGuards.IsGuarded(sink, origin.Variables, IsRedirectCheck, context.Model, allowLists: true))
        {
            return;
        }

        context.Report(this, sink, $"{sinkName} goes to a URL that comes from {origin.UserInput} without checking it is local; anyone can craft a link on this site that lands on a page of their choosing. Use `LocalRedirect` or check `Url.IsLocalUrl` first.");
    }

    private static bool IsLocationHeader(ExpressionSyntax header, SemanticModel model) => header switch
    {
        LiteralExpressionSyntax literal => string.Equals(literal.Token.ValueText, "Location", StringComparison.OrdinalIgnoreCase),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Location" } => true,
        IdentifierNameSyntax => string.Equals(SinkSyntax.ConstantValue(header, model), "Location", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary><c>Url.Action(…)</c> and friends build URLs of this site; an URL-encoded value cannot carry a scheme or host.</summary>
    private static bool IsUrlSanitizer(InvocationExpressionSyntax invocation)
    {
        var name = TypeNames.InvokedName(invocation);
        if (name is "UrlEncode" or "EscapeDataString" or "UrlPathEncode")
        {
            return true;
        }

        return TypeNames.Receiver(invocation) is IdentifierNameSyntax { Identifier.ValueText: "Url" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Url" }
            && name is not null
            && LocalUrlHelpers.Contains(name);
    }

    /// <summary>Redirecting to the URL of the current request only reloads this site's page.</summary>
    private static bool IsCurrentRequestUrl(string source) =>
        source.EndsWith(".RawUrl`", StringComparison.Ordinal)
        || source.EndsWith(".Url`", StringComparison.Ordinal)
        || source.EndsWith(".Path`", StringComparison.Ordinal)
        || source.EndsWith(".PathBase`", StringComparison.Ordinal)
        || source.EndsWith(".Url.PathAndQuery`", StringComparison.Ordinal);

    /// <summary>
    /// A constant start that already fixes where the browser goes: a query or fragment
    /// (<c>"page.aspx?id=" + x</c>) or an absolute URL with its host and path (<c>"https://site/" + x</c>).
    /// A bare <c>"/"</c> does not: <c>"/" + "/evil.com"</c> is protocol-relative.
    /// </summary>
    private static bool HasFixedTarget(ExpressionSyntax url, SemanticModel model)
    {
        var prefix = ConstantPrefix(url, model);
        if (string.IsNullOrEmpty(prefix))
        {
            return false;
        }

        if (prefix.Contains('?', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal))
        {
            return true;
        }

        var schemeEnd = prefix.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd > 0 && prefix.IndexOf('/', schemeEnd + 3) > schemeEnd + 3;
    }

    private static string? ConstantPrefix(ExpressionSyntax url, SemanticModel model) => url switch
    {
        ParenthesizedExpressionSyntax parenthesized => ConstantPrefix(parenthesized.Expression, model),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary =>
            SinkSyntax.ConstantValue(binary.Left, model) ?? ConstantPrefix(binary.Left, model),
        InterpolatedStringExpressionSyntax { Contents: [InterpolatedStringTextSyntax first, ..] } => first.TextToken.ValueText,
        InvocationExpressionSyntax { ArgumentList.Arguments: [var format, ..] } invocation
            when TypeNames.InvokedName(invocation) == "Format" && SinkSyntax.ConstantValue(format.Expression, model) is { } text =>
            text.IndexOf('{', StringComparison.Ordinal) is var hole and >= 0 ? text[..hole] : text,
        _ => null,
    };

    /// <summary><c>Url.IsLocalUrl(x)</c>, <c>Uri.IsWellFormedUriString(x, UriKind.Relative)</c>, <c>Uri.TryCreate(x, UriKind.Relative, …)</c>, <c>IsSafeRedirect(x)</c>-style helpers.</summary>
    private static bool? IsRedirectCheck(ExpressionSyntax atom, IReadOnlySet<string> variables)
    {
        if (atom is not InvocationExpressionSyntax invocation || TypeNames.InvokedName(invocation) is not { } name || !SinkGuards.Mentions(invocation, variables))
        {
            return null;
        }

        if (name is "IsWellFormedUriString" or "TryCreate")
        {
            return invocation.ArgumentList.Arguments.Any(argument => argument.Expression.ToString().EndsWith("Relative", StringComparison.Ordinal)) ? true : null;
        }

        return name.Contains("IsLocal", StringComparison.Ordinal)
            || name.Contains("LocalToHost", StringComparison.Ordinal)
            || name.StartsWith("IsSafe", StringComparison.Ordinal)
            || name.StartsWith("IsValidRedirect", StringComparison.Ordinal)
            || name.StartsWith("IsAllowed", StringComparison.Ordinal)
            || name.StartsWith("IsTrusted", StringComparison.Ordinal)
            ? true
            : null;
    }
}
