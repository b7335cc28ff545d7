using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A password hash or key derivation given a salt fixed in the code (<c>b""</c>, a literal, a
/// constant decoded from hex or base64), the password itself as salt, or a salt that is then
/// derived as the key material.
/// </summary>
public sealed class PredictableSaltRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/predictable-salt",
        "Password hash with a predictable salt",
        Category.Security,
        Severity.Error,
        "A salt exists to make every stored hash unique; a fixed salt lets an attacker precompute one table for every password and see which users share a password.",
        "Generate a new random salt for every password (`os.urandom(16)`, `secrets.token_bytes(16)`, `bcrypt.gensalt()`) and store it next to the hash.");

    /// <summary>Derivation functions: the position and keyword of the salt, and of the password (-1 when the function takes the password later).</summary>
    private static readonly Dictionary<string, (int Salt, int Password)> Derivations = new(StringComparer.Ordinal)
    {
        ["hashlib.pbkdf2_hmac"] = (2, 1),
        ["hashlib.scrypt"] = (1, 0),
        ["crypt.crypt"] = (1, 0),
        ["bcrypt.hashpw"] = (1, 0),
        ["bcrypt.kdf"] = (1, 0),
        ["cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC"] = (2, -1),
        ["cryptography.hazmat.primitives.kdf.scrypt.Scrypt"] = (0, -1),
        ["Crypto.Protocol.KDF.PBKDF2"] = (1, 0),
        ["Crypto.Protocol.KDF.scrypt"] = (1, 0),
        ["Crypto.Protocol.KDF.bcrypt"] = (2, 0),
        ["Cryptodome.Protocol.KDF.PBKDF2"] = (1, 0),
        ["Cryptodome.Protocol.KDF.scrypt"] = (1, 0),
        ["Cryptodome.Protocol.KDF.bcrypt"] = (2, 0),
        ["django.contrib.auth.hashers.make_password"] = (1, 0),
    };

    /// <summary>Functions that turn a constant into another constant: a salt decoded from a literal is still that literal.</summary>
    private static readonly HashSet<string> PureDecoders = new(StringComparer.Ordinal)
    {
        "bytes.fromhex", "bytearray.fromhex", "bytes", "bytearray", "base64.b64decode", "base64.b64encode", "base64.b32decode", "base64.b32encode",
        "base64.b16decode", "base64.b16encode", "base64.urlsafe_b64decode", "base64.urlsafe_b64encode", "binascii.unhexlify", "binascii.a2b_hex",
        "codecs.decode", "codecs.encode",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = module.Values.Resolve(call);
            if (!Derivations.TryGetValue(resolved, out var positions) || module.Values.Of(call) is not { } parsed
                || parsed.Arguments.Any(argument => argument.Keyword is "*" or "**"))
            {
                continue;
            }

            var salt = parsed.Argument(positions.Salt, "salt");
            if (salt is null)
            {
                continue;
            }

            var password = positions.Password >= 0 ? parsed.Argument(positions.Password, resolved.EndsWith(".crypt", StringComparison.Ordinal) ? "word" : "password") : null;
            string? problem = null;
            if (IsFixed(module, salt, call.Scope, 0))
            {
                problem = $"`{call.Callee}` gets a salt fixed in the code";
            }
            else if (password is not null && SameValue(salt, password))
            {
                problem = $"`{call.Callee}` uses the password as its own salt";
            }
            else if (salt is PyName saltName && (IsPasswordName(saltName.Id) || IsDerivedLater(module, saltName.Id, call)))
            {
                problem = $"`{call.Callee}` gets the key material as its salt";
            }

            if (problem is not null)
            {
                context.Report(this, salt.Line, salt.Line, problem + "; generate a random salt per password (`os.urandom(16)`) and store it with the hash.");
            }
        }
    }

    private static bool IsFixed(PythonModule module, PyExpr expression, PythonDefinition? scope, int depth)
    {
        if (depth > 6)
        {
            return false;
        }

        if (module.Values.IsConstant(expression, scope))
        {
            return true;
        }

        switch (expression)
        {
            case PyName name:
                var assignments = module.Values.AssignmentsVisible(name.Id, scope, name.Line);
                return assignments.Count == 1 && !assignments[0].IsAugmented && assignments[0].Targets.Count == 1
                    && module.Values.Of(assignments[0]) is { } value && IsFixed(module, value, assignments[0].Scope, depth + 1);
            case PyCall { Function: PyMember { Name: "encode" or "decode" } method } conversion when conversion.Arguments.All(argument => module.Values.IsConstant(argument.Value, scope)):
                return IsFixed(module, method.Target, scope, depth + 1);
            case PyCall decoder when decoder.Function.DottedName is { } callee && decoder.Arguments.Count > 0
                && PureDecoders.Contains(module.Values.Resolve(callee, scope, decoder.Line)):
                return decoder.Arguments.All(argument => argument.Keyword is null or "encoding" or "errors" && IsFixed(module, argument.Value, scope, depth + 1));
            default:
                return false;
        }
    }

    private static bool SameValue(PyExpr salt, PyExpr password) => (salt, password) switch
    {
        (PyName a, PyName b) => a.Id == b.Id,
        (PyString a, PyString b) => a.Value == b.Value,
        _ => salt.DottedName is { } dotted && dotted == password.DottedName,
    };

    private static bool IsPasswordName(string name)
    {
        var words = PrReviewBot.Engine.Detection.Words.IdentifierWords.Lower(name);
        return words.Count > 0 && words[^1] is "password" or "passwd" or "pwd" or "passphrase";
    }

    /// <summary><c>kdf.derive(salt)</c> in the same function: the salt is also the secret being derived.</summary>
    private static bool IsDerivedLater(PythonModule module, string salt, PythonCall call) =>
        module.Calls.Any(other => other.Name == "derive" && ReferenceEquals(other.Scope, call.Scope) && other.Line >= call.Line
            && module.Values.Of(other)?.Argument(0, "key_material") is PyName { Id: var derived } && derived == salt);
}
