using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A certificate judged by comparing its subject or issuer name with a fixed string:
/// <c>cert.SubjectName.Name == "CN=localhost"</c>, <c>string.Equals(cert.Subject, "CN=api")</c>,
/// <c>cert.GetNameInfo(X509NameType.SimpleName, false).Equals("api")</c>. A name is text anyone can
/// put in a certificate they make; only a validated chain, a pinned thumbprint or public key tell
/// who holds the key. Comparisons of a thumbprint or serial number are not reported.
/// </summary>
public sealed class CertificateNameTrustRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/certificate-name-trust",
        "Certificate trusted by its subject name",
        Category.Security,
        Severity.Warning,
        "A subject or issuer name is only text: anyone can make a self-signed certificate that says `CN=localhost` or the name of a partner. Code that trusts a certificate because its name matches accepts the attacker's certificate too.",
        "Validate the certificate chain (`X509Chain.Build` with revocation checks) and compare the thumbprint or public key with a pinned value; use the name only after the chain proves who issued it.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "Subject", "SubjectName", "Issuer", "IssuerName", "GetNameInfo"))
        {
            return;
        }

        var reported = new HashSet<SyntaxNode>();
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "Subject", "SubjectName", "Issuer", "IssuerName", "GetNameInfo"))
        {
            if (node is not ExpressionSyntax name || !IsCertificateName(name, context.Model) || Comparison(name, context.Model) is not { } comparison || !reported.Add(comparison))
            {
                continue;
            }

            context.Report(this, comparison, $"`{SecurityPatterns.Code(comparison)}` trusts a certificate because of its name, which anyone can put in a certificate they make. Validate the chain and compare the thumbprint or public key with a pinned value.");
        }
    }

    /// <summary><c>cert.Subject</c>, <c>cert.SubjectName.Name</c>, <c>cert.GetNameInfo(…)</c> on a certificate.</summary>
    private static bool IsCertificateName(ExpressionSyntax expression, SemanticModel model)
    {
        var owner = expression switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Name", Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SubjectName" or "IssuerName" } names } => names.Expression,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Subject" or "Issuer", Parent: not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Name" } } member => member.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetNameInfo" } call } => call.Expression,
            _ => null,
        };
        if (owner is null)
        {
            return false;
        }

        if (TypeNames.Of(owner, model) is { } type and not ("Object" or "dynamic"))
        {
            return type.StartsWith("X509Certificate", StringComparison.Ordinal);
        }

        var ownerName = owner switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return ownerName is not null
            && (ownerName.Contains("cert", StringComparison.OrdinalIgnoreCase) || ownerName.Contains("x509", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The comparison of the name with a constant string, or null when the name is used otherwise.</summary>
    private static SyntaxNode? Comparison(ExpressionSyntax name, SemanticModel model)
    {
        var value = name;
        switch (value.Parent)
        {
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                return IsConstantText(binary.Left == value ? binary.Right : binary.Left, model) ? binary : null;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Equals" or "StartsWith" or "EndsWith" or "Contains", Parent: InvocationExpressionSyntax call } member when member.Expression == value:
                return call.ArgumentList.Arguments.FirstOrDefault() is { } other && IsConstantText(other.Expression, model) ? call : null;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } arguments }
                when TypeNames.InvokedName(call) is "Equals" or "Compare" && TypeNames.Receiver(call)?.ToString() is "string" or "String" or "System.String":
                return arguments.Arguments.Any(argument => argument.Expression != value && IsConstantText(argument.Expression, model)) ? call : null;
            default:
                return null;
        }
    }

    private static bool IsConstantText(ExpressionSyntax expression, SemanticModel model) =>
        SecurityPatterns.StringValue(expression, model) is { Length: > 0 };
}
