using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// RSA, DSA and Diffie-Hellman keys shorter than 2048 bits, the 1024-bit default of the CSP
/// providers, and elliptic curves under 224 bits.
/// </summary>
public sealed class WeakRsaKeyRule : CSharpRule
{
    private const int MinimumBits = 2048;

    private static readonly RuleDescriptor Rule = new(
        "cs/weak-rsa-key",
        "RSA, DSA or elliptic-curve key that is too short",
        Category.Security,
        Severity.Error,
        "RSA and DSA keys under 2048 bits (and curves under 224 bits) are within reach of well-funded attackers; NIST has disallowed them for signatures and key exchange since 2013.",
        "Use at least 2048-bit RSA (`RSA.Create(3072)` for data that must stay secret beyond 2030) and curves such as P-256 or P-384.");

    /// <summary>Types whose constructor takes the key size first, with the algorithm's name for messages.</summary>
    private static readonly Dictionary<string, string> SizedTypes = new(StringComparer.Ordinal)
    {
        ["RSACryptoServiceProvider"] = "RSA",
        ["RSACng"] = "RSA",
        ["RSAOpenSsl"] = "RSA",
        ["DSACryptoServiceProvider"] = "DSA",
        ["DSACng"] = "DSA",
        ["DSAOpenSsl"] = "DSA",
    };

    /// <summary>Variable types whose <c>KeySize</c> setter chooses an RSA or DSA key length: the sized types and their abstract bases.</summary>
    private static readonly Dictionary<string, string> KeySizeOwners = new(SizedTypes, StringComparer.Ordinal)
    {
        ["RSA"] = "RSA",
        ["DSA"] = "DSA",
    };

    /// <summary>Calls after which the key comes from elsewhere, so the constructor's default size never matters.</summary>
    private static readonly HashSet<string> KeyImports = new(StringComparer.Ordinal)
    {
        "FromXmlString", "ImportParameters", "ImportCspBlob", "ImportRSAPublicKey", "ImportRSAPrivateKey",
        "ImportSubjectPublicKeyInfo", "ImportPkcs8PrivateKey", "ImportEncryptedPkcs8PrivateKey", "ImportFromPem", "ImportFromEncryptedPem",
    };

