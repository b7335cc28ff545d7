using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>MD2, MD4, MD5 or SHA-1 (hashlib, PyCryptodome/PyCrypto, <c>cryptography</c>, Python 2's md5/sha modules) used without saying it is not for security.</summary>
public sealed class WeakHashRule : PythonRule
{
    /// <summary>The most characters a cut digest may keep and still be an identifier rather than a digest.</summary>
    private const int MaxTruncatedLength = 16;

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

    /// <summary>Django's <c>make_password(..., hasher="md5")</c> or Werkzeug's <c>generate_password_hash(..., method="sha1")</c>: one fast hash per password.</summary>
    private static string? WeakPasswordHash(PythonModule module, string resolved, PythonCall call)
    {
        var (argument, strong) = resolved switch
        {
            "django.contrib.auth.hashers.make_password" or "make_password" => (call.Keyword("hasher"), (Func<string, bool>)(name => name is "default" or "pbkdf2_sha256" or "pbkdf2_sha1" or "argon2" or "bcrypt" or "bcrypt_sha256" or "scrypt")),
            "werkzeug.security.generate_password_hash" or "werkzeug.generate_password_hash" or "generate_password_hash" => (call.Keyword("method") ?? (call.Positional.Count > 1 ? call.Positional[1] : null), name => name.StartsWith("pbkdf2", StringComparison.Ordinal) || name.StartsWith("scrypt", StringComparison.Ordinal) || name.StartsWith("argon2", StringComparison.Ordinal)),
            _ => (null, _ => true),
        };
        if (PythonSecurityHelpers.StringValue(module, argument) is not { } value)
        {
            return null;
        }

        var name = value.ToLowerInvariant();
        return strong(name) ? null : $"`{call.Callee}` hashes passwords with `{name}`, a single fast hash that GPUs reverse at billions of guesses a second; use the default (PBKDF2), `scrypt` or Argon2.";
    }

    /// <summary><c>hashlib.sha1(x).hexdigest()[:8]</c>: a short identifier or cache key, which no attack on the hash can exploit. A slice that keeps more, or an unknown length, is still a digest.</summary>
    private static bool IsTruncated(PythonModule module, PythonCall call)
    {
        var tokens = module.Tokens;
        var index = call.LastToken + 1;
        if (call.LastToken < 0)
        {
            return false;
        }

        if (index + 3 < tokens.Count && tokens[index].IsOp(".") && (tokens[index + 1].IsName("hexdigest") || tokens[index + 1].IsName("digest"))
            && tokens[index + 2].IsOp("(") && tokens[index + 3].IsOp(")"))
        {
            index += 4;
        }

        if (index >= tokens.Count || !tokens[index].IsOp("["))
        {
            return false;
        }

        // The slice's bounds, split at top-level colons: [:8], [0:5], [-6:].
        var bounds = new List<List<PythonToken>> { new() };
        var depth = 0;
        for (var inner = index + 1; inner < tokens.Count; inner++)
        {
            var token = tokens[inner];
            if (token.Kind is PythonTokenKind.NonLogicalNewline or PythonTokenKind.Comment)
            {
                continue;
            }

            if (depth == 0 && token.IsOp("]"))
            {
                return bounds.Count == 2 && KeepsAtMost(Bound(bounds[0]), Bound(bounds[1]), bounds[0].Count == 0, bounds[1].Count == 0, MaxTruncatedLength);
            }

            depth += token.IsOp("(") || token.IsOp("[") || token.IsOp("{") ? 1 : token.IsOp(")") || token.IsOp("]") || token.IsOp("}") ? -1 : 0;
            if (depth == 0 && token.IsOp(":"))
            {
                bounds.Add([]);
            }
            else if (depth == 0 && token.IsOp(","))
            {
                return false;
            }
            else
            {
                bounds[^1].Add(token);
            }
        }

        return false;
    }

    /// <summary>An integer slice bound written as a literal (<c>8</c>, <c>-6</c>), or null for anything else.</summary>
    private static long? Bound(List<PythonToken> tokens)
    {
        var negative = tokens is [{ } sign, _] && sign.IsOp("-");
        var number = tokens.Count == (negative ? 2 : 1) ? tokens[^1] : null;
        return number is { Kind: PythonTokenKind.Number } && long.TryParse(number.Text.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? negative ? -value : value
            : null;
    }

    /// <summary>True when a slice with these literal bounds keeps between 1 and <paramref name="limit"/> characters of any digest.</summary>
    private static bool KeepsAtMost(long? lower, long? upper, bool noLower, bool noUpper, int limit) => (noLower, noUpper) switch
    {
        (true, false) => upper is > 0 && upper <= limit,
        (false, true) => lower is < 0 && lower >= -limit,
        (false, false) => lower is >= 0 && upper is { } end && end > lower && end - lower <= limit,
        _ => false,
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (resolved.StartsWith("hashlib.", StringComparison.Ordinal) && PythonSecurityHelpers.IsFalse(module, call.Keyword("usedforsecurity")))
            {
                continue;
            }

            if (WeakPasswordHash(module, resolved, call) is { } passwordMessage && !IsTruncated(module, call))
            {
                context.Report(this, call.Line, call.Line, passwordMessage);
                continue;
            }

            string? algorithm = null;
            if (Weak.TryGetValue(resolved, out var weak))
            {
                algorithm = weak;
            }
            else if (resolved.StartsWith("Crypto", StringComparison.Ordinal) && resolved.Split('.') is [("Crypto" or "Cryptodome"), "Hash", var hashModule, .. var rest] && rest is [] or ["new"] && CryptoHashes.TryGetValue(hashModule, out var cryptoHash))
            {
                algorithm = cryptoHash;
            }
            else if (resolved is "hashlib.new" && (call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("name")) is { } nameArgument
                && module.Values.ConstantString(module.Values.Of(nameArgument), call.Scope) is { } constantName)
            {
                var name = constantName.ToUpperInvariant();
                algorithm = name switch
                {
                    "MD5" or "MD5-SHA1" => "MD5",
                    "MD4" => "MD4",
                    "MD2" => "MD2",
                    "SHA1" or "SHA-1" or "SHA" => "SHA-1",
                    _ => null,
                };
            }

            if (algorithm is not null && !IsTruncated(module, call))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` uses {algorithm}, which is broken for security use; use SHA-256 (`hashlib.sha256`, `SHA256.new`, `hashes.SHA256()`), or for a plain checksum with hashlib pass `usedforsecurity=False`.");
            }
        }
    }
}
