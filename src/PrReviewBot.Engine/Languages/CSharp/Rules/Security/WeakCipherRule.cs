using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Broken or obsolete ciphers (DES, 3DES, RC2, RC4, Blowfish), ECB mode in any form, the unauthenticated
/// OFB, CFB and CTS modes (CBC is left alone: with an HMAC it is the documented alternative), and RSA
/// encryption with PKCS#1 v1.5 padding.
/// </summary>
public sealed class WeakCipherRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/weak-cipher",
        "Weak cipher, ECB mode or PKCS#1 v1.5 encryption padding",
        Category.Security,
        Severity.Error,
        "DES keys can be brute-forced, 3DES and RC2 have 64-bit blocks open to Sweet32-style collision attacks, ECB leaks plaintext patterns, and RSA PKCS#1 v1.5 encryption is open to padding-oracle attacks.",
        "Use AES-GCM (`AesGcm`) or `Aes.Create()` with CBC plus an HMAC, a random IV per message, and `RSAEncryptionPadding.OaepSHA256` for RSA.");

    private static readonly Dictionary<string, string> WeakCipherTypes = new(StringComparer.Ordinal)
    {
        ["DES"] = "DES",
        ["DESCryptoServiceProvider"] = "DES",
        ["TripleDES"] = "3DES",
        ["TripleDESCryptoServiceProvider"] = "3DES",
        ["TripleDESCng"] = "3DES",
        ["RC2"] = "RC2",
        ["RC2CryptoServiceProvider"] = "RC2",
        ["DesEngine"] = "DES",
        ["DesEdeEngine"] = "3DES",
        ["RC2Engine"] = "RC2",
        ["RC4Engine"] = "RC4",
        ["BlowfishEngine"] = "Blowfish",
    };

    private static readonly Dictionary<string, string> WeakCipherNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DES"] = "DES",
        ["TripleDES"] = "3DES",
        ["3DES"] = "3DES",
        ["Triple DES"] = "3DES",
        ["DESede"] = "3DES",
        ["RC2"] = "RC2",
        ["RC4"] = "RC4",
        ["ARCFOUR"] = "RC4",
        ["Blowfish"] = "Blowfish",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A class derived from a weak cipher is created by its own name, which the words need not match: its head is
        // searched wherever it is declared, so new code that creates an old class is judged.
        List<TextSpan> derivedHeads = context.AnalyzesWholeFile
            ? []
            : [.. context.Root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<TypeDeclarationSyntax>()
                .Where(DerivesFromWeakCipher)
                .Select(ChangedRegions.Head)];
        var nodes = SecurityPatterns.CandidateNodes(
            context,
            derivedHeads,
            StringComparison.Ordinal,
            "DES",
            "Des",
            "RC2",
            "RC4",
            "ECB",
            "Ecb",
            "OFB",
            "CFB",
            "CTS",
            "Blowfish",
            "AesFastEngine",
            "Pkcs1",
            "PKCS1",
            "GetCipher",
            "CreateFromName",
            "Encrypt");
        var creations = new HashSet<BaseObjectCreationExpressionSyntax>();
        foreach (var node in nodes.ToList())
        {
            switch (node)
            {
                case TypeDeclarationSyntax type when DerivesFromWeakCipher(type):
                    // Creations of a class derived from DES, TripleDES or RC2 are found through its name.
                    foreach (var use in SecurityPatterns.IdentifiersIn(context, context.Root, type.Identifier.ValueText))
                    {
                        if (use.Parent?.Parent is BaseObjectCreationExpressionSyntax derived && creations.Add(derived))
                        {
                            AnalyzeCreation(context, derived);
                        }
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when creations.Add(creation):
                    AnalyzeCreation(context, creation);
                    break;
                case InvocationExpressionSyntax invocation:
                    AnalyzeInvocation(context, invocation);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ECB" or "OFB" or "CFB" or "CTS" } member
                    when IsCipherMode(member.Expression) && !SecurityPatterns.IsOnlyCompared(member):
                    ReportMode(context, member, member.Name.Identifier.ValueText);
                    break;
                case IdentifierNameSyntax { Identifier.ValueText: "ECB" or "OFB" or "CFB" or "CTS" } imported
                    when imported.Parent is not MemberAccessExpressionSyntax && ImportsCipherModeStatically(context) && !SecurityPatterns.IsOnlyCompared(imported):
                    // using static System.Security.Cryptography.CipherMode;
                    ReportMode(context, imported, imported.Identifier.ValueText);
                    break;
            }
        }
    }

    private static bool DerivesFromWeakCipher(TypeDeclarationSyntax type) =>
        type.BaseList is { } bases && bases.Types.Any(baseType => WeakCipherTypes.ContainsKey(TypeNames.Simple(baseType.Type)));

    private void ReportMode(CSharpRuleContext context, ExpressionSyntax mode, string name)
    {
        var message = name == "ECB"
            ? $"`{SecurityPatterns.Code(mode)}` selects ECB, which encrypts every block independently, so equal plaintext blocks give equal ciphertext blocks and the data's structure shows through."
            : $"`{SecurityPatterns.Code(mode)}` selects {name}, a mode with no integrity check that .NET's AES implementations do not even all support; an attacker can alter the ciphertext undetected. Use AES-GCM (`AesGcm`), or CBC with an HMAC over the ciphertext.";
        context.Report(this, SecurityPatterns.Anchor(mode), message);
    }

    /// <summary><c>CipherMode</c>, or an alias of it (<c>using CM = System.Security.Cryptography.CipherMode;</c>).</summary>
    private static bool IsCipherMode(ExpressionSyntax type) =>
        SecurityPatterns.TypeLikeName(type) == "CipherMode" || (type is IdentifierNameSyntax alias && TypeNames.AliasTarget(alias) == "CipherMode");

    /// <summary>How many lines below a formatter's creation the call that exchanges the key with it may be.</summary>
    private const int ExchangeReach = 10;

    /// <summary>
    /// The <c>CreateKeyExchange</c> or <c>DecryptKeyExchange</c> call on the formatter a declaration creates, a few
    /// lines down: the finding covers the line that encrypts or decrypts too.
    /// </summary>
    private static InvocationExpressionSyntax? KeyExchangeCall(CSharpRuleContext context, SyntaxNode anchor)
    {
        if (anchor is not VariableDeclaratorSyntax { Identifier.ValueText: var variable })
        {
            return null;
        }

        var line = context.LineOf(anchor.Span.End);
        return SecurityPatterns.Scope(anchor).DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(invocation => invocation.SpanStart > anchor.Span.End && context.LineOf(invocation.SpanStart) - line <= ExchangeReach)
            .FirstOrDefault(invocation => TypeNames.InvokedName(invocation) is "CreateKeyExchange" or "DecryptKeyExchange"
                && SecurityPatterns.SimpleName(TypeNames.Receiver(invocation)) == variable);
    }

    private static bool ImportsCipherModeStatically(CSharpRuleContext context) =>
        context.Root.Usings.Any(directive => directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && directive.NamespaceOrType.ToString().EndsWith("CipherMode", StringComparison.Ordinal));

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
        if (type is null)
        {
            return;
        }

        if (type is "RSAPKCS1KeyExchangeFormatter" or "RSAPKCS1KeyExchangeDeformatter")
        {
            var anchor = SecurityPatterns.Anchor(creation);
            var exchange = KeyExchangeCall(context, anchor);
            context.Report(
                this,
                exchange is null ? anchor.Span : TextSpan.FromBounds(anchor.SpanStart, exchange.Span.End),
                $"`{SecurityPatterns.Code(creation)}` exchanges keys with RSA PKCS#1 v1.5 padding, which is open to padding-oracle (Bleichenbacher) attacks; use RSAOAEPKeyExchangeFormatter.");
            return;
        }

        if (type == "AesFastEngine")
        {
            context.Report(this, SecurityPatterns.Anchor(creation), $"`{SecurityPatterns.Code(creation)}` uses BouncyCastle's table-based AES, which leaks key bits through cache timing; use AesEngine.");
            return;
        }

        var algorithm = WeakCipherTypes.GetValueOrDefault(type)
            ?? SecurityPatterns.CryptographyBaseTypes(context.Model, type).Select(WeakCipherTypes.GetValueOrDefault).FirstOrDefault(inherited => inherited is not null);
        if (algorithm is not null)
        {
            context.Report(this, SecurityPatterns.Anchor(creation), $"`{SecurityPatterns.Code(creation)}` encrypts with {algorithm}, {Weakness(algorithm)}");
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        var method = TypeNames.InvokedName(invocation);
        var arguments = invocation.ArgumentList.Arguments;
        switch (method)
        {
            case "EncryptEcb" or "DecryptEcb":
                context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` uses ECB mode, which encrypts every block independently so equal plaintext blocks give equal ciphertext blocks.");
                return;
            case "Create" when invocation.Expression is MemberAccessExpressionSyntax member && SecurityPatterns.TypeLikeName(member.Expression) is { } receiver:
                if (WeakCipherTypes.TryGetValue(receiver, out var algorithm) && !SecurityPatterns.IsCryptographyLookAlike(member.Expression, context.Model))
                {
                    context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` creates a {algorithm} cipher, {Weakness(algorithm)}");
                }
                else if (receiver is "SymmetricAlgorithm" && NamedCipher(arguments, context.Model) is { } named)
                {
                    context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` creates a {named} cipher, {Weakness(named)}");
                }

                return;
            case "CreateFromName" when invocation.Expression is MemberAccessExpressionSyntax { Expression: var config } && SecurityPatterns.TypeLikeName(config) == "CryptoConfig"
                && NamedCipher(arguments, context.Model) is { } configured:
                context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` creates a {configured} cipher, {Weakness(configured)}");
                return;
            case "GetCipher" when arguments.Count > 0
                && invocation.Expression is MemberAccessExpressionSyntax { Expression: var utilities } && SecurityPatterns.TypeLikeName(utilities) == "CipherUtilities"
                && SecurityPatterns.StringValue(arguments[0].Expression, context.Model) is { } transformation:
                AnalyzeTransformation(context, invocation, transformation);
                return;
            case "Encrypt" or "Decrypt" or "TryEncrypt" or "TryDecrypt" when arguments.Count >= 2:
                var padding = arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText is "fOAEP" or "padding")
                    ?? arguments.FirstOrDefault(argument => argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pkcs1" })
                    ?? (arguments.Count == 2 ? arguments[1] : null);
                if (padding is not null)
                {
                    AnalyzeRsaPadding(context, invocation, padding);
                }

                return;
        }
    }

    /// <summary>BouncyCastle transformation strings: <c>"DESede/CBC/PKCS5Padding"</c>, <c>"AES/ECB/NoPadding"</c>.</summary>
    private void AnalyzeTransformation(CSharpRuleContext context, InvocationExpressionSyntax invocation, string transformation)
    {
        var parts = transformation.Split('/');
        if (WeakCipherNames.TryGetValue(parts[0], out var algorithm))
        {
            context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` encrypts with {algorithm}, {Weakness(algorithm)}");
        }
        else if (parts.Length > 1 && string.Equals(parts[1], "ECB", StringComparison.OrdinalIgnoreCase))
        {
            context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` uses ECB mode, which encrypts every block independently so equal plaintext blocks give equal ciphertext blocks.");
        }
    }

    /// <summary><c>rsa.Encrypt(data, false)</c> on RSACryptoServiceProvider, or any <c>Encrypt(data, RSAEncryptionPadding.Pkcs1)</c>.</summary>
    private void AnalyzeRsaPadding(CSharpRuleContext context, InvocationExpressionSyntax invocation, ArgumentSyntax padding)
    {
        var usesPkcs1 = padding.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Pkcs1" } member
            && SecurityPatterns.TypeLikeName(member.Expression) == "RSAEncryptionPadding";
        var encrypts = TypeNames.InvokedName(invocation) is "Encrypt" or "TryEncrypt";
        var oaepOff = encrypts && SecurityPatterns.IsFalse(padding.Expression)
            || (encrypts && padding.Expression is IdentifierNameSyntax flag && SecurityPatterns.IsFalse(SecurityPatterns.InitializerOf(flag, flag.Identifier.ValueText)));
        if (!usesPkcs1 && oaepOff && TypeNames.Receiver(invocation) is { } receiver)
        {
            var type = TypeNames.Of(receiver, context.Model);
            usesPkcs1 = type == "RSACryptoServiceProvider"
                || (type is null && SecurityPatterns.SimpleName(receiver) is { } name && name.Contains("rsa", StringComparison.OrdinalIgnoreCase));
        }

        if (usesPkcs1)
        {
            context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` uses RSA PKCS#1 v1.5 encryption padding, which is open to padding-oracle (Bleichenbacher) attacks.");
        }
    }

    private static string? NamedCipher(SeparatedSyntaxList<ArgumentSyntax> arguments, SemanticModel model)
    {
        if (arguments.Count == 0 || SecurityPatterns.StringValue(arguments[0].Expression, model) is not { } name)
        {
            return null;
        }

        const string Namespace = "System.Security.Cryptography.";
        var simple = name.StartsWith(Namespace, StringComparison.Ordinal) ? name[Namespace.Length..] : name;
        return WeakCipherNames.GetValueOrDefault(simple) ?? WeakCipherTypes.GetValueOrDefault(simple);
    }

    private static string Weakness(string algorithm) => algorithm switch
    {
        "DES" => "whose 56-bit key is brute-forced in hours.",
        "3DES" => "a deprecated cipher whose 64-bit block makes long sessions open to collision attacks (Sweet32).",
        "RC2" => "an obsolete cipher with weak key scheduling and a 64-bit block.",
        "RC4" => "a stream cipher with biased output that is banned from TLS.",
        _ => "a cipher with a 64-bit block that is open to collision attacks on long sessions.",
    };
}
