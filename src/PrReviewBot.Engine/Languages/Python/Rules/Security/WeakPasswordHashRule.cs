using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Passwords stored so that a stolen table can be cracked fast: hashed with a general-purpose
/// hash (<c>hashlib.sha256(password)</c>), with a password hash whose cost was turned down
/// (scrypt, PBKDF2, Argon2, bcrypt below their recommended minimums), with a weak Django hasher
/// first in <c>PASSWORD_HASHERS</c>, or assigned to a Django user in plain text.
/// </summary>
public sealed class WeakPasswordHashRule : PythonRule
{
    private const long MinPbkdf2Iterations = 100_000;
    private const long MinScryptN = 1 << 13;
    private const long MinScryptR = 8;
    private const long MinBcryptRounds = 12;

    /// <summary>OWASP's weakest recommended Argon2id setting is 7 MiB with 5 passes; memory × passes below it is cheaper to crack.</summary>
    private const long MinArgon2MemoryTimesPasses = 7168 * 5;

    private static readonly RuleDescriptor Rule = new(
        "py/weak-password-hash",
        "Password stored with a fast or weakened hash",
        Category.Security,
        Severity.Error,
        "A stolen password table is cracked offline: a fast hash (MD5, SHA-1, SHA-256) or a password hash with its cost turned down lets an attacker try billions of guesses per second.",
        "Hash passwords with a slow, salted password hash at its recommended cost: `argon2.PasswordHasher()`, `bcrypt.hashpw(pw, bcrypt.gensalt())`, `hashlib.scrypt(..., n=2**14, r=8)` or PBKDF2 with at least 600,000 iterations; in Django use `set_password`/`make_password`.");

    /// <summary>General-purpose hash constructors: fast by design.</summary>
    private static readonly HashSet<string> FastHashes = new(StringComparer.Ordinal)
    {
        "hashlib.md5", "hashlib.sha1", "hashlib.sha224", "hashlib.sha256", "hashlib.sha384", "hashlib.sha512", "hashlib.sha3_256",
        "hashlib.sha3_384", "hashlib.sha3_512", "hashlib.blake2b", "hashlib.blake2s",
        "Crypto.Hash.MD5.new", "Crypto.Hash.SHA1.new", "Crypto.Hash.SHA256.new", "Crypto.Hash.SHA512.new",
        "Cryptodome.Hash.MD5.new", "Cryptodome.Hash.SHA1.new", "Cryptodome.Hash.SHA256.new", "Cryptodome.Hash.SHA512.new",
    };

    private static readonly HashSet<string> WeakDjangoHashers = new(StringComparer.Ordinal)
    {
        "MD5PasswordHasher", "SHA1PasswordHasher", "UnsaltedMD5PasswordHasher", "UnsaltedSHA1PasswordHasher", "CryptPasswordHasher",
    };

    /// <summary>passlib schemes that store a password with one fast or unsalted hash, a broken DES/LM/NT construction, or in plain text.</summary>
    private static readonly HashSet<string> WeakPasslibSchemes = new(StringComparer.Ordinal)
    {
        "md5_crypt", "apr_md5_crypt", "des_crypt", "bsdi_crypt", "bigcrypt", "crypt16", "sun_md5_crypt", "ldap_md5", "ldap_salted_md5",
        "ldap_sha1", "ldap_salted_sha1", "ldap_plaintext", "ldap_hex_md5", "ldap_hex_sha1", "ldap_des_crypt", "ldap_md5_crypt", "hex_md5", "hex_sha1",
        "hex_sha256", "hex_sha512", "lmhash", "nthash", "plaintext", "mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11", "msdcc", "msdcc2",
        "cisco_pix", "cisco_asa", "cisco_type7", "django_salted_md5", "django_salted_sha1", "django_des_crypt", "roundup_plaintext",
    };

