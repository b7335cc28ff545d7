using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// LDAP binds that send credentials in clear text or none at all: a <c>DirectoryEntry</c> created
/// or configured with <c>AuthenticationTypes.None</c> (a simple bind) or <c>Anonymous</c>, and an
/// <c>LdapConnection</c> using <c>AuthType.Anonymous</c>. A later plain assignment of a secure
/// type in the same block repairs the entry, as the framework's default (<c>Secure</c>) does.
/// </summary>
public sealed class LdapInsecureBindRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/ldap-insecure-bind",
        "LDAP bind without secure authentication",
        Category.Security,
        Severity.Error,
        "With `AuthenticationTypes.None` the directory receives the user name and password in clear text (a simple bind) and with `Anonymous` nobody is authenticated at all, so anyone on the network can read the credentials or query the directory.",
        "Use `AuthenticationTypes.Secure` (the default; add `Sealing | Signing` or `SecureSocketsLayer` for integrity) or `AuthType.Negotiate`/`Kerberos` for `LdapConnection`.");

    private const int MaxIndirections = 4;

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // `AuthType` is a common enum name (a share's or a send's kind of access): only code that talks LDAP counts.
        if (!SecurityPatterns.Mentions(context, "AuthenticationType", "AuthType") || !SecurityPatterns.Mentions(context, "DirectoryServices", "DirectoryEntry", "LdapConnection"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "DirectoryEntry", "AuthenticationType", "AuthType", "LdapConnection"))
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) is "DirectoryEntry" or "LdapConnection":
                    AnalyzeCreation(context, creation);
                    break;
                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax or MemberBindingExpressionSyntax } assignment
                    when SecurityPatterns.SimpleName(assignment.Left) is "AuthenticationType" or "AuthType" && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    Report(context, assignment, assignment.Right);
                    break;
                case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "AuthenticationType" or "AuthType" }, Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax owner } } setting
                    when SecurityPatterns.CreatedTypeName(owner, context.Model) is "DirectoryEntry" or "LdapConnection":
                    Report(context, setting, setting.Right);
                    break;
                case AssignmentExpressionSyntax { Left: TupleExpressionSyntax targets, Right: TupleExpressionSyntax values } deconstruction:
                    for (var index = 0; index < Math.Min(targets.Arguments.Count, values.Arguments.Count); index++)
                    {
                        if (targets.Arguments[index].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AuthenticationType" or "AuthType" })
                        {
                            Report(context, deconstruction, values.Arguments[index].Expression);
                        }
                    }

                    break;
            }
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var initializerSetting = creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(assignment => SecurityPatterns.SimpleName(assignment.Left) is "AuthenticationType" or "AuthType");
        if (initializerSetting is not null)
        {
            // The initializer's value wins over the constructor's; the assignment case reports it.
            return;
        }

        var isEntry = SecurityPatterns.CreatedTypeName(creation, context.Model) == "DirectoryEntry";
        var argument = isEntry ? SinkSyntax.Argument(creation.ArgumentList, 3, "authenticationType") : SinkSyntax.Argument(creation.ArgumentList, 2, "authType");
        if (argument is null || Weakness(argument, context, 0) is not { } weakness || IsRepairedLater(creation))
        {
            return;
        }

        context.Report(this, SecurityPatterns.Anchor(creation), Message(SecurityPatterns.Code(creation), weakness));
    }

    private void Report(CSharpRuleContext context, AssignmentExpressionSyntax assignment, ExpressionSyntax value)
    {
        if (Weakness(value, context, 0) is { } weakness)
        {
            context.Report(this, assignment, Message(SecurityPatterns.Code(assignment), weakness));
        }
    }

    private static string Message(string code, string weakness) =>
        $"`{code}` {weakness}; use `AuthenticationTypes.Secure` (Kerberos/NTLM, with `Sealing | Signing` or SSL) instead.";

    /// <summary>What the authentication value does wrong, or null when it is secure or unknown.</summary>
    private static string? Weakness(ExpressionSyntax expression, CSharpRuleContext context, int depth)
    {
        var value = SecurityPatterns.Unparenthesized(expression);
        while (value is CastExpressionSyntax cast)
        {
            value = SecurityPatterns.Unparenthesized(cast.Expression);
        }

        switch (value)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access
                when SecurityPatterns.TypeLikeName(access.Expression) is "AuthenticationTypes" or "AuthType":
                return member switch
                {
                    "Anonymous" => "binds anonymously, so the directory is queried without any authentication",
                    "None" => "performs a simple bind that sends the user name and password in clear text",
                    _ => null,
                };
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression):
                var left = Weakness(binary.Left, context, depth);
                var right = Weakness(binary.Right, context, depth);
                return left is not null && left.Contains("anonymously", StringComparison.Ordinal) ? left
                    : right is not null && right.Contains("anonymously", StringComparison.Ordinal) ? right
                    : left is not null && right is not null ? left : null;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.DefaultLiteralExpression) || literal.Token.Value is 0:
            case DefaultExpressionSyntax { Type: var type } when TypeNames.Simple(type) == "AuthenticationTypes":
                return "performs a simple bind that sends the user name and password in clear text";
            case ConditionalExpressionSyntax conditional:
                return Weakness(conditional.WhenTrue, context, depth) is { } whenTrue && Weakness(conditional.WhenFalse, context, depth) is not null ? whenTrue : null;
            case IdentifierNameSyntax identifier when depth < MaxIndirections:
                return (SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText) ?? TopLevelInitializer(identifier)) is { } initializer
                    ? Weakness(initializer, context, depth + 1)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>A top-level program's <c>var name = value;</c> before the use; each top-level statement is its own scope to the shared lookup.</summary>
    private static ExpressionSyntax? TopLevelInitializer(IdentifierNameSyntax identifier)
    {
        if (identifier.FirstAncestorOrSelf<GlobalStatementSyntax>() is not { Parent: CompilationUnitSyntax unit } use)
        {
            return null;
        }

        return unit.Members.OfType<GlobalStatementSyntax>()
            .TakeWhile(global => global != use)
            .Select(global => global.Statement)
            .OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(declaration => declaration.Declaration.Variables)
            .LastOrDefault(declarator => declarator.Identifier.ValueText == identifier.Identifier.ValueText)?.Initializer?.Value;
    }

    /// <summary>
    /// True when a later statement of the same block assigns the entry's authentication type
    /// something other than an insecure value: <c>entry.AuthenticationType = AuthenticationTypes.Secure;</c>.
    /// </summary>
    private static bool IsRepairedLater(BaseObjectCreationExpressionSyntax creation)
    {
        var parent = SecurityPatterns.ValueParent(creation, out _);
        var name = parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        var statement = creation.FirstAncestorOrSelf<StatementSyntax>();
        if (name is null || statement?.Parent is not BlockSyntax and not GlobalStatementSyntax)
        {
            return false;
        }

        var following = statement.Parent is BlockSyntax block
            ? block.Statements.Where(other => other.SpanStart > statement.SpanStart)
            : statement.SyntaxTree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Where(global => global.SpanStart > statement.SpanStart).Select(global => global.Statement);
        foreach (var other in following)
        {
            if (other is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment })
            {
                continue;
            }

            if (assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AuthenticationType" or "AuthType" } target && SecurityPatterns.SimpleName(target.Expression) == name)
            {
                return IsSecureLiteral(assignment.Right);
            }

            if (assignment is { Left: TupleExpressionSyntax targets, Right: TupleExpressionSyntax values })
            {
                for (var index = 0; index < Math.Min(targets.Arguments.Count, values.Arguments.Count); index++)
                {
                    if (targets.Arguments[index].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AuthenticationType" or "AuthType" } tupleTarget
                        && SecurityPatterns.SimpleName(tupleTarget.Expression) == name)
                    {
                        return IsSecureLiteral(values.Arguments[index].Expression);
                    }
                }
            }
        }

        return false;
    }

    private static bool IsSecureLiteral(ExpressionSyntax value) =>
        SecurityPatterns.Unparenthesized(value) is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "None" or "Anonymous" };
}
