using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Password storage that is too fast to resist guessing: PBKDF2 (<c>Rfc2898DeriveBytes</c>,
/// <c>KeyDerivation.Pbkdf2</c>) with fewer than 100,000 iterations or the old constructors' default
/// of 1,000, ASP.NET Core Identity's <c>PasswordHasherOptions</c> with a low <c>IterationCount</c>
/// or the V2 format, and a password put through a plain SHA-2 hash. MD5 and SHA-1 are
/// <c>cs/weak-hash</c>'s findings.
/// </summary>
public sealed class WeakPasswordHashRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/weak-password-hash",
        "Password hashed too fast to resist guessing",
        Category.Security,
        Severity.Error,
        "A leaked password table is attacked offline by hashing guesses; a plain hash or a few thousand PBKDF2 rounds lets a graphics card try billions of guesses a second, so most real passwords fall in hours.",
        "Use `Rfc2898DeriveBytes.Pbkdf2` with SHA-256 and at least 600,000 iterations (or ASP.NET Core Identity's `PasswordHasher` with its V3 defaults, or Argon2/bcrypt), with a random salt per password.");

    private const int MinimumIterations = 100_000;

    private const int LegacyDefaultIterations = 1_000;

    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase", "pass", "pw" };

    /// <summary>Fast hashes that are strong for integrity but not for passwords (the broken ones are another rule's).</summary>
    private static readonly HashSet<string> FastHashes = new(StringComparer.Ordinal)
    {
        "SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512", "SHA256Managed", "SHA384Managed", "SHA512Managed",
        "SHA256CryptoServiceProvider", "SHA384CryptoServiceProvider", "SHA512CryptoServiceProvider", "SHA256Cng", "SHA384Cng", "SHA512Cng",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "Pbkdf2", "Rfc2898DeriveBytes", "IterationCount", "CompatibilityMode", "HashData", "ComputeHash"))
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pbkdf2" } member } invocation:
                    AnalyzePbkdf2(context, invocation, SecurityPatterns.TypeLikeName(member.Expression));
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HashData" or "ComputeHash" } } invocation:
                    AnalyzeFastHash(context, invocation);
                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "Rfc2898DeriveBytes":
                    AnalyzeDeriveBytes(context, creation);
                    break;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                    AnalyzeHasherOptions(context, assignment);
                    break;
            }
        }
    }

    private void AnalyzePbkdf2(CSharpRuleContext context, InvocationExpressionSyntax invocation, string? receiver)
    {
        var arguments = invocation.ArgumentList;
        var iterations = receiver switch
        {
            "KeyDerivation" => SinkSyntax.Argument(arguments, 3, "iterationCount"),
            // Pbkdf2(password, salt, iterations, hash, length) or Pbkdf2(password, salt, destination, iterations, hash).
            "Rfc2898DeriveBytes" => SinkSyntax.Argument(arguments, 99, "iterations")
                ?? (SinkSyntax.Argument(arguments, 2) is { } third && SecurityPatterns.IntValue(third, context.Model) is not null ? third : SinkSyntax.Argument(arguments, 3)),
            _ => null,
        };
        if (iterations is not null && SignedValue(iterations, context.Model) is { } count && count < MinimumIterations)
        {
            Report(context, Anchor(iterations), $"`{SecurityPatterns.Code(invocation)}` derives the key with {SecurityPatterns.Number(count)} iterations");
        }
    }

    private void AnalyzeDeriveBytes(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var arguments = creation.ArgumentList;
        if (arguments is null || arguments.Arguments.Count < 2)
        {
            return;
        }

        var iterations = SinkSyntax.Argument(arguments, 2, "iterations");
        var count = iterations is null ? LegacyDefaultIterations : SignedValue(iterations, context.Model);
        if (count is { } known && known < MinimumIterations)
        {
            var how = iterations is null ? $"the constructor's default of {SecurityPatterns.Number(known)} iterations" : $"{SecurityPatterns.Number(known)} iterations";
            Report(context, iterations is null ? SecurityPatterns.Anchor(creation) : Anchor(iterations), $"`{SecurityPatterns.Code(creation)}` derives the key with {how}");
        }
    }

    private void AnalyzeHasherOptions(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        var property = SecurityPatterns.SimpleName(assignment.Left);
        if (property is not ("IterationCount" or "CompatibilityMode") || !IsHasherOptions(assignment, context))
        {
            return;
        }

        if (property == "IterationCount" && SignedValue(assignment.Right, context.Model) is { } count && count < MinimumIterations)
        {
            Report(context, assignment, $"`{SecurityPatterns.Code(assignment)}` hashes passwords with {SecurityPatterns.Number(count)} iterations");
        }
        else if (property == "CompatibilityMode" && IsIdentityV2(assignment.Right, context.Model))
        {
            Report(context, assignment, $"`{SecurityPatterns.Code(assignment)}` stores passwords in the Identity V2 format (PBKDF2 with SHA-1 and 1,000 iterations)");
        }
    }

    /// <summary>A password passed straight to SHA-256/384/512: <c>SHA256.HashData(Encoding.UTF8.GetBytes(password))</c>.</summary>
    private void AnalyzeFastHash(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var member = (MemberAccessExpressionSyntax)invocation.Expression;
        var hash = member.Name.Identifier.ValueText == "HashData"
            ? SecurityPatterns.TypeLikeName(member.Expression)
            : HashOf(member.Expression, context.Model);
        if (hash is null || !FastHashes.Contains(hash) || invocation.ArgumentList.Arguments.Count == 0
            || !MentionsPassword(invocation.ArgumentList.Arguments[0].Expression))
        {
            return;
        }

        context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` hashes a password with one fast {hash} pass, which guessing hardware repeats billions of times a second; use PBKDF2 with at least 600,000 iterations of SHA-256 and a random salt (or Identity's `PasswordHasher`).");
    }

    /// <summary>The hash a <c>ComputeHash</c> receiver computes: <c>SHA256.Create()</c>, <c>new SHA512Managed()</c>, or a variable initialized with one.</summary>
    private static string? HashOf(ExpressionSyntax receiver, SemanticModel model)
    {
        var value = SecurityPatterns.Unparenthesized(receiver);
        if (value is IdentifierNameSyntax identifier)
        {
            value = SecurityPatterns.Unparenthesized(SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText));
        }

        return value switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" } factory, ArgumentList.Arguments.Count: 0 } => SecurityPatterns.TypeLikeName(factory.Expression),
            BaseObjectCreationExpressionSyntax creation => SecurityPatterns.CreatedTypeName(creation, model),
            _ => null,
        };
    }

    private static bool MentionsPassword(ExpressionSyntax data) =>
        data.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(name => IdentifierWords.Lower(name.Identifier.ValueText) is var words && words.Any(PasswordWords.Contains) && !words.Contains("hash"));

    private static bool IsHasherOptions(AssignmentExpressionSyntax assignment, CSharpRuleContext context) =>
        SinkSyntax.AssignedOwner(assignment, context.Model) switch
        {
            "PasswordHasherOptions" => true,
            null => SecurityPatterns.Mentions(context, "PasswordHasherOptions"),
            _ => false,
        };

    private static bool IsIdentityV2(ExpressionSyntax value, SemanticModel model)
    {
        var unwrapped = SecurityPatterns.Unparenthesized(value);
        if (unwrapped is CastExpressionSyntax cast)
        {
            unwrapped = SecurityPatterns.Unparenthesized(cast.Expression);
        }

        return unwrapped is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IdentityV2" }
            || (unwrapped is not null && SecurityPatterns.IntValue(unwrapped, model) == 0);
    }

    /// <summary>An integer constant, also when negated (<c>-1</c>).</summary>
    private static int? SignedValue(ExpressionSyntax expression, SemanticModel model) =>
        SecurityPatterns.Unparenthesized(expression) is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } negated
            ? -SecurityPatterns.IntValue(negated.Operand, model)
            : SecurityPatterns.IntValue(expression, model);

    /// <summary>The argument (named or not) that holds the value, so the finding sits on its line.</summary>
    private static SyntaxNode Anchor(ExpressionSyntax value) => value.Parent is ArgumentSyntax argument ? argument : value;

    private void Report(CSharpRuleContext context, SyntaxNode node, string what) =>
        context.Report(this, node, $"{what}, too few to slow down offline guessing; use PBKDF2 with at least 600,000 iterations of SHA-256 (or Identity's V3 defaults).");
}