    private static readonly string[] CurvePrefixes = ["secp", "sect", "prime", "c2pnb", "c2tnb", "brainpoolp", "p-", "k-", "b-"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = SecurityPatterns.CandidateNodes(
            context,
            StringComparison.Ordinal,
            "RSA",
            "DSA",
            "Rsa",
            "Dsa",
            "KeySize",
            "NamedCurves",
            "GetByName",
            "CreateFromFriendlyName",
            "KeyGenerationParameters",
            "ParametersGenerator");
        foreach (var node in nodes)
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, creation);
                    break;
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
                case AssignmentExpressionSyntax { Left: var left } assignment when SecurityPatterns.SimpleName(left) == "KeySize":
                    AnalyzeKeySize(context, assignment);
                    break;
                case MemberAccessExpressionSyntax member when SecurityPatterns.TypeLikeName(member.Expression) == "NamedCurves"
                    && CurveBits(member.Name.Identifier.ValueText) is { } bits && bits < 224:
                    context.Report(this, SecurityPatterns.Anchor(member), $"`{SecurityPatterns.Code(member)}` is a {bits}-bit curve; curves under 224 bits no longer give enough security margin.");
                    break;
            }
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
        if (type is null)
        {
            return;
        }

        var arguments = creation.ArgumentList?.Arguments ?? default;
        if (type is "RsaKeyGenerationParameters" && arguments.Count >= 3)
        {
            ReportIfShort(context, arguments[2].Expression, creation, "RSA");
            return;
        }

        if (type is "DsaParametersGenerator" or "DHParametersGenerator")
        {
            AnalyzeGeneratorInit(context, creation, type.StartsWith("Dsa", StringComparison.Ordinal) ? "DSA" : "Diffie-Hellman");
            return;
        }

        if (type is "KeyGenerationParameters" && arguments.Count == 2 && SecurityPatterns.IntValue(arguments[1].Expression, context.Model) is > 571 and < MinimumBits)
        {
            // Sizes up to 571 are elliptic-curve sizes; 768, 1024 or 1536 only make sense for RSA, DSA or DH.
            ReportIfShort(context, arguments[1].Expression, creation, "RSA");
            return;
        }

        if (!SizedTypes.TryGetValue(type, out var algorithm))
        {
            return;
        }

        if (type == "DSACryptoServiceProvider" && arguments.Count > 0 && SecurityPatterns.IntValue(arguments[0].Expression, context.Model) is > 1024)
        {
            context.Report(this, SecurityPatterns.Anchor(creation), $"`{SecurityPatterns.Code(creation)}` asks DSACryptoServiceProvider for more than 1,024 bits, which it does not support; the only keys it makes are 1,024-bit, which is too short. Use `DSA.Create(2048)` or ECDSA.");
            return;
        }

        if (arguments.Count > 0 && SecurityPatterns.IntValue(arguments[0].Expression, context.Model) is not null)
        {
            ReportIfShort(context, arguments[0].Expression, creation, algorithm);
            return;
        }

        var takesSize = arguments.Count > 0 && context.Model.GetTypeInfo(arguments[0].Expression).Type?.SpecialType == SpecialType.System_Int32;
        if (!type.EndsWith("CryptoServiceProvider", StringComparison.Ordinal) || takesSize || SetsKeySizeOrImportsKey(creation))
        {
            // The CNG and OpenSSL classes default to 2048 bits; a size from a variable is not ours to judge.
            return;
        }

        var message = $"`{SecurityPatterns.Code(creation)}` creates a 1,024-bit {algorithm} key: without a size the CSP provider uses its 1024-bit default, which is too short.";
        if (algorithm == "RSA" && creation.ArgumentList is { Arguments.Count: 0 } emptyArguments && creation.Initializer is null)
        {
            SecurityPatterns.ReportWithFix(context, this, SecurityPatterns.Anchor(creation), emptyArguments.Span, "(2048)", message);
        }
        else
        {
            context.Report(this, SecurityPatterns.Anchor(creation), message);
        }
    }

    /// <summary><c>generator.Init(1024, certainty, random)</c> on a BouncyCastle DSA or DH parameters generator created here.</summary>
    private void AnalyzeGeneratorInit(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation, string algorithm)
    {
        if (SecurityPatterns.ValueParent(creation, out _) is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            return;
        }

        foreach (var use in SecurityPatterns.IdentifiersIn(context, SecurityPatterns.Scope(creation), declarator.Identifier.ValueText))
        {
            if (use.Parent?.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Init", Parent: InvocationExpressionSyntax { ArgumentList.Arguments: [var size, ..] } init })
            {
                ReportIfShort(context, size.Expression, init, algorithm);
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var method = TypeNames.InvokedName(invocation);
        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count == 0 || invocation.Expression is not MemberAccessExpressionSyntax member)
        {
            return;
        }

        var receiver = SecurityPatterns.TypeLikeName(member.Expression);
        switch (method)
        {
            case "Create" when receiver is "RSA" or "DSA" && arguments.Count == 1:
                ReportIfShort(context, arguments[0].Expression, invocation, receiver);
                break;
            case "GetByName" or "CreateFromFriendlyName" when SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } curve
                && CurveBits(curve) is { } bits && bits < 224:
                context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` selects a {bits}-bit curve; curves under 224 bits no longer give enough security margin.");
                break;
        }
    }

    private void AnalyzeKeySize(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        string? algorithm = null;
        if (assignment.Left is MemberAccessExpressionSyntax { Expression: var receiver } && receiver is not ThisExpressionSyntax)
        {
            var type = TypeNames.Of(receiver, context.Model);
            algorithm = type is not null ? KeySizeOwners.GetValueOrDefault(type) : NameHint(receiver);
        }
        else if (assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation })
        {
            var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
            algorithm = type is not null ? KeySizeOwners.GetValueOrDefault(type) : null;
        }
        else if (assignment.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.BaseList is { } bases)
        {
            // `this.KeySize = 1024` or `KeySize = 1024` inside a class derived from RSA or DSA.
            algorithm = bases.Types.Select(baseType => KeySizeOwners.GetValueOrDefault(TypeNames.Simple(baseType.Type))).FirstOrDefault(owner => owner is not null);
        }

        if (algorithm is not null)
        {
            ReportIfShort(context, assignment.Right, assignment, algorithm);
        }
    }

    private void ReportIfShort(CSharpRuleContext context, ExpressionSyntax size, SyntaxNode offending, string algorithm)
    {
        if (SecurityPatterns.IntValue(size, context.Model) is not { } bits || bits >= MinimumBits || bits <= 0)
        {
            return;
        }

        var anchor = offending is ExpressionSyntax expression ? SecurityPatterns.Anchor(expression) : offending;
        var message = $"`{SecurityPatterns.Code(offending)}` uses a {SecurityPatterns.Number(bits)}-bit {algorithm} key; keys under 2,048 bits are too short to resist factoring by well-funded attackers.";
        if (size is LiteralExpressionSyntax literal)
        {
            SecurityPatterns.ReportWithFix(context, this, anchor, literal.Span, MinimumBits.ToString(CultureInfo.InvariantCulture), message);
        }
        else
        {
            context.Report(this, anchor, message);
        }
    }

    /// <summary>True when the created key is sized or replaced right away: an initializer sets KeySize, or the variable imports a key.</summary>
    private static bool SetsKeySizeOrImportsKey(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation.Initializer?.Expressions.Any(expression => expression is AssignmentExpressionSyntax assignment && SecurityPatterns.SimpleName(assignment.Left) == "KeySize") == true)
        {
            return true;
        }

        var variable = SecurityPatterns.ValueParent(creation, out _) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        if (variable is null)
        {
            // `new RSACryptoServiceProvider().FromXmlString(key)` style chains.
            return creation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var chained } && KeyImports.Contains(chained);
        }

        return SecurityPatterns.Scope(creation).DescendantNodes().OfType<InvocationExpressionSyntax>().Any(invocation =>
            TypeNames.InvokedName(invocation) is { } name && KeyImports.Contains(name)
            && TypeNames.Receiver(invocation) is { } receiver && SecurityPatterns.SimpleName(receiver) == variable);
    }

    private static string? NameHint(ExpressionSyntax receiver)
    {
        var name = SecurityPatterns.SimpleName(receiver);
        if (name is null)
        {
            return null;
        }

        var words = IdentifierWords.Lower(name);
        return words.Contains("rsa") ? "RSA" : words.Contains("dsa") ? "DSA" : null;
    }

    /// <summary>The size of a named curve from its name: <c>brainpoolP160r1</c> → 160, <c>P-192</c> → 192; null for other names.</summary>
    private static int? CurveBits(string name)
    {
        var lower = name.ToLowerInvariant();
        var prefix = CurvePrefixes.FirstOrDefault(candidate => lower.StartsWith(candidate, StringComparison.Ordinal));
        if (prefix is null)
        {
            return null;
        }

        var digits = lower[prefix.Length..].TakeWhile(char.IsAsciiDigit).ToArray();
        return digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : null;
    }
}