    /// <summary>The callees the checks of a call look for, besides <see cref="FastHashes"/>, passlib's and the method names in <see cref="MayFlag"/>.</summary>
    private static readonly HashSet<string> CheckedCallees = new(StringComparer.Ordinal)
    {
        "hashlib.new", "hashlib.scrypt", "scrypt.hash", "cryptography.hazmat.primitives.kdf.scrypt.Scrypt", "Crypto.Protocol.KDF.scrypt", "Cryptodome.Protocol.KDF.scrypt",
        "hashlib.pbkdf2_hmac", "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC", "Crypto.Protocol.KDF.PBKDF2", "Cryptodome.Protocol.KDF.PBKDF2",
        "argon2.PasswordHasher", "argon2.password_hasher.PasswordHasher", "argon2.low_level.hash_secret", "argon2.low_level.hash_secret_raw",
        "argon2.Parameters", "argon2.low_level.Parameters", "bcrypt.gensalt", "flask_bcrypt.generate_password_hash",
        "django.contrib.auth.hashers.make_password", "werkzeug.security.generate_password_hash", "werkzeug.generate_password_hash",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in context.ChangedCalls)
        {
            // Parsing a call costs more than resolving its name: only the calls some check below can flag are parsed.
            var resolved = module.Values.Resolve(call);
            if (!MayFlag(call, resolved) || module.Values.Of(call) is not { } parsed || parsed.Arguments.Any(argument => argument.Keyword is "*" or "**"))
            {
                continue;
            }

            var finding = FastHashOfPassword(module, call, parsed, resolved)
                ?? Scrypt(module, call, parsed, resolved)
                ?? Pbkdf2(module, call, parsed, resolved)
                ?? Argon2(module, call, parsed, resolved)
                ?? Bcrypt(module, call, parsed, resolved)
                ?? Django(module, call, parsed, resolved)
                ?? Werkzeug(module, call, parsed, resolved)
                ?? Passlib(module, call, parsed, resolved)
                ?? BrokenDigestAsPassword(module, call, parsed);
            if (finding is var (line, endLine, message, severity))
            {
                context.Report(this, line, endLine, message, severity);
            }
        }

