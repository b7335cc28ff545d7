using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A Content-Security-Policy header whose value allows what the policy exists to block:
/// <c>'unsafe-inline'</c>, <c>'unsafe-eval'</c>, <c>'unsafe-hashes'</c> or a <c>*</c> source,
/// written through <c>Headers.ContentSecurityPolicy</c>, <c>Headers["Content-Security-Policy"]</c>
/// or <c>Headers.Add/Append(…)</c>, and the fluent <c>UnsafeInline()</c>/<c>UnsafeEval()</c> of
/// CSP builders. Headers of types declared in the reviewed code are someone's own model, not a response.
/// </summary>
public sealed class InsecureCspRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/insecure-csp",
        "Content-Security-Policy that allows inline script or any source",
        Category.Security,
        Severity.Warning,
        "A Content-Security-Policy is the browser's last line against injected script: 'unsafe-inline' and 'unsafe-eval' let injected markup run script again, and a * source lets the page load script from any host, so an XSS bug the policy would have contained becomes exploitable.",
        "Drop 'unsafe-inline'/'unsafe-eval' and allow inline code by nonce or hash ('nonce-…', 'sha256-…'); list the hosts scripts may come from instead of *.");

    private const string HeaderName = "Content-Security-Policy";

    private static readonly HashSet<string> HeaderWriters = new(StringComparer.Ordinal)
    {
        "Add", "Append", "AddHeader", "AppendHeader", "TryAdd", "TryAddWithoutValidation", "Set",
    };

    private static readonly string[] UnsafeKeywords = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "ContentSecurityPolicy", HeaderName, "Content-Security", "Csp", "UnsafeInline", "UnsafeEval", "unsafe-"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.OrdinalIgnoreCase, "ContentSecurityPolicy", "Content-Security-Policy", "UnsafeInline", "UnsafeEval", "unsafe-"))
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when IsCspTarget(assignment.Left, context.Model):
                    Check(context, assignment, assignment.Right);
                    break;
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var name = TypeNames.InvokedName(invocation);
        var arguments = invocation.ArgumentList.Arguments;
        if (name is "UnsafeInline" or "UnsafeEval" && arguments.Count == 0 && TypeNames.Receiver(invocation) is not null)
        {
            context.Report(this, invocation, $"`{name}()` lets injected markup run script despite the Content-Security-Policy; allow inline code by nonce or hash instead");
        }
        else if (name is not null && HeaderWriters.Contains(name) && arguments.Count >= 2 && IsCspName(arguments[0].Expression, context.Model)
            && !IsOwnType(TypeNames.Receiver(invocation), context.Model))
        {
            Check(context, invocation, arguments[1].Expression);
        }
    }

    private void Check(CSharpRuleContext context, SyntaxNode writer, ExpressionSyntax value)
    {
        var policy = PolicyText(value, context.Model);
        if (policy is null)
        {
            return;
        }

        var sources = policy.Split([' ', ';', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var unsafeKeywords = sources.Where(source => UnsafeKeywords.Contains(source, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var wildcard = sources.Any(source => source.TrimStart('\'').StartsWith('*'));
        if (unsafeKeywords.Count > 0)
        {
            context.Report(this, writer, $"The Content-Security-Policy set by `{SecurityPatterns.Code(writer)}` allows {string.Join(" and ", unsafeKeywords)}, so injected markup can run script again; use nonces or hashes instead");
        }
        else if (wildcard)
        {
            context.Report(this, writer, $"The Content-Security-Policy set by `{SecurityPatterns.Code(writer)}` allows a wildcard source, so the page loads content from any host; list the hosts it needs");
        }
    }

    /// <summary>The policy text: a constant, or the literal parts of an interpolation or concatenation; a single-value wrapper such as <c>new StringValues(…)</c> is looked through.</summary>
    private static string? PolicyText(ExpressionSyntax value, SemanticModel model)
    {
        var unwrapped = SecurityPatterns.Unparenthesized(value);
        if (unwrapped is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var single] })
        {
            unwrapped = single.Expression;
        }

        if (unwrapped is null)
        {
            return null;
        }

        return SecurityPatterns.StringValue(unwrapped, model)
            ?? (unwrapped is InterpolatedStringExpressionSyntax or BinaryExpressionSyntax ? SinkSyntax.LiteralText(unwrapped) : null);
    }

    private static bool IsCspTarget(ExpressionSyntax target, SemanticModel model) => target switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentSecurityPolicy" } member => !IsOwnType(member.Expression, model),
        MemberBindingExpressionSyntax { Name.Identifier.ValueText: "ContentSecurityPolicy" } => true,
        ElementAccessExpressionSyntax { ArgumentList.Arguments: [var key] } element => IsCspName(key.Expression, model) && !IsOwnType(element.Expression, model),
        ElementBindingExpressionSyntax { ArgumentList.Arguments: [var key] } => IsCspName(key.Expression, model),
        _ => false,
    };

    private static bool IsCspName(ExpressionSyntax expression, SemanticModel model) =>
        expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContentSecurityPolicy" }
        || string.Equals(SecurityPatterns.StringValue(expression, model)?.Trim(), HeaderName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the receiver's type is declared in the reviewed code: a model of headers, not the framework's response.</summary>
    private static bool IsOwnType(ExpressionSyntax? receiver, SemanticModel model) =>
        receiver is not null && model.GetTypeInfo(receiver).Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } type && type.Locations.Any(location => location.IsInSource);
}
