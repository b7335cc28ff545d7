using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// SSL 2/3, TLS 1.0 and TLS 1.1 enabled through <c>SecurityProtocolType</c> or <c>SslProtocols</c>:
/// assigned to <c>ServicePointManager.SecurityProtocol</c> or a handler, passed to
/// <c>SslStream.AuthenticateAs…</c>, or stored for later. Comparisons, masks and negations
/// (<c>~SslProtocols.Tls</c>) read the value without enabling it.
/// </summary>
public sealed class WeakTlsVersionRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/weak-tls-version",
        "SSL 3, TLS 1.0 or TLS 1.1 enabled",
        Category.Security,
        Severity.Error,
        "SSL 2/3, TLS 1.0 and TLS 1.1 have known attacks (POODLE, BEAST, weak MAC and cipher suites) and are disabled by current browsers and servers; enabling them lets an attacker on the network downgrade the connection and read or change it.",
        "Leave the choice to the operating system (`SecurityProtocolType.SystemDefault`, `SslProtocols.None`) or allow only `Tls12 | Tls13`.");

    /// <summary>Weak members of each enum, with the protocol they enable.</summary>
    private static readonly Dictionary<(string Type, string Member), string> WeakMembers = new()
    {
        [("SecurityProtocolType", "Ssl3")] = "SSL 3.0",
        [("SecurityProtocolType", "Tls")] = "TLS 1.0",
        [("SecurityProtocolType", "Tls11")] = "TLS 1.1",
        [("SslProtocols", "Ssl2")] = "SSL 2.0",
        [("SslProtocols", "Ssl3")] = "SSL 3.0",
        [("SslProtocols", "Tls")] = "TLS 1.0",
        [("SslProtocols", "Tls11")] = "TLS 1.1",
        [("SslProtocols", "Default")] = "SSL 3.0 and TLS 1.0",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "SecurityProtocolType", "SslProtocols"))
        {
            return;
        }

        var reportedLines = new HashSet<int>();
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.Ordinal, "SecurityProtocolType", "SslProtocols"))
        {
            if (token.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax member } typeName
                || member.Expression != typeName
                || !WeakMembers.TryGetValue((typeName.Identifier.ValueText, member.Name.Identifier.ValueText), out var protocol)
                || OnlyReads(member)
                || IsLookAlike(member, context.Model)
                || !reportedLines.Add(context.LineOf(member.SpanStart)))
            {
                continue;
            }

            context.Report(
                this,
                member,
                $"`{member}` enables {protocol}, which an attacker on the network can downgrade to and break; allow only `Tls12 | Tls13` or leave the choice to the operating system.");
        }
    }

    /// <summary>True when the value is compared, masked or negated rather than enabled.</summary>
    private static bool OnlyReads(MemberAccessExpressionSyntax member)
    {
        if (SecurityPatterns.IsOnlyCompared(member))
        {
            return true;
        }

        for (var node = member.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ParenthesizedExpressionSyntax:
                    continue;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.BitwiseNotExpression):
                    return true;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseAndExpression):
                    return true;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression):
                    continue;
                case AssignmentExpressionSyntax assignment:
                    return assignment.IsKind(SyntaxKind.AndAssignmentExpression);
                case ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }:
                    return invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HasFlag" or "Equals" or "Contains" };
                default:
                    return node is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }
                        or IsPatternExpressionSyntax or ConstantPatternSyntax or CaseSwitchLabelSyntax or SwitchExpressionArmSyntax;
            }
        }

        return false;
    }

    /// <summary>True when the enum is one the change declares itself, not the framework's.</summary>
    private static bool IsLookAlike(MemberAccessExpressionSyntax member, SemanticModel model) =>
        model.GetSymbolInfo(member).Symbol is IFieldSymbol { ContainingType: { } type } && type.Locations.Any(location => location.IsInSource);
}
