using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// <c>HttpListener</c> prefixes with a wildcard host: <c>http://*:8080/</c>, <c>http://+:8080/</c>
/// or a top-level wildcard such as <c>http://*.com/</c>. These bind the listener to any Host
/// header, so requests meant for other sites on the machine (or forged hosts) reach it.
/// </summary>
public sealed class HttpListenerWildcardRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/http-listener-wildcard",
        "HttpListener bound to a wildcard host",
        Category.Security,
        Severity.Warning,
        "A `*` or `+` host (or `*.com`) makes the listener answer for any Host header: requests meant for another application on the machine, or with a forged host, reach this one, and links it builds from the Host header point wherever the client says.",
        "Register the host names the service answers to, e.g. `listener.Prefixes.Add(\"https://api.example.com:8443/\")`; use `localhost` for local-only services.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "Prefixes"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "Prefixes"))
        {
            if (node is InvocationExpressionSyntax { ArgumentList.Arguments: [var prefix] } invocation
                && TypeNames.InvokedName(invocation) == "Add"
                && SecurityPatterns.SimpleName(TypeNames.Receiver(invocation)) == "Prefixes"
                && SecurityPatterns.StringValue(prefix.Expression, context.Model) is { } url
                && WildcardHost(url) is { } host)
            {
                context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` binds the listener to the wildcard host `{host}`, so it answers for any Host header; register the host names it serves");
            }
        }
    }

    /// <summary>The host of an http(s) prefix when it is <c>*</c>, <c>+</c> or a wildcard over a top-level domain.</summary>
    private static string? WildcardHost(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return null;
        }

        var rest = url[(schemeEnd + 3)..];
        var end = rest.IndexOfAny([':', '/']);
        var host = end < 0 ? rest : rest[..end];
        var isWildcard = host is "*" or "+"
            || (host.StartsWith("*.", StringComparison.Ordinal) && !host[2..].Contains('.', StringComparison.Ordinal));
        return isWildcard ? host : null;
    }
}
