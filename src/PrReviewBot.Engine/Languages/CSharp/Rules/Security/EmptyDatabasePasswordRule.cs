using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Database connection strings with an empty password: <c>Password=</c> or <c>Pwd=</c> followed
/// by nothing, in a literal, an interpolation or a concatenation, or an empty string given to a
/// connection-string builder's <c>Password</c>. Windows authentication
/// (<c>Integrated Security=true</c>, <c>Trusted_Connection=yes</c>) needs no password and is left alone.
/// </summary>
public sealed partial class EmptyDatabasePasswordRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/empty-database-password",
        "Database connection with an empty password",
        Category.Security,
        Severity.Error,
        "A database account without a password lets anyone who can reach the server log in as that account and read or change its data.",
        "Give the account a strong password read from configuration or a secret store (or use Windows/managed-identity authentication) instead of an empty `Password=`.");

    /// <summary>
    /// A password key whose value is empty: up to the next <c>;</c> or the end of the text (not an
    /// unknown part). No key boundary is required, because concatenated parts often start mid-key.
    /// </summary>
    [GeneratedRegex(@"(?:password|pwd)\s*=\s*(?:;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmptyPassword();

    [GeneratedRegex(@"(?:^|;)\s*(?:integrated[ _]?security|trusted[ _]?connection)\s*=\s*(?:true|yes|sspi)\s*(?:;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WindowsAuthentication();

    /// <summary>Keys that make a text a connection string even when it is not passed to a database API in view.</summary>
    [GeneratedRegex(@"(?:^|;)\s*(?:server|data source|datasource|host|user id|userid|uid|user|username|database|initial catalog|address|addr)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionKey();

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reported = new HashSet<SyntaxNode>();
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.OrdinalIgnoreCase, "password", "pwd"))
        {
            switch (token.Parent)
            {
                case LiteralExpressionSyntax or InterpolatedStringTextSyntax:
                    AnalyzeText(context, token.Parent, reported);
                    break;
                case IdentifierNameSyntax { Parent: AssignmentExpressionSyntax assignment } target when assignment.Left == target:
                    AnalyzeBuilder(context, assignment);
                    break;
                case IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } member } name when member.Name == name && assignment.Left == member:
                    AnalyzeBuilder(context, assignment);
                    break;
            }
        }
    }

    private void AnalyzeText(CSharpRuleContext context, SyntaxNode literal, HashSet<SyntaxNode> reported)
    {
        var part = literal as ExpressionSyntax ?? literal.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>();
        if (part is null)
        {
            return;
        }

        var whole = StringShape.Whole(part);
        if (!reported.Add(whole))
        {
            return;
        }

        var shape = StringShape.Of(whole, context.Model);
        if (!EmptyPassword().IsMatch(shape) || WindowsAuthentication().IsMatch(shape) || !(ConnectionKey().IsMatch(shape) || IsGivenToDatabase(whole)))
        {
            return;
        }

        context.Report(this, whole, $"`{SecurityPatterns.Code(whole)}` connects to the database with an empty password; read a real password from configuration or a secret store, or use integrated authentication.");
    }

    /// <summary><c>builder.Password = ""</c> or <c>new SqlConnectionStringBuilder { Password = string.Empty }</c>.</summary>
    private void AnalyzeBuilder(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        if (SecurityPatterns.SimpleName(assignment.Left) is not ("Password" or "Pwd")
            || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            || !IsEmpty(assignment.Right, context.Model)
            || SinkSyntax.AssignedOwner(assignment, context.Model) is not { } owner
            || !owner.EndsWith("ConnectionStringBuilder", StringComparison.Ordinal))
        {
            return;
        }

        context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` gives the database connection an empty password; read a real password from configuration or a secret store, or use integrated authentication.");
    }

    private static bool IsEmpty(ExpressionSyntax value, SemanticModel model) =>
        SecurityPatterns.Unparenthesized(value) is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty", Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" } }
        || SecurityPatterns.StringValue(value, model) is { Length: 0 };

    /// <summary>True when the text is handed to an API that opens a database connection: <c>UseSqlServer(…)</c>, <c>new SqlConnection(…)</c>, <c>ConnectionString = …</c>.</summary>
    private static bool IsGivenToDatabase(ExpressionSyntax text)
    {
        var parent = SecurityPatterns.ValueParent(text, out var child);
        return parent switch
        {
            ArgumentSyntax { NameColon.Name.Identifier.ValueText: "connectionString" } => true,
            ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } => TypeNames.InvokedName(invocation) is { } method && method.StartsWith("Use", StringComparison.Ordinal),
            ArgumentSyntax { Parent.Parent: BaseObjectCreationExpressionSyntax creation } => SinkSyntax.CreatedTypeName(creation) is { } type && (type.EndsWith("Connection", StringComparison.Ordinal) || type.EndsWith("ConnectionStringBuilder", StringComparison.Ordinal)),
            AssignmentExpressionSyntax assignment when assignment.Right == child => SecurityPatterns.SimpleName(assignment.Left) == "ConnectionString",
            _ => false,
        };
    }
}