        ReportCheapestArgon2Profile(context);
        ReportDjangoSettings(context);
        ReportDjangoSettingsAssignments(context);
        ReportWeakHasherSubclasses(context);
        ReportPlainTextUserPasswords(context);
        ReportFlaskBcryptRounds(context);
    }

    /// <summary>True when one of the checks of a call (<see cref="FastHashOfPassword"/> … <see cref="BrokenDigestAsPassword"/>) can flag it.</summary>
    private static bool MayFlag(PythonCall call, string resolved) =>
        FastHashes.Contains(resolved) || CheckedCallees.Contains(resolved) || resolved.StartsWith("passlib.", StringComparison.Ordinal)
        || call.Name is "update" or "create" or "get_or_create" or "update_or_create" or "generate_password_hash"
        || call.Name.Contains("password", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>app.config["BCRYPT_LOG_ROUNDS"] = 10</c>: Flask-Bcrypt's work factor lowered for the whole app.</summary>
    private void ReportFlaskBcryptRounds(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var assignment in module.Assignments)
        {
            if (!assignment.IsAugmented && assignment.Targets is [{ Kind: PythonTargetKind.Subscript }]
                && module.Values.TargetOf(assignment) is PySubscript { Target: PyMember { Name: "config" }, Index: PyString { Value: "BCRYPT_LOG_ROUNDS" } }
                && ConstantIntegers.Of(module, module.Values.Of(assignment), assignment.Scope) is { } rounds && rounds < MinBcryptRounds)
            {
                context.Report(this, assignment.Line, assignment.Line, $"`BCRYPT_LOG_ROUNDS = {rounds}` lowers bcrypt's work factor for every password; keep the default of 12 or more.", Severity.Warning);
            }
        }
    }

    /// <summary><c>hashlib.sha256(password.encode())</c> or <c>h.update(password)</c> on such a hash.</summary>
    private static (int Line, int EndLine, string Message, Severity Severity)? FastHashOfPassword(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        PyExpr? data;
        if (FastHashes.Contains(resolved) || resolved == "hashlib.new")
        {
            if (parsed.Keyword("usedforsecurity") is PyConstant { Text: "False" })
            {
                return null;
            }

            data = resolved == "hashlib.new" ? parsed.Argument(1, "data") : parsed.Argument(0, resolved.StartsWith("hashlib.", StringComparison.Ordinal) ? "string" : "data");
        }
        else if (call.Name == "update" && parsed.Function is PyMember { Target: PyName receiver }
            && module.Values.SingleValue(receiver.Id, call.Scope, call.Line) is PyCall constructor && constructor.Function.DottedName is { } name
            && FastHashes.Contains(module.Values.Resolve(name, call.Scope, call.Line)))
        {
            data = parsed.Argument(0, null);
        }
        else
        {
            return null;
        }

        return data is not null && PasswordIn(module, data, call) is { } password && OnlyPasswordAndSalt(module, data, call) && !IsTruncated(module, call)
            ? (call.Line, call.Line, $"`{call.Callee}` hashes `{password}` with a fast hash; store passwords with a password hash (`argon2`, `bcrypt`, `hashlib.scrypt`).", Severity.Error)
            : null;
    }

    /// <summary>The name or attribute inside the expression whose last word says it is a password (a <c>pwd</c> holding <c>os.getcwd()</c> is a directory).</summary>
    private static string? PasswordIn(PythonModule module, PyExpr expression, PythonCall call)
    {
        foreach (var node in expression.DescendantsAndSelf())
        {
            if (node is PyName { Id: var id } && module.Values.SingleValue(id, call.Scope, call.Line) is PyCall { Function.DottedName: { } source }
                && source.Contains("cwd", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var last = node switch
            {
                PyName name => name.Id,
                PyMember member => member.Name,
                _ => null,
            };

            if (last is not null && IsPasswordWord(last))
            {
                return node.DottedName ?? last;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the hashed text is the password, optionally with a salt or pepper and literal
    /// separators. A digest of the password with a nonce, realm or timestamp is a protocol's
    /// challenge response (HTTP Digest, WS-Security), not a stored password.
    /// </summary>
    private static bool OnlyPasswordAndSalt(PythonModule module, PyExpr data, PythonCall call)
    {
        var text = data;
        while (text is PyCall { Function: PyMember { Name: "encode" } encode })
        {
            text = encode.Target;
        }

        if (text is PyCall { Function: PyName { Id: "bytes" or "str" }, Arguments: [var first, ..] })
        {
            text = first.Value;
        }

        return PythonValues.Pieces(text).All(piece => piece is PyString or PyConstant
            || (piece.DottedName is { } name && (IsPasswordWord(name[(name.LastIndexOf('.') + 1)..])
                || IdentifierWords.Lower(name).Any(word => word is "salt" or "pepper")))
            || (piece is PyCall { Function: PyMember { Name: "encode" } } && PasswordIn(module, piece, call) is not null));
    }

    /// <summary>
    /// A digest cut short (<c>sha1(pw).hexdigest()[:5]</c>, or the name it is stored in sliced later):
    /// a k-anonymity prefix for a breach lookup, not a stored password.
    /// </summary>
    private static bool IsTruncated(PythonModule module, PythonCall call)
    {
        var holder = module.Assignments.FirstOrDefault(assignment => assignment.Line == call.Line && ReferenceEquals(assignment.Scope, call.Scope));
        var expressions = module.Assignments.Where(assignment => ReferenceEquals(assignment.Scope, call.Scope)).Select(module.Values.Of)
            .Concat(module.Statements.Where(statement => ReferenceEquals(statement.Scope, call.Scope)).Select(module.Values.Of))
            .OfType<PyExpr>();
        var digestName = holder is { Targets: [{ Kind: PythonTargetKind.Name } target] } ? target.Text : null;
        foreach (var node in expressions.SelectMany(expression => expression.DescendantsAndSelf()))
        {
            if (node is PySubscript { Index: PyOther { Kind: "slice" } } slice
                && ((slice.Line == call.Line && slice.Target.DescendantsAndSelf().Any(inner => inner is PyCall { Function.DottedName: var callee } && callee == call.Callee))
                    || (digestName is not null && slice.Target is PyName { Id: var sliced } && sliced == digestName)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPasswordWord(string identifier)
    {
        var words = IdentifierWords.Lower(identifier);
        return words.Count > 0 && words[^1] is "password" or "passwd" or "pwd" or "passphrase" or "pw";
    }

    private static (int Line, int EndLine, string Message, Severity Severity)? Scrypt(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        var (n, r) = resolved switch
        {
            "hashlib.scrypt" => (parsed.Argument(2, "n"), parsed.Argument(3, "r")),
            "scrypt.hash" => (parsed.Argument(2, "N"), parsed.Argument(3, "r")),
            "cryptography.hazmat.primitives.kdf.scrypt.Scrypt" => (parsed.Argument(2, "n"), parsed.Argument(3, "r")),
            "Crypto.Protocol.KDF.scrypt" or "Cryptodome.Protocol.KDF.scrypt" => (parsed.Argument(3, "N"), parsed.Argument(4, "r")),
            _ => ((PyExpr?)null, (PyExpr?)null),
        };

        if (resolved == "passlib.hash.scrypt.using")
        {
            // passlib counts scrypt's cost as log2(N).
            if (Below(module, parsed.Argument(2, "rounds"), call, 12) is { } rounds)
            {
                return (rounds.Line, rounds.Line, $"`{call.Callee}` sets scrypt's cost to 2^{rounds.Value}; use `rounds` of at least 12 (better 14).", Severity.Error);
            }

            n = null;
            r = parsed.Argument(3, "block_size");
        }

        var weakN = Below(module, n, call, MinScryptN);
        var weakR = Below(module, r, call, MinScryptR);
        var problems = new List<string>();
        if (weakN is { } lowN)
        {
            problems.Add($"a cost n={lowN.Value} (use at least 2**14)");
        }

        if (weakR is { } lowR)
        {
            problems.Add($"a block size r={lowR.Value} (use 8 or more)");
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var first = Math.Min(weakN?.Line ?? int.MaxValue, weakR?.Line ?? int.MaxValue);
        var last = Math.Max(weakN?.Line ?? 0, weakR?.Line ?? 0);
        return (first, last, $"`{call.Callee}` runs scrypt with {string.Join(" and ", problems)}.", Severity.Error);
    }

    private static (int Line, int EndLine, string Message, Severity Severity)? Pbkdf2(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        PyExpr? iterations;
        long defaultIterations;
        switch (resolved)
        {
            case "hashlib.pbkdf2_hmac":
                iterations = parsed.Argument(3, "iterations");
                defaultIterations = long.MaxValue;
                break;
            case "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC":
                iterations = parsed.Argument(3, "iterations");
                defaultIterations = long.MaxValue;
                break;
            case "Crypto.Protocol.KDF.PBKDF2" or "Cryptodome.Protocol.KDF.PBKDF2":
                iterations = parsed.Argument(3, "count");
                defaultIterations = 1000;
                break;
            case "passlib.hash.pbkdf2_sha256.using" or "passlib.hash.pbkdf2_sha512.using" or "passlib.hash.pbkdf2_sha1.using":
                iterations = parsed.Keyword("rounds");
                defaultIterations = resolved.Contains("sha1", StringComparison.Ordinal) ? 131_000 : 29_000;
                break;
            default:
                return null;
        }

        if (iterations is null)
        {
            return defaultIterations < MinPbkdf2Iterations
                ? (call.Line, call.Line, $"`{call.Callee}` runs PBKDF2 with its default of {defaultIterations:N0} iterations; pass at least 100,000 (OWASP: 600,000 for SHA-256).", Severity.Error)
                : null;
        }

        return Below(module, iterations, call, MinPbkdf2Iterations) is { } weak
            ? (weak.Line, weak.Line, $"`{call.Callee}` runs PBKDF2 with {weak.Value:N0} iterations; use at least 100,000 (OWASP: 600,000 for SHA-256).", Severity.Error)
            : null;
    }

    private static (int Line, int EndLine, string Message, Severity Severity)? Argon2(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        PyExpr? time;
        PyExpr? memory;
        long defaultTime;
        switch (resolved)
        {
            case "argon2.PasswordHasher" or "argon2.password_hasher.PasswordHasher":
                (time, memory, defaultTime) = (parsed.Argument(0, "time_cost"), parsed.Argument(1, "memory_cost"), 3);
                break;
            case "argon2.low_level.hash_secret" or "argon2.low_level.hash_secret_raw":
                (time, memory, defaultTime) = (parsed.Argument(2, "time_cost"), parsed.Argument(3, "memory_cost"), 3);
                break;
            case "passlib.hash.argon2.using":
                (time, memory, defaultTime) = (parsed.Keyword("time_cost"), parsed.Keyword("memory_cost"), 2);
                break;
            case "argon2.Parameters" or "argon2.low_level.Parameters":
                if (parsed.Argument(0, "type") is { DottedName: { } type } typeArgument && (type.EndsWith("Type.D", StringComparison.Ordinal) || type.EndsWith("Type.I", StringComparison.Ordinal)))
                {
                    return (typeArgument.Line, typeArgument.Line, $"`{call.Callee}` selects {(type.EndsWith('D') ? "Argon2d" : "Argon2i")}; use `Type.ID` (Argon2id), which resists both side channels and GPU cracking.", Severity.Error);
                }

                if (ConstantIntegers.Of(module, parsed.Argument(1, "version"), call.Scope) is { } version && version != 19)
                {
                    return (call.Line, call.Line, $"`{call.Callee}` sets Argon2 version {version}; use the current version 19 (`argon2.low_level.ARGON2_VERSION`).", Severity.Error);
                }

                (time, memory, defaultTime) = (parsed.Argument(4, "time_cost"), parsed.Argument(5, "memory_cost"), long.MaxValue);
                break;
            default:
                return null;
        }

        // Without an explicit memory cost the library default (64 MiB for argon2-cffi) applies.
        if (memory is null || ConstantIntegers.Of(module, memory, call.Scope) is not { } kib)
        {
            return null;
        }

        var passes = time is null ? defaultTime : ConstantIntegers.Of(module, time, call.Scope) ?? long.MaxValue;
        return passes != long.MaxValue && kib * passes < MinArgon2MemoryTimesPasses
            ? (call.Line, call.Line, $"`{call.Callee}` runs Argon2 with {kib} KiB and {passes} pass(es); use at least 19 MiB with 2 passes (or `PasswordHasher()`'s defaults).", Severity.Error)
            : null;
    }

    private static (int Line, int EndLine, string Message, Severity Severity)? Bcrypt(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        var rounds = resolved switch
        {
            "bcrypt.gensalt" => parsed.Argument(0, "rounds"),
            "passlib.hash.bcrypt.using" => parsed.Keyword("rounds"),
            "flask_bcrypt.generate_password_hash" => parsed.Argument(1, "rounds"),
            _ when call.Name == "generate_password_hash" && resolved.StartsWith("flask_bcrypt.Bcrypt()", StringComparison.Ordinal) => parsed.Argument(1, "rounds"),
            _ => null,
        };

        return Below(module, rounds, call, MinBcryptRounds) is { } weak
            ? (weak.Line, weak.Line, $"`{call.Callee}` lowers bcrypt's work factor to {weak.Value}; keep the default of 12 or more.", Severity.Warning)
            : null;
    }

    /// <summary><c>make_password(pw, hasher="md5")</c> and the plain-text <c>User.objects.create(password=...)</c>.</summary>
    private static (int Line, int EndLine, string Message, Severity Severity)? Django(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        if (resolved == "django.contrib.auth.hashers.make_password"
            && module.Values.ConstantString(parsed.Argument(2, "hasher"), call.Scope) is { } hasher
            && hasher.ToLowerInvariant() is "md5" or "sha1" or "unsalted_md5" or "unsalted_sha1" or "crypt")
        {
            return (call.Line, call.Line, $"`{call.Callee}` hashes with Django's `{hasher}` hasher, which is fast to crack; leave `hasher` at its default (PBKDF2) or use Argon2.", Severity.Error);
        }

        if (call.Name is "create" or "get_or_create" or "update_or_create" && resolved.EndsWith(".objects." + call.Name, StringComparison.Ordinal)
            && IsUserModel(resolved[..^(".objects.".Length + call.Name.Length)])
            && parsed.Keyword("password") is { } password && password is not PyConstant { Text: "None" })
        {
            return (password.Line, password.Line, $"`{call.Callee}(password=...)` stores the password as given, in plain text; use `create_user(...)` or `set_password()`.", Severity.Error);
        }

        return null;
    }

    /// <summary>Werkzeug's <c>generate_password_hash(pw, method=...)</c>: <c>"plain"</c>, a bare hash name, or PBKDF2 with few iterations.</summary>
    private static (int Line, int EndLine, string Message, Severity Severity)? Werkzeug(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        if (resolved is not ("werkzeug.security.generate_password_hash" or "werkzeug.generate_password_hash")
            || parsed.Argument(1, "method") is not { } argument || module.Values.ConstantString(argument, call.Scope) is not { } method)
        {
            return null;
        }

        var parts = method.Split(':');
        if (parts[0] is "plain" or "md5" or "sha1" or "sha256" or "sha512")
        {
            return (argument.Line, argument.Line, $"`{call.Callee}` with method `{method}` stores the password {(parts[0] == "plain" ? "in plain text" : "with a fast hash")}; use the default (`scrypt`) or `pbkdf2` with at least 600,000 iterations.", Severity.Error);
        }

        return parts is ["pbkdf2", _, var count] && long.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var iterations) && iterations < MinPbkdf2Iterations
            ? (argument.Line, argument.Line, $"`{call.Callee}` runs PBKDF2 with {iterations:N0} iterations; use at least 100,000 (OWASP: 600,000 for SHA-256).", Severity.Error)
            : null;
    }

    /// <summary>
    /// <c>passlib.hash.md5_crypt.hash(pw)</c> (or <c>.using(...)</c>, or the handler called) and a
    /// <c>CryptContext</c> whose default scheme is such a hash. <c>verify</c> of an old hash is how a migration reads it, and is not judged.
    /// </summary>
    private static (int Line, int EndLine, string Message, Severity Severity)? Passlib(PythonModule module, PythonCall call, PyCall parsed, string resolved)
    {
        var parts = resolved.Split('.');
        if (parts is ["passlib", "hash", var scheme, .. var rest] && rest is [] or ["hash" or "encrypt" or "using" or "genhash"] && WeakPasslibSchemes.Contains(scheme))
        {
            return (call.Line, call.Line, $"`{call.Callee}` stores passwords with passlib's `{scheme}`, which is fast or broken to crack; use `argon2`, `bcrypt` or `pbkdf2_sha256`.", Severity.Error);
        }

        if (resolved is not ("passlib.context.CryptContext" or "passlib.apps.CryptContext"))
        {
            return null;
        }

        var preferred = module.Values.ConstantString(parsed.Keyword("default"), call.Scope)
            ?? (parsed.Argument(0, "schemes") is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple, Items: [var first, ..] } ? module.Values.ConstantString(first, call.Scope) : null);
        return preferred is not null && WeakPasslibSchemes.Contains(preferred)
            ? (call.Line, call.Line, $"`{call.Callee}` hashes new passwords with `{preferred}`, which is fast or broken to crack; make `argon2`, `bcrypt` or `pbkdf2_sha256` the first (default) scheme.", Severity.Error)
            : null;
    }

    /// <summary><c>class LegacyHasher(SHA1PasswordHasher)</c>: a custom Django hasher built on a fast, broken one.</summary>
    private void ReportWeakHasherSubclasses(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var definition in module.Classes)
        {
            foreach (var written in definition.Bases)
            {
                var resolved = module.Values.Resolve(written.Trim(), definition.Parent, definition.Line);
                var name = resolved[(resolved.LastIndexOf('.') + 1)..];
                if (WeakDjangoHashers.Contains(name) && (resolved == name || resolved.StartsWith("django.contrib.auth.hashers.", StringComparison.Ordinal)))
                {
                    context.Report(this, definition.Line, definition.Line, $"`{definition.Name}` builds on Django's `{name}`, a fast hash that GPUs crack at billions of guesses a second; base it on `PBKDF2PasswordHasher` or `Argon2PasswordHasher`.");
                    break;
                }
            }
        }
    }

    /// <summary><c>settings.PASSWORD_HASHERS = [...]</c> at run time, outside tests (which lower it for speed).</summary>
    private void ReportDjangoSettingsAssignments(PythonRuleContext context)
    {
        var module = context.Module;
        if (context.Role is CodeRole.Test or CodeRole.Fixture)
        {
            return;
        }

        foreach (var assignment in module.Assignments)
        {
            var target = assignment.Targets.FirstOrDefault(candidate => candidate.Kind == PythonTargetKind.Attribute
                && candidate.Text.Trim('(', ')', ' ').EndsWith(".PASSWORD_HASHERS", StringComparison.Ordinal));
            if (assignment.IsAugmented || target is null || assignment.Targets.Count != 1)
            {
                continue;
            }

            var owner = target.Text.Trim('(', ')', ' ')[..^".PASSWORD_HASHERS".Length];
            if (module.Values.Resolve(owner, assignment.Scope, assignment.Line) != "django.conf.settings")
            {
                continue;
            }

            var value = module.Values.Of(assignment);
            if (value is PyName name)
            {
                value = module.Values.SingleValue(name.Id, assignment.Scope, assignment.Line);
            }

            if (value is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple, Items: [var first, ..] }
                && module.Values.ConstantString(first, assignment.Scope) is { } hasher && WeakDjangoHashers.Contains(hasher[(hasher.LastIndexOf('.') + 1)..]))
            {
                context.Report(this, assignment.Line, assignment.Line, $"`{target.Text.Trim('(', ')', ' ')}` is set to start with `{hasher[(hasher.LastIndexOf('.') + 1)..]}`, so new passwords are stored with a fast, broken hash; put `Argon2PasswordHasher` or `PBKDF2PasswordHasher` first.");
            }
        }
    }

    private static bool IsUserModel(string resolved) =>
        resolved is "django.contrib.auth.models.User" or "django.contrib.auth.get_user_model()" || resolved.EndsWith("get_user_model()", StringComparison.Ordinal);

    /// <summary><c>user.setPassword(md5_digest)</c>: a broken digest stored as the password.</summary>
    private static (int Line, int EndLine, string Message, Severity Severity)? BrokenDigestAsPassword(PythonModule module, PythonCall call, PyCall parsed)
    {
        if (!call.Name.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var words = IdentifierWords.Lower(call.Name);
        if (words.Count < 2 || words[0] is not ("set" or "update" or "save" or "store") || !words.Contains("password") || parsed.Argument(0, null) is not { } argument)
        {
            return null;
        }

        var digest = argument is PyName name ? module.Values.SingleValue(name.Id, call.Scope, call.Line) : argument;
        if (digest is not PyCall { Function: PyMember { Name: "hexdigest" or "digest" or "finalize" } method })
        {
            return null;
        }

        var hasher = method.Target is PyName holder ? module.Values.SingleValue(holder.Id, call.Scope, call.Line) : method.Target;
        if (hasher is not PyCall { Function.DottedName: { } constructor } created)
        {
            return null;
        }

        var algorithm = module.Values.Resolve(constructor, call.Scope, call.Line);
        if (algorithm == "cryptography.hazmat.primitives.hashes.Hash" && created.Arguments.Count > 0 && created.Arguments[0].Value is PyCall { Function.DottedName: { } inner })
        {
            algorithm = module.Values.Resolve(inner, call.Scope, call.Line);
        }

        var broken = algorithm is "hashlib.md5" or "hashlib.sha1" or "Crypto.Hash.MD5.new" or "Cryptodome.Hash.MD5.new" or "Crypto.Hash.SHA1.new"
            or "Cryptodome.Hash.SHA1.new" or "cryptography.hazmat.primitives.hashes.MD5" or "cryptography.hazmat.primitives.hashes.SHA1";
        return broken
            ? (call.Line, call.Line, $"`{call.Callee}` stores an {(algorithm.Contains("MD5", StringComparison.OrdinalIgnoreCase) ? "MD5" : "SHA-1")} digest as the password; hash passwords with `argon2`, `bcrypt` or `hashlib.scrypt`.", Severity.Error)
            : null;
    }

    /// <summary><c>argon2.profiles.CHEAPEST</c>: the profile argon2-cffi ships for tests only.</summary>
    private void ReportCheapestArgon2Profile(PythonRuleContext context)
    {
        var module = context.Module;
        if (!module.Imports.Any(import => import.Module.StartsWith("argon2", StringComparison.Ordinal)))
        {
            return;
        }

        var importLines = module.Imports.SelectMany(import => Enumerable.Range(import.StatementLine, import.StatementEndLine - import.StatementLine + 1)).ToHashSet();
        var uses = module.Tokens.Where(token => token.Kind == PythonTokenKind.Name && token.Text == "CHEAPEST").Select(token => token.Start.Line).Distinct().ToList();
        var first = uses.FirstOrDefault(line => !importLines.Contains(line));
        if (first == 0 && uses.Count > 0)
        {
            first = uses[0];
        }

        if (first > 0)
        {
            context.Report(this, first, first, "`argon2.profiles.CHEAPEST` is argon2-cffi's profile for tests, far too cheap for stored passwords; use `RFC_9106_LOW_MEMORY` or `PasswordHasher()`'s defaults.");
        }
    }

    /// <summary><c>PASSWORD_HASHERS</c> whose first (preferred) hasher is a fast, broken one.</summary>
    private void ReportDjangoSettings(PythonRuleContext context)
    {
        var module = context.Module;
        if (!DjangoSettings.IsSettingsFile(context.Path))
        {
            return;
        }

        foreach (var assignment in module.Assignments)
        {
            if (assignment.Scope is null && assignment.Targets is [{ Text: "PASSWORD_HASHERS", Kind: PythonTargetKind.Name }]
                && module.Values.Of(assignment) is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple, Items: [var first, ..] }
                && module.Values.ConstantString(first, null) is { } hasher && WeakDjangoHashers.Contains(hasher[(hasher.LastIndexOf('.') + 1)..]))
            {
                context.Report(this, first.Line, first.Line, $"`PASSWORD_HASHERS` starts with `{hasher[(hasher.LastIndexOf('.') + 1)..]}`, so new passwords are stored with a fast, broken hash; put `Argon2PasswordHasher` or `PBKDF2PasswordHasher` first.");
            }
        }
    }

    /// <summary><c>user.password = "..."</c> on a Django user: stored as written, not hashed.</summary>
    private void ReportPlainTextUserPasswords(PythonRuleContext context)
    {
        var module = context.Module;
        foreach (var assignment in module.Assignments)
        {
            if (assignment.IsAugmented || assignment.Targets is not [{ Kind: PythonTargetKind.Attribute } target]
                || !target.Text.EndsWith(".password", StringComparison.Ordinal) || target.Text.Count(character => character == '.') != 1)
            {
                continue;
            }

            var owner = target.Text[..target.Text.IndexOf('.', StringComparison.Ordinal)];
            if (module.Values.SingleValue(owner, assignment.Scope, assignment.Line) is PyCall { Function.DottedName: { } constructor }
                && IsUserModel(module.Values.Resolve(constructor, assignment.Scope, assignment.Line)))
            {
                context.Report(this, assignment.Line, assignment.Line, $"`{target.Text} = ...` stores the password in plain text; call `{owner}.set_password(...)` instead.");
            }
        }
    }

    private static (long Value, int Line)? Below(PythonModule module, PyExpr? expression, PythonCall call, long minimum) =>
        expression is not null && ConstantIntegers.Of(module, expression, call.Scope) is { } value && value >= 0 && value < minimum ? (value, expression.Line) : null;
}
