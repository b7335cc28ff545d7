using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// JWTs accepted without checking their signature or expiry: <c>TokenValidationParameters</c>
/// switches set to false, a <c>SignatureValidator</c> that returns the token unchecked, and JWT.NET
/// decoding with verification off (decoder calls with <c>verify: false</c>, builders without
/// <c>MustVerifySignature()</c>).
/// </summary>
public sealed class JwtValidationDisabledRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/jwt-validation-disabled",
        "JWT accepted without signature or lifetime validation",
        Category.Security,
        Severity.Error,
        "A token whose signature is not verified can be forged by anyone, and a token whose lifetime is not checked stays valid forever once leaked.",
        "Keep `RequireSignedTokens`, `ValidateIssuerSigningKey`, `ValidateLifetime` and `RequireExpirationTime` at true; with JWT.NET call `MustVerifySignature()` or pass `verify: true`.");

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["RequireSignedTokens"] = "accepts tokens without a signature, so anyone can forge one",
        ["ValidateIssuerSigningKey"] = "skips validating the key that signed the token, so tokens signed with an untrusted or expired key are accepted",
        ["ValidateLifetime"] = "accepts expired tokens, so a leaked token works forever",
        ["RequireExpirationTime"] = "accepts tokens without an expiry, so a leaked token works forever",
    };

    private static readonly HashSet<string> DecodeMethods = new(StringComparer.Ordinal) { "Decode", "DecodeToObject" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var usesJwtNet = context.Root.Usings.Any(directive => directive.Name?.ToString() is { } name && (name == "JWT" || name.StartsWith("JWT.", StringComparison.Ordinal)));
        string[] words = ["RequireSignedTokens", "ValidateIssuerSigningKey", "ValidateLifetime", "RequireExpirationTime", "SignatureValidator"];
        if (usesJwtNet || SecurityPatterns.Mentions(context, "JwtDecoder", "JwtBuilder", "JsonWebToken"))
        {
            words = [.. words, "Decode"];
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, words))
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) is { } name:
                    AnalyzeAssignment(context, assignment, name);
                    break;
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is { } method && DecodeMethods.Contains(method):
                    AnalyzeDecode(context, invocation, usesJwtNet);
                    break;
            }
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment, string name)
    {
        if (Switches.TryGetValue(name, out var consequence) && SecurityPatterns.IsFalse(assignment.Right) && !IsOwnProperty(assignment.Left, context.Model))
        {
            SecurityPatterns.ReportWithFix(context, this, assignment, assignment.Right.Span, "true", $"`{name} = false` {consequence}.");
        }
        else if (name == "SignatureValidator" && ReturnsTokenUnchecked(assignment.Right))
        {
            context.Report(this, assignment, "`SignatureValidator` returns the token without checking its signature, so forged tokens are accepted.");
        }
    }

    private void AnalyzeDecode(CSharpRuleContext context, InvocationExpressionSyntax invocation, bool usesJwtNet)
    {
        var receiver = TypeNames.Receiver(invocation) ?? (invocation.Expression as MemberBindingExpressionSyntax is not null
            ? (invocation.Parent as ConditionalAccessExpressionSyntax)?.Expression
            : null);
        if (receiver is null)
        {
            return;
        }

        if (BuilderVerifies(receiver, depth: 0) is false)
        {
            context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` decodes the JWT without verifying its signature, so a forged token is accepted; call `MustVerifySignature()` before `Decode`.");
            return;
        }

        IEnumerable<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (SecurityPatterns.TypeLikeName(receiver) is { } holder && holder.EndsWith("Extensions", StringComparison.Ordinal) && invocation.ArgumentList.Arguments.Count > 0)
        {
            // JwtDecoderExtensions.Decode(decoder, token, …) is decoder.Decode(token, …) spelled out.
            receiver = invocation.ArgumentList.Arguments[0].Expression;
            arguments = arguments.Skip(1);
        }

        var receiverType = TypeNames.Of(receiver, context.Model) ?? SecurityPatterns.TypeLikeName(receiver);
        var isJwtDecoder = receiverType is not null && (receiverType.Contains("Jwt", StringComparison.Ordinal) || receiverType == "JsonWebToken" || (usesJwtNet && receiverType.Contains("Decoder", StringComparison.Ordinal)));
        if (!isJwtDecoder)
        {
            return;
        }

        var positional = arguments.ToList();
        var verify = positional.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == "verify")
            ?? (positional.Count >= 3 && positional[2].NameColon is null ? positional[2] : null);
        var verifyIsOff = verify is not null && IsFalseOrInitializedFalse(verify.Expression);
        var decodesUnchecked = positional.Count == 1 && receiverType!.Contains("Decoder", StringComparison.Ordinal);
        if (verifyIsOff || decodesUnchecked)
        {
            context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` decodes the JWT without verifying its signature, so a forged token is accepted.");
        }
    }

    /// <summary>
    /// For a JWT.NET builder chain (inline or through locals), whether the last signature setting
    /// before Decode turns verification on; null when the receiver is not a JwtBuilder chain.
    /// </summary>
    private static bool? BuilderVerifies(ExpressionSyntax receiver, int depth)
    {
        var calls = new List<InvocationExpressionSyntax>();
        var current = SecurityPatterns.Unparenthesized(receiver);
        while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call)
        {
            calls.Add(call);
            current = SecurityPatterns.Unparenthesized(member.Expression);
        }

        bool? verified;
        if (current is IdentifierNameSyntax { Identifier.ValueText: "JwtBuilder" } && calls.Count > 0 && TypeNames.InvokedName(calls[^1]) == "Create")
        {
            // JwtBuilder.Create() starts a chain just like new JwtBuilder().
            calls.RemoveAt(calls.Count - 1);
            verified = false;
        }
        else if (current is BaseObjectCreationExpressionSyntax creation && SinkSyntax.CreatedTypeName(creation) == "JwtBuilder")
        {
            // new JwtBuilder(), or `JwtBuilder builder = new();`.
            verified = false;
        }
        else if (current is IdentifierNameSyntax identifier && depth < 4
            && (SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText) ?? TopLevelInitializer(identifier)) is { } initializer)
        {
            verified = BuilderVerifies(initializer, depth + 1);
        }
        else
        {
            return null;
        }

        if (verified is null)
        {
            return null;
        }

        // Calls were collected from Decode outwards; apply them in source order.
        for (var index = calls.Count - 1; index >= 0; index--)
        {
            switch (TypeNames.InvokedName(calls[index]))
            {
                case "MustVerifySignature":
                    verified = true;
                    break;
                case "DoNotVerifySignature":
                    verified = false;
                    break;
                case "WithVerifySignature" when calls[index].ArgumentList.Arguments is [var argument]:
                    verified = !SecurityPatterns.IsFalse(argument.Expression);
                    break;
            }
        }

        return verified;
    }

    /// <summary>
    /// The initializer of a top-level statement's local declared in an earlier top-level statement
    /// (<c>JwtBuilder builder = new();</c> then <c>builder.Decode(token);</c>), when no statement assigns it again.
    /// </summary>
    private static ExpressionSyntax? TopLevelInitializer(IdentifierNameSyntax use)
    {
        if (use.FirstAncestorOrSelf<GlobalStatementSyntax>() is null || use.SyntaxTree.GetRoot() is not CompilationUnitSyntax root)
        {
            return null;
        }

        var name = use.Identifier.ValueText;
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var declarators = statements
            .Where(statement => statement.Span.End <= use.SpanStart)
            .Select(statement => statement.Statement)
            .OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(declaration => declaration.Declaration.Variables)
            .Where(variable => variable.Identifier.ValueText == name)
            .ToList();
        var reassigned = statements.Any(statement => statement.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(assignment => SecurityPatterns.SimpleName(assignment.Left) == name));
        return declarators is [var declarator] && !reassigned ? declarator.Initializer?.Value : null;
    }

    /// <summary><c>SignatureValidator = (token, parameters) => new JwtSecurityToken(token)</c>: the token is rebuilt, never validated.</summary>
    private static bool ReturnsTokenUnchecked(ExpressionSyntax value)
    {
        if (SecurityPatterns.Unparenthesized(value) is not LambdaExpressionSyntax lambda)
        {
            return false;
        }

        var results = lambda.ExpressionBody is { } body
            ? [body]
            : lambda.Block?.DescendantNodes().OfType<ReturnStatementSyntax>().Select(statement => statement.Expression).OfType<ExpressionSyntax>().ToList() ?? [];
        return results.Count > 0 && results.All(result => result is ObjectCreationExpressionSyntax creation
            && TypeNames.Simple(creation.Type) is "JwtSecurityToken" or "JsonWebToken"
            && creation.ArgumentList?.Arguments.Count == 1);
    }

    private static bool IsFalseOrInitializedFalse(ExpressionSyntax value) =>
        SecurityPatterns.IsFalse(value)
        || (value is IdentifierNameSyntax identifier && SecurityPatterns.IsFalse(SecurityPatterns.InitializerOf(identifier, identifier.Identifier.ValueText)));

    /// <summary>True when the property is the change's own (a settings class of the same name), not the IdentityModel one.</summary>
    private static bool IsOwnProperty(ExpressionSyntax left, SemanticModel model) =>
        model.GetSymbolInfo(left).Symbol is { } symbol
        && symbol is IPropertySymbol or IFieldSymbol
        && symbol.DeclaringSyntaxReferences.Length > 0
        && symbol.ContainingType?.Name != "TokenValidationParameters";
}
