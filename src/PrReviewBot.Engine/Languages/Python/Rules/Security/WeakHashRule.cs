using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>MD2, MD4, MD5 or SHA-1 (hashlib, PyCryptodome/PyCrypto, <c>cryptography</c>, Python 2's md5/sha modules) used without saying it is not for security.</summary>
public sealed class WeakHashRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/weak-hash",
        "Weak hash algorithm (MD5/SHA-1)",
        Category.Security,
        Severity.Warning,
        "MD5 and SHA-1 collisions can be produced cheaply, so they cannot protect integrity, signatures or passwords.",
        "Use `hashlib.sha256` (or `hashlib.scrypt`/`argon2` for passwords); for a non-security checksum pass `usedforsecurity=False`.");

    private static readonly Dictionary<string, string> Weak = new(StringComparer.Ordinal)
    {
        ["hashlib.md5"] = "MD5", ["hashlib.sha1"] = "SHA-1", ["cryptography.hazmat.primitives.hashes.MD5"] = "MD5",
        ["cryptography.hazmat.primitives.hashes.SHA1"] = "SHA-1", ["md5.new"] = "MD5", ["md5.md5"] = "MD5", ["sha.new"] = "SHA-1", ["sha.sha"] = "SHA-1",
    };

    /// <summary>PyCryptodome/PyCrypto modules under <c>Crypto.Hash</c> (<c>SHA</c> is PyCrypto's name for SHA-1).</summary>
    private static readonly Dictionary<string, string> CryptoHashes = new(StringComparer.Ordinal)
    {
        ["MD2"] = "MD2", ["MD4"] = "MD4", ["MD5"] = "MD5", ["SHA"] = "SHA-1", ["SHA1"] = "SHA-1",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (PythonSecurityHelpers.IsFalse(call.Keyword("usedforsecurity")))
            {
                continue;
            }

            var resolved = PythonSecurityHelpers.Resolved(module, call);
            string? algorithm = null;
            var parts = resolved.Split('.');
            if (Weak.TryGetValue(resolved, out var weak))
            {
                algorithm = weak;
            }
            else if (parts is [("Crypto" or "Cryptodome"), "Hash", var hashModule, .. var rest] && rest is [] or ["new"] && CryptoHashes.TryGetValue(hashModule, out var cryptoHash))
            {
                algorithm = cryptoHash;
            }
            else if (resolved is "hashlib.new" && (call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("name")) is { } nameArgument)
            {
                var name = nameArgument.Text.Trim().Trim('"', '\'').ToUpperInvariant();
                algorithm = name switch
                {
                    "MD5" or "MD5-SHA1" => "MD5",
                    "MD4" => "MD4",
                    "MD2" => "MD2",
                    "SHA1" or "SHA-1" or "SHA" => "SHA-1",
                    _ => null,
                };
            }

            if (algorithm is not null)
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses {algorithm}, which is broken for security use; use SHA-256 (`hashlib.sha256`, `SHA256.new`, `hashes.SHA256()`), or for a plain checksum with hashlib pass `usedforsecurity=False`.");
            }
        }
    }
}
