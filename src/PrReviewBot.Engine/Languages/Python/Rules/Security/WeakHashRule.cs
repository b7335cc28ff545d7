using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>MD5 or SHA-1 used without saying it is not for security.</summary>
public sealed class WeakHashRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/weak-hash",
        "Weak hash algorithm (MD5/SHA-1)",
        Category.Security,
        Severity.Warning,
        "MD5 and SHA-1 collisions can be produced cheaply, so they cannot protect integrity, signatures or passwords.",
        "Use `hashlib.sha256` (or `hashlib.scrypt`/`argon2` for passwords); for a non-security checksum pass `usedforsecurity=False`.");

    private static readonly HashSet<string> Weak = new(StringComparer.Ordinal)
    {
        "hashlib.md5", "hashlib.sha1", "Crypto.Hash.MD5.new", "Crypto.Hash.SHA1.new", "Cryptodome.Hash.MD5.new",
        "Cryptodome.Hash.SHA1.new", "Crypto.Hash.MD5", "Crypto.Hash.SHA1", "cryptography.hazmat.primitives.hashes.MD5",
        "cryptography.hazmat.primitives.hashes.SHA1",
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
            if (Weak.Contains(resolved))
            {
                algorithm = resolved.Contains("MD5", StringComparison.OrdinalIgnoreCase) ? "MD5" : "SHA-1";
            }
            else if (resolved is "hashlib.new" && (call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("name")) is { } nameArgument)
            {
                var name = nameArgument.Text.Trim().Trim('"', '\'').ToUpperInvariant();
                algorithm = name switch
                {
                    "MD5" or "MD4" or "MD5-SHA1" => "MD5",
                    "SHA1" or "SHA-1" => "SHA-1",
                    _ => null,
                };
            }

            if (algorithm is not null)
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses {algorithm}, which is broken for security use; use SHA-256 or pass `usedforsecurity=False` for a plain checksum.");
            }
        }
    }
}
