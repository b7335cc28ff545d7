using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A <c>DirectoryEntry</c> bound with <c>AuthenticationTypes.None</c> or <c>Anonymous</c>: given to its
/// constructor or set as its <c>AuthenticationType</c>, unless the same object gets another
/// authentication type before it is used.
/// </summary>
public sealed class LdapWithoutSecureAuthenticationRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/ldap-insecure-authentication",
        "LDAP connection without secure authentication",
        Category.Security,
        Severity.Error,
        "`AuthenticationTypes.None` binds with a simple LDAP bind that sends the user name and password in clear text, and `Anonymous` binds without credentials; anyone on the network path reads the credentials or the directory data.",
        "Use `AuthenticationTypes.Secure` (Kerberos/NTLM, optionally with `Sealing` and `Signing`), or `SecureSocketsLayer` for LDAPS.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "AuthenticationTypes"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "AuthenticationTypes"))
        {
            if (node is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "None" or "Anonymous" } member
                || SecurityPatterns.TypeLikeName(member.Expression) != "AuthenticationTypes"
                || SecurityPatterns.IsOnlyCompared(member))
            {
                continue;
            }

            var anchor = SecurityPatterns.Anchor(member);
            switch (anchor)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }
                    when SecurityPatterns.CreatedTypeName(creation, context.Model) == "DirectoryEntry" && !SetsAuthenticationLater(creation):
                    Report(context, anchor, member);
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "AuthenticationType":
                    Report(context, assignment, member);
                    break;
            }
        }
    }

    private void Report(CSharpRuleContext context, SyntaxNode anchor, MemberAccessExpressionSyntax member) =>
        SecurityPatterns.ReportWithFix(
            context,
            this,
            anchor,
            member.Name.Span,
            "Secure",
            $"`AuthenticationTypes.{member.Name.Identifier.ValueText}` binds to the directory without secure authentication, so credentials or directory data cross the network unprotected.");

    /// <summary>
    /// The entry's initializer or a later statement of the same block sets <c>AuthenticationType</c>:
    /// the constructor's value is overwritten before the entry is used.
    /// </summary>
    private static bool SetsAuthenticationLater(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>().Any(set => SecurityPatterns.SimpleName(set.Left) == "AuthenticationType") == true)
        {
            return true;
        }

        var target = SecurityPatterns.ValueParent(creation, out _) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        var statement = creation.FirstAncestorOrSelf<StatementSyntax>();
        if (target is null || statement?.Parent is not BlockSyntax block)
        {
            return false;
        }

        return block.Statements.SkipWhile(candidate => candidate != statement).Skip(1)
            .OfType<ExpressionStatementSyntax>()
            .Any(candidate => candidate.Expression is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AuthenticationType" } left }
                && SecurityPatterns.SimpleName(left.Expression) == target);
    }
}
