using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// MD5 and SHA-1 (and the HMACs and BouncyCastle digests built on them), whether created by
/// type, by factory, by algorithm name or chosen through <c>HashAlgorithmName</c>.
/// </summary>
public sealed class WeakHashRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/weak-hash",
        "MD5 or SHA-1 hash",
        Category.Security,
        Severity.Warning,
        "MD5 and SHA-1 collisions can be computed cheaply, so they no longer protect signatures, integrity checks or certificates, and both are far too fast for storing passwords.",
        "Use SHA-256 (`SHA256.HashData`) — or for passwords `Rfc2898DeriveBytes.Pbkdf2` with SHA-256 and ≥ 600,000 iterations.");

    /// <summary>Types whose creation or static factory means a weak hash, with the algorithm they compute.</summary>
    private static readonly Dictionary<string, string> WeakTypes = new(StringComparer.Ordinal)
    {
        ["MD5"] = "MD5",
        ["MD5CryptoServiceProvider"] = "MD5",
        ["MD5Cng"] = "MD5",
        ["HMACMD5"] = "HMAC-MD5",
        ["MD5Digest"] = "MD5",
        ["MD4Digest"] = "MD4",
        ["MD2Digest"] = "MD2",
        ["SHA1"] = "SHA-1",
        ["SHA1Managed"] = "SHA-1",
        ["SHA1CryptoServiceProvider"] = "SHA-1",
        ["SHA1Cng"] = "SHA-1",
        ["HMACSHA1"] = "HMAC-SHA1",
        ["Sha1Digest"] = "SHA-1",
        ["RIPEMD160"] = "RIPEMD-160",
        ["RIPEMD160Managed"] = "RIPEMD-160",
        ["HMACRIPEMD160"] = "HMAC-RIPEMD160",
    };

    /// <summary>Algorithm names accepted by CryptoConfig-style factories.</summary>
    private static readonly Dictionary<string, string> WeakAlgorithmNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MD5"] = "MD5",
        ["MD4"] = "MD4",
        ["MD2"] = "MD2",
        ["MD5CryptoServiceProvider"] = "MD5",
        ["MD5Cng"] = "MD5",
        ["SHA"] = "SHA-1",
        ["SHA1"] = "SHA-1",
        ["SHA-1"] = "SHA-1",
        ["SHA1Managed"] = "SHA-1",
        ["SHA1Cng"] = "SHA-1",
        ["SHA1CryptoServiceProvider"] = "SHA-1",

        // CryptoConfig maps the abstract base class to its default implementation, SHA-1.
        ["HashAlgorithm"] = "SHA-1",
        ["HMACMD5"] = "HMAC-MD5",
        ["HMACSHA1"] = "HMAC-SHA1",
        ["RIPEMD160"] = "RIPEMD-160",
        ["RIPEMD-160"] = "RIPEMD-160",
        ["RIPEMD160Managed"] = "RIPEMD-160",
        ["HMACRIPEMD160"] = "HMAC-RIPEMD160",
    };

    private static readonly HashSet<string> StaticHashMethods = new(StringComparer.Ordinal)
    {
        "Create", "HashData", "HashDataAsync", "TryHashData",
    };

    /// <summary>Factories that take an algorithm name, with the types they are called on.</summary>
    private static readonly HashSet<(string Receiver, string Method)> NamedFactories =
    [
        ("HashAlgorithm", "Create"), ("KeyedHashAlgorithm", "Create"), ("HMAC", "Create"), ("MD5", "Create"), ("SHA1", "Create"),
        ("HMACMD5", "Create"), ("HMACSHA1", "Create"), ("RIPEMD160", "Create"), ("CryptoConfig", "CreateFromName"),
        ("DigestUtilities", "GetDigest"), ("FormsAuthentication", "HashPasswordForStoringInConfigFile"),
    ];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nodes = SecurityPatterns.CandidateNodes(
            context,
            StringComparison.Ordinal,
            "MD5",
            "SHA1",
            "Sha1",
            "MD4",
            "MD2",
            "RIPEMD",
            "HashAlgorithm",
            "HMAC",
            "CryptoConfig",
            "GetDigest",
            "HashPasswordForStoringInConfigFile");
        foreach (var node in nodes)
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation:
                    AnalyzeInvocation(context, invocation, member);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, creation);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create", Parent: ArgumentSyntax } factory
                    when SecurityPatterns.TypeLikeName(factory.Expression) is { } owner && WeakTypes.TryGetValue(owner, out var created) && !SecurityPatterns.IsCryptographyLookAlike(factory.Expression, context.Model):
                    // new Lazy<MD5>(MD5.Create), new Func<SHA1>(SHA1.Create): the factory passed as a method group.
                    context.Report(this, SecurityPatterns.Anchor(factory), $"`{SecurityPatterns.Code(factory)}` is handed over as a factory of {Article(created)} {created} hash; {Consequence(created)}");
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MD5" or "SHA1" } member
                    when SecurityPatterns.TypeLikeName(member.Expression) == "HashAlgorithmName" && !SecurityPatterns.IsOnlyCompared(member):
                    var algorithm = member.Name.Identifier.ValueText == "MD5" ? "MD5" : "SHA-1";
                    SecurityPatterns.ReportWithFix(
                        context,
                        this,
                        SecurityPatterns.Anchor(member),
                        member.Name.Span,
                        "SHA256",
                        $"`{SecurityPatterns.Code(member)}` selects {algorithm}; {Consequence(algorithm)}");
                    break;
            }
        }
    }

    private void AnalyzeInvocation(CSharpRuleContext context, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member)
    {
        var method = member.Name.Identifier.ValueText;
        var receiver = SecurityPatterns.TypeLikeName(member.Expression);
        if (receiver is null)
        {
            return;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (NamedFactories.Contains((receiver, method)) && arguments.Count > 0)
        {
            var nameArgument = method == "HashPasswordForStoringInConfigFile" && arguments.Count > 1 ? arguments[1] : arguments[0];
            if (SecurityPatterns.StringValue(nameArgument.Expression, context.Model) is { } requested
                && WeakAlgorithmNames.TryGetValue(StripNamespace(requested), out var namedAlgorithm))
            {
                var message = $"`{SecurityPatterns.Code(invocation)}` creates {Article(namedAlgorithm)} {namedAlgorithm} hash; {Consequence(namedAlgorithm)}";
                if (nameArgument.Expression is LiteralExpressionSyntax literal && method != "HashPasswordForStoringInConfigFile")
                {
                    var replacement = namedAlgorithm.StartsWith("HMAC", StringComparison.Ordinal) ? "\"HMACSHA256\"" : "\"SHA256\"";
                    SecurityPatterns.ReportWithFix(context, this, SecurityPatterns.Anchor(invocation), literal.Span, replacement, message);
                }
                else
                {
                    context.Report(this, SecurityPatterns.Anchor(invocation), message);
                }

                return;
            }
        }

        if (method == "Create" && arguments.Count == 0 && receiver is "HMAC" or "KeyedHashAlgorithm")
        {
            context.Report(this, SecurityPatterns.Anchor(invocation), $"`{SecurityPatterns.Code(invocation)}` creates the default keyed hash, HMAC-SHA1; {Consequence("HMAC-SHA1")}");
            return;
        }

        if (!StaticHashMethods.Contains(method) || !WeakTypes.TryGetValue(receiver, out var algorithm) || SecurityPatterns.IsCryptographyLookAlike(member.Expression, context.Model))
        {
            return;
        }

        if (method == "Create" && arguments.Count > 0)
        {
            // MD5.Create("SHA256") is a CryptoConfig lookup by name, handled above when the name is weak.
            return;
        }

        var text = $"`{SecurityPatterns.Code(invocation)}` computes {Article(algorithm)} {algorithm} hash; {Consequence(algorithm)}";
        var strong = algorithm.StartsWith("HMAC", StringComparison.Ordinal) ? "HMACSHA256" : "SHA256";
        var edits = new List<(TextSpan, string)> { (NameSpan(member.Expression), strong) };
        var fixable = method != "Create" || (strong == "SHA256" && TryRetypeDeclaration(invocation, strong, edits));
        if (fixable)
        {
            SecurityPatterns.ReportWithFix(context, this, SecurityPatterns.Anchor(invocation), edits, text);
        }
        else
        {
            context.Report(this, SecurityPatterns.Anchor(invocation), text);
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
        string? algorithm = null;
        if (type is not null && WeakTypes.TryGetValue(type, out var known) && !(creation is ObjectCreationExpressionSyntax explicitCreation && SecurityPatterns.IsCryptographyLookAlike(explicitCreation.Type, context.Model)))
        {
            algorithm = known;
        }
        else if (type is not null)
        {
            // A class of the change that derives from MD5 or SHA1 computes that hash.
            algorithm = SecurityPatterns.CryptographyBaseTypes(context.Model, type).Select(WeakTypes.GetValueOrDefault).FirstOrDefault(inherited => inherited is not null);
        }

        if (algorithm is null || type is null)
        {
            return;
        }

        var message = $"`{SecurityPatterns.Code(creation)}` computes {Article(algorithm)} {algorithm} hash; {Consequence(algorithm)}";
        var isHmac = algorithm.StartsWith("HMAC", StringComparison.Ordinal);
        var isFramework = !type.EndsWith("Digest", StringComparison.Ordinal) && WeakTypes.ContainsKey(type);
        if (isFramework && creation is ObjectCreationExpressionSyntax { Initializer: null } simple && (isHmac || simple.ArgumentList is null or { Arguments.Count: 0 }))
        {
            var strong = isHmac ? "HMACSHA256" : "SHA256";
            var edits = new List<(TextSpan, string)> { isHmac ? (simple.Type.Span, strong) : (simple.Span, "SHA256.Create()") };
            if (TryRetypeDeclaration(creation, strong, edits))
            {
                SecurityPatterns.ReportWithFix(context, this, SecurityPatterns.Anchor(creation), edits, message);
                return;
            }
        }

        context.Report(this, SecurityPatterns.Anchor(creation), message);
    }

    /// <summary>
    /// Adds the edit that keeps the declaration compiling after the algorithm changes; false when
    /// the declared type would not accept the stronger algorithm.
    /// </summary>
    private static bool TryRetypeDeclaration(ExpressionSyntax value, string strong, List<(TextSpan, string)> edits)
    {
        var declared = SecurityPatterns.DeclaredType(value);
        if (declared is null)
        {
            // An assignment may target a field typed MD5; anywhere else a HashAlgorithm fits.
            return SecurityPatterns.ValueParent(value, out _) is not AssignmentExpressionSyntax;
        }

        if (declared.IsVar)
        {
            return true;
        }

        var name = TypeNames.Simple(declared);
        if (name is "HashAlgorithm" || (name is "KeyedHashAlgorithm" or "HMAC" && strong == "HMACSHA256"))
        {
            return true;
        }

        if (WeakTypes.ContainsKey(name))
        {
            edits.Add((NameSpan(declared), strong));
            return true;
        }

        return false;
    }

    private static TextSpan NameSpan(SyntaxNode node) => node switch
    {
        MemberAccessExpressionSyntax member => member.Name.Span,
        QualifiedNameSyntax qualified => qualified.Right.Span,
        AliasQualifiedNameSyntax alias => alias.Name.Span,
        _ => node.Span,
    };

    private static string StripNamespace(string name)
    {
        const string Namespace = "System.Security.Cryptography.";
        return name.StartsWith(Namespace, StringComparison.Ordinal) ? name[Namespace.Length..] : name.Trim();
    }

    private static string Article(string algorithm) => algorithm.StartsWith("HMAC", StringComparison.Ordinal) || algorithm.StartsWith("MD", StringComparison.Ordinal) ? "an" : "a";

    private static string Consequence(string algorithm) => algorithm switch
    {
        "HMAC-MD5" or "HMAC-SHA1" or "HMAC-RIPEMD160" => "the underlying hash is deprecated, so new code should authenticate with HMAC-SHA256.",
        "RIPEMD-160" => "RIPEMD-160 is a legacy 160-bit hash with a small security margin that current guidance no longer accepts.",
        "SHA-1" => "SHA-1 collisions are practical, so it must not protect signatures, integrity checks or passwords.",
        _ => $"{algorithm} collisions can be produced in seconds, so it must not protect signatures, integrity checks or passwords.",
    };
}
