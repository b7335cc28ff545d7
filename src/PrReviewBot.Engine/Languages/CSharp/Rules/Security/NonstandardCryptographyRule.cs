using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Types that implement a cryptographic primitive themselves: they derive from
/// <c>HashAlgorithm</c>, <c>SymmetricAlgorithm</c>, <c>AsymmetricAlgorithm</c>, <c>DeriveBytes</c>,
/// the key-exchange and signature formatters, or implement <c>ICryptoTransform</c> — directly or
/// through another type of the same file that does.
/// </summary>
public sealed class NonstandardCryptographyRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/nonstandard-cryptography",
        "Hand-written cryptographic algorithm",
        Category.Security,
        Severity.Warning,
        "A home-made hash, cipher or transform has not had the years of public analysis the standard algorithms have, and small mistakes (timing leaks, weak padding, reused state) silently remove its protection.",
        "Use the platform's implementations (`SHA256`, `Aes`, `AesGcm`, `RSA`, `ECDsa`, `Rfc2898DeriveBytes.Pbkdf2`) instead of deriving from the cryptography base types.");

    private static readonly HashSet<string> CryptographyBases = new(StringComparer.Ordinal)
    {
        "HashAlgorithm", "KeyedHashAlgorithm", "SymmetricAlgorithm", "AsymmetricAlgorithm", "ICryptoTransform", "DeriveBytes",
        "AsymmetricKeyExchangeDeformatter", "AsymmetricKeyExchangeFormatter", "AsymmetricSignatureDeformatter", "AsymmetricSignatureFormatter",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, [.. CryptographyBases]))
        {
            return;
        }

        var declarations = context.Root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<TypeDeclarationSyntax>()
            .Where(declaration => declaration.BaseList is not null)
            .ToList();
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        bool added;
        do
        {
            // A type deriving from one already found is custom cryptography too; repeat until nothing new turns up.
            added = false;
            foreach (var declaration in declarations)
            {
                var name = declaration.Identifier.ValueText;
                if (custom.ContainsKey(name))
                {
                    continue;
                }

                foreach (var baseType in declaration.BaseList!.Types)
                {
                    var baseName = TypeNames.Simple(baseType.Type);
                    var root = CryptographyBases.Contains(baseName) && !IsDeclaredByChange(baseName, context.Model) ? baseName : custom.GetValueOrDefault(baseName);
                    if (root is not null)
                    {
                        custom[name] = root;
                        added = true;
                        break;
                    }
                }
            }
        }
        while (added);

        foreach (var declaration in declarations)
        {
            if (custom.TryGetValue(declaration.Identifier.ValueText, out var root))
            {
                context.Report(
                    this,
                    declaration.Identifier,
                    $"`{declaration.Identifier.ValueText}` implements its own cryptography on `{root}`; use the platform's vetted algorithms instead of a custom one.");
            }
        }
    }

    /// <summary>True when a type of that name is declared in the reviewed sources (outside the framework's namespace), so the base is not the framework's.</summary>
    private static bool IsDeclaredByChange(string name, SemanticModel model) =>
        model.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Type)
        && model.Compilation.GetSymbolsWithName(name, SymbolFilter.Type).Any(symbol => !SecurityPatterns.IsCryptographyNamespace(symbol.ContainingNamespace));
}
