using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// File and directory permissions granted to everybody: a Windows access rule that allows
/// <c>Everyone</c> (or the world SID, or anonymous logons) anything, or allows all users to write;
/// a Unix mode with the "other" write bit (<c>UnixFileMode.OtherWrite</c>); and Mono.Posix
/// permission sets that include any "other" bit.
/// </summary>
public sealed class LooseFilePermissionsRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/loose-file-permissions",
        "File permissions granted to every user",
        Category.Security,
        Severity.Warning,
        "A file or directory every account on the machine may read or change leaks its contents to other users and services, and lets them replace what the application later reads or executes.",
        "Grant access to the accounts that need it (the service account, a dedicated group) and leave \"Everyone\"/\"other\" without permissions.");

    private static readonly HashSet<string> AccessRuleWriters = new(StringComparer.Ordinal)
    {
        "AddAccessRule", "SetAccessRule", "ResetAccessRule",
    };

    /// <summary>Principals that mean every account (or no account at all).</summary>
    private static readonly HashSet<string> EveryoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Everyone", "Jeder", "Tout le monde", "Todos", "S-1-1-0", "ANONYMOUS LOGON", "NT AUTHORITY\\ANONYMOUS LOGON",
    };

    /// <summary>Principals that mean every signed-in user: allowed to read, not to write.</summary>
    private static readonly HashSet<string> AllUsersNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Users", "BUILTIN\\Users", "Authenticated Users", "NT AUTHORITY\\Authenticated Users", "S-1-5-32-545", "S-1-5-11",
    };

    private static readonly HashSet<string> WriteRights = new(StringComparer.Ordinal)
    {
        "Write", "WriteData", "Modify", "FullControl", "CreateFiles", "AppendData", "ChangePermissions", "TakeOwnership", "Delete", "CreateDirectories", "WriteAttributes", "WriteExtendedAttributes",
    };

    /// <summary>Mono.Posix permission values that include a bit for other users.</summary>
    private static readonly HashSet<string> MonoOtherPermissions = new(StringComparer.Ordinal)
    {
        "AllPermissions", "DefaultPermissions", "OtherReadWriteExecute", "OtherRead", "OtherWrite", "OtherExecute",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SecurityPatterns.Mentions(context, "AccessRule"))
        {
            AnalyzeAccessRules(context);
        }

        if (SecurityPatterns.Mentions(context, "FileAccessPermissions", "UnixFileMode"))
        {
            AnalyzeUnixModes(context);
        }
    }

    private void AnalyzeAccessRules(CSharpRuleContext context)
    {
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.Ordinal, [.. AccessRuleWriters]))
        {
            if (token.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member } name
                || member.Name != name
                || invocation.ArgumentList.Arguments.Count != 1)
            {
                continue;
            }

            var argument = SecurityPatterns.Unparenthesized(invocation.ArgumentList.Arguments[0].Expression);
            if (argument is IdentifierNameSyntax variable)
            {
                var variableName = variable.Identifier.ValueText;
                var local = invocation.FirstAncestorOrSelf<LocalFunctionStatementSyntax>();
                // A local function sees the variables of the method around it.
                argument = SecurityPatterns.Unparenthesized(SecurityPatterns.InitializerOf(invocation, variableName) ?? (local is null ? null : DeclaredBefore(local, variableName)));
            }

            if (argument is BaseObjectCreationExpressionSyntax creation && Grant(creation, context.Model) is { } grant)
            {
                context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` allows {grant}; grant access to the accounts that need it instead.");
            }
        }
    }

    /// <summary>The initializer of a variable the method declares before the local function that uses it.</summary>
    private static ExpressionSyntax? DeclaredBefore(LocalFunctionStatementSyntax local, string name) =>
        (local.Parent as BlockSyntax)?.Statements
            .TakeWhile(statement => statement != local)
            .OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(declaration => declaration.Declaration.Variables)
            .LastOrDefault(declarator => declarator.Identifier.ValueText == name)?.Initializer?.Value;

    /// <summary>What the access rule gives to everybody, or null when it is a deny rule or names specific accounts.</summary>
    private static string? Grant(BaseObjectCreationExpressionSyntax creation, SemanticModel model)
    {
        var arguments = creation.ArgumentList?.Arguments;
        if (arguments is not { Count: >= 3 } list
            || SinkSyntax.CreatedTypeName(creation) is { } type && type != "FileSystemAccessRule"
            || SecurityPatterns.Unparenthesized(list[^1].Expression) is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Allow" })
        {
            return null;
        }

        var rights = list[1].Expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Select(member => member.Name.Identifier.ValueText).ToList();
        var writes = rights.Any(WriteRights.Contains);
        var rightsText = SecurityPatterns.Code(list[1].Expression);
        return Principal(list[0].Expression, model) switch
        {
            Audience.Everyone => $"`{rightsText}` to every account",
            Audience.AllUsers when writes => $"`{rightsText}` to every user of the machine",
            _ => null,
        };
    }

    private enum Audience
    {
        Specific,
        AllUsers,
        Everyone,
    }

    private static Audience Principal(ExpressionSyntax identity, SemanticModel model)
    {
        var value = SecurityPatterns.Unparenthesized(identity);
        if (value is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var first, ..] } && SinkSyntax.CreatedTypeName((BaseObjectCreationExpressionSyntax)value) is null or "NTAccount" or "SecurityIdentifier")
        {
            value = SecurityPatterns.Unparenthesized(first.Expression);
        }

        if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var sid } && SecurityPatterns.TypeLikeName(((MemberAccessExpressionSyntax)value).Expression) == "WellKnownSidType")
        {
            return sid switch
            {
                "WorldSid" or "AnonymousSid" => Audience.Everyone,
                "BuiltinUsersSid" or "AuthenticatedUserSid" => Audience.AllUsers,
                _ => Audience.Specific,
            };
        }

        if (value is null || SecurityPatterns.StringValue(value, model) is not { } name)
        {
            return Audience.Specific;
        }

        return EveryoneNames.Contains(name) ? Audience.Everyone : AllUsersNames.Contains(name) ? Audience.AllUsers : Audience.Specific;
    }

    private void AnalyzeUnixModes(CSharpRuleContext context)
    {
        var reportedLines = new HashSet<int>();
        foreach (var token in SecurityPatterns.Occurrences(context, StringComparison.Ordinal, "FileAccessPermissions", "UnixFileMode"))
        {
            if (token.Parent is not IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax member } typeName || member.Expression != typeName)
            {
                continue;
            }

            var permission = member.Name.Identifier.ValueText;
            // .NET's UnixFileMode is mostly written as 0644/0755, where reading and running by others is intended; only world-writable is a defect there.
            var loose = typeName.Identifier.ValueText == "UnixFileMode" ? permission == "OtherWrite" : MonoOtherPermissions.Contains(permission);
            if (!loose || SecurityPatterns.IsOnlyCompared(member) || IsRemoved(member) || !reportedLines.Add(context.LineOf(member.SpanStart)))
            {
                continue;
            }

            context.Report(this, member, $"`{member}` gives every user of the machine access to the file; leave the \"other\" permission bits unset.");
        }
    }

    /// <summary>True when the bit is negated or masked, which takes the permission away or tests for it.</summary>
    private static bool IsRemoved(ExpressionSyntax member)
    {
        for (var node = member.Parent; node is ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax or BinaryExpressionSyntax; node = node.Parent)
        {
            if (node.IsKind(SyntaxKind.BitwiseNotExpression) || node.IsKind(SyntaxKind.BitwiseAndExpression))
            {
                return true;
            }
        }

        return false;
    }
}
