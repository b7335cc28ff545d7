using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Broken or obsolete ciphers (DES, 3DES, RC2, RC4, Blowfish, CAST, IDEA, SEED, XOR) from
/// PyCryptodome/PyCrypto, <c>cryptography</c> or pyDes, any cipher in ECB mode, TLS cipher strings
/// that enable broken suites, RSA encryption with PKCS#1 v1.5 padding, and an empty key.
/// </summary>
public sealed class WeakCipherRule : PythonRule
{
    /// <summary>How far below its making a cipher's first use may be and still be shown with it.</summary>
    private const int NearbyUse = 3;

    private static readonly RuleDescriptor Rule = new(
        "py/weak-cipher",
        "Weak cipher or ECB mode",
        Category.Security,
        Severity.Warning,
        "DES and RC2 keys can be searched exhaustively, RC4's keystream is biased, 64-bit block ciphers (3DES, Blowfish, CAST, IDEA) leak plaintext after a few gigabytes (Sweet32), and ECB encrypts equal blocks to equal ciphertext, so patterns in the data show through.",
        "Use AES in an authenticated mode: `AESGCM` from `cryptography`, or `AES.new(key, AES.MODE_GCM)` in PyCryptodome; or ChaCha20-Poly1305.");

    private static readonly Dictionary<string, string> PyCryptoCiphers = new(StringComparer.Ordinal)
    {
        ["DES"] = "DES", ["DES3"] = "Triple DES", ["ARC2"] = "RC2", ["ARC4"] = "RC4", ["Blowfish"] = "Blowfish", ["CAST"] = "CAST", ["XOR"] = "XOR",
    };

    private static readonly Dictionary<string, string> HazmatCiphers = new(StringComparer.Ordinal)
    {
        ["TripleDES"] = "Triple DES", ["Blowfish"] = "Blowfish", ["ARC4"] = "RC4", ["IDEA"] = "IDEA", ["CAST5"] = "CAST5", ["SEED"] = "SEED", ["RC2"] = "RC2",
    };

    /// <summary>Cipher modules whose <c>new(key, ...)</c> takes the key first (PyCryptodome/PyCrypto).</summary>
    private static readonly HashSet<string> BlockCiphers = new(StringComparer.Ordinal)
    {
        "AES", "DES", "DES3", "ARC2", "ARC4", "Blowfish", "CAST", "ChaCha20", "ChaCha20_Poly1305", "Salsa20",
    };

    /// <summary>OpenSSL cipher-string keywords and suite parts that select broken suites: no encryption, no authentication, export grade, DES/3DES, RC4, RC2, IDEA, MD5.</summary>
    private static readonly Dictionary<string, string> WeakSuiteParts = new(StringComparer.Ordinal)
    {
        ["NULL"] = "NULL (no encryption)", ["eNULL"] = "NULL (no encryption)", ["aNULL"] = "anonymous (unauthenticated)", ["ADH"] = "anonymous (unauthenticated)",
        ["AECDH"] = "anonymous (unauthenticated)", ["anon"] = "anonymous (unauthenticated)", ["EXPORT"] = "export-grade", ["EXP"] = "export-grade",
        ["EXPORT40"] = "export-grade", ["EXPORT56"] = "export-grade", ["LOW"] = "LOW (56/64-bit)", ["DES"] = "DES", ["3DES"] = "3DES", ["CBC3"] = "3DES",
        ["RC4"] = "RC4", ["RC2"] = "RC2", ["IDEA"] = "IDEA", ["MD5"] = "MD5",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            if (!MayFlag(call, resolved))
            {
                continue;
            }

            var parts = resolved.Split('.');
            string? cipher = null;
            if (parts is [("Crypto" or "Cryptodome"), "Cipher", var name, "new"] && PyCryptoCiphers.TryGetValue(name, out var pyCrypto))
            {
                cipher = pyCrypto;
            }
            else if (parts is ["cryptography", "hazmat", _, "ciphers", "algorithms", var algorithm]
                && (parts[2] == "decrepit" || HazmatCiphers.ContainsKey(algorithm)))
            {
                cipher = HazmatCiphers.GetValueOrDefault(algorithm, algorithm);
            }
            else if (resolved is "pyDes.des" or "pyDes.triple_des")
            {
                cipher = resolved == "pyDes.des" ? "DES" : "Triple DES";
            }

            if (CipherSuites(module, call) is var (suitesLine, suitesMessage))
            {
                Report(context, reported, suitesLine, suitesMessage);
                continue;
            }

            if (IsPkcs1v15Encryption(module, call, resolved))
            {
                Report(context, reported, call.Line, $"`{call.Callee}` encrypts with RSA PKCS#1 v1.5 padding, which Bleichenbacher's padding-oracle attack decrypts; use OAEP (`padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)` or `PKCS1_OAEP`).");
                continue;
            }

            if (call.Name == "new" && module.Values.Of(call)?.Argument(0, "key") is PyString { Value: "" } && call.Callee.Split('.') is [.., var owner, _] && BlockCiphers.Contains(owner))
            {
                Report(context, reported, call.Line, $"`{call.Callee}` is given an empty key, so anyone can decrypt; derive the key from a secret (`os.urandom(32)`, a KDF) kept out of the code.");
                continue;
            }

            if (cipher is not null)
            {
                Report(context, reported, call.Line, $"`{call.Callee}` encrypts with {cipher}, which is broken or obsolete; use AES-GCM (`AESGCM`, or `AES.new(key, AES.MODE_GCM)`) or ChaCha20-Poly1305.", FirstUse(module, call));
                continue;
            }

            if (FixedIvEncryption(module, call, resolved, parts) is var (madeLine, useLine, cipherName, iv))
            {
                Report(context, reported, madeLine, $"`{cipherName}` encrypts in CBC mode with a fixed IV{iv}, so equal messages give equal ciphertext and prefixes show through; generate a random IV per message (`os.urandom(16)`) and send it with the ciphertext.", useLine);
                continue;
            }

            if (resolved is "cryptography.hazmat.primitives.ciphers.modes.ECB")
            {
                Report(context, reported, call.Line, $"`{call.Callee}()` selects ECB mode, which encrypts equal blocks to equal ciphertext; use GCM (`modes.GCM(iv)`) or `AESGCM`.");
                continue;
            }

            if (call.Name == "new" && call.Arguments.FirstOrDefault(argument => (argument.Keyword is null or "mode") && IsEcb(module.Values.Of(argument))) is { } ecb
                && (parts is [("Crypto" or "Cryptodome"), "Cipher", ..] || SameCipher(call.Callee, module.Values.Of(ecb)!)))
            {
                Report(context, reported, ecb.Line, $"`{call.Callee}(..., {ecb.Text.Trim()})` encrypts in ECB mode, which turns equal plaintext blocks into equal ciphertext; use `MODE_GCM` (or `MODE_EAX`).");
            }
        }

        // urllib3.util.ssl_.DEFAULT_CIPHERS += ":RC4-SHA": every later connection of the process offers the suite.
        foreach (var assignment in module.Assignments)
        {
            if (assignment.Targets.Any(target => target.Text.EndsWith("DEFAULT_CIPHERS", StringComparison.Ordinal))
                && module.Values.ConstantString(module.Values.Of(assignment), assignment.Scope) is { } text && WeakSuites(text) is { Count: > 0 } weak)
            {
                Report(context, reported, assignment.Line, $"`{assignment.Targets[0].Text}` enables {string.Join(", ", weak)} cipher suites for every connection, which attackers can break or strip; remove them.");
            }
        }
    }

    /// <summary>
    /// <c>ctx.set_ciphers("...:RC4-SHA")</c>, <c>set_cipher_list</c>, <c>ciphers=</c> or a <c>DEFAULT_CIPHERS</c>
    /// constant: an OpenSSL cipher string that turns broken suites on or lowers the security level to 0 or 1.
    /// Suites a string removes (<c>!RC4</c>, <c>-MD5</c>) do not count.
    /// </summary>
    /// <summary>
    /// True when a check of <see cref="Analyze"/> can flag the call: a cipher library's callee, or a method or keyword
    /// they look for. Most calls are neither, and the checks parse the calls they look at.
    /// </summary>
    private static bool MayFlag(PythonCall call, string resolved) =>
        resolved.StartsWith("Crypto", StringComparison.Ordinal) || resolved.StartsWith("cryptography.", StringComparison.Ordinal)
        || resolved.StartsWith("pyDes.", StringComparison.Ordinal)
        || call.Name is "new" or "encrypt" or "decrypt" or "set_ciphers" or "set_cipher_list" || call.Keyword("ciphers") is not null;

    private static (int Line, string Message)? CipherSuites(PythonModule module, PythonCall call)
    {
        PythonArgument? argument = call.Name is "set_ciphers" or "set_cipher_list" ? (call.Positional.Count > 0 ? call.Positional[0] : call.Keyword("ciphers")) : call.Keyword("ciphers");
        if (argument is null || module.Values.Of(argument) is not { } value || module.Values.ConstantString(value, call.Scope) is not { } text
            || WeakSuites(text) is not { Count: > 0 } weak)
        {
            return null;
        }

        var shown = call.Name is "set_ciphers" or "set_cipher_list" ? call.Callee : $"{call.Callee}(ciphers=...)";
        return (call.Line, $"`{shown}` enables {string.Join(", ", weak)} cipher suites, which attackers can break or strip; remove them (or keep the library's default ciphers).");
    }

    /// <summary>The broken suite families a cipher string enables, in order of first mention.</summary>
    internal static List<string> WeakSuites(string cipherString)
    {
        var found = new List<string>();
        foreach (var written in cipherString.Split([':', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var element = written;
            if (element.StartsWith('!') || element.StartsWith('-'))
            {
                continue;
            }

            // "DEFAULT@SECLEVEL=1": the level rides on the element before it.
            var level = element.IndexOf("@SECLEVEL=", StringComparison.Ordinal);
            if (level >= 0)
            {
                if (element[(level + "@SECLEVEL=".Length)..] is "0" or "1")
                {
                    AddOnce(found, $"security level {element[^1]} (which allows SHA-1 signatures and 1024-bit keys)");
                }

                element = element[..level];
            }

            var parts = element.TrimStart('+').Split(['+', '-'], StringSplitOptions.RemoveEmptyEntries);
            var tripleDes = parts.Any(part => part is "CBC3" or "EDE3" or "3DES");
            foreach (var part in parts)
            {
                if (WeakSuiteParts.TryGetValue(part, out var family) && !(tripleDes && part == "DES"))
                {
                    AddOnce(found, family);
                }
            }
        }

        return found;
    }

    private static void AddOnce(List<string> found, string family)
    {
        if (!found.Contains(family))
        {
            found.Add(family);
        }
    }

    /// <summary>
    /// <c>public_key.encrypt(data, padding.PKCS1v15())</c> (<c>cryptography</c>) or <c>PKCS1_v1_5.new(key)</c> from
    /// <c>Crypto.Cipher</c>. The same padding for signatures (<c>sign</c>, <c>Crypto.Signature</c>) is sound.
    /// </summary>
    private static bool IsPkcs1v15Encryption(PythonModule module, PythonCall call, string resolved)
    {
        if (resolved is "Crypto.Cipher.PKCS1_v1_5.new" or "Cryptodome.Cipher.PKCS1_v1_5.new")
        {
            return true;
        }

        if (call.Name is not ("encrypt" or "decrypt") || module.Values.Of(call) is not { } parsed || parsed.Argument(1, "padding") is not PyCall { Function.DottedName: { } padding })
        {
            return false;
        }

        var meant = module.Values.Resolve(padding, call.Scope, call.Line);
        return meant is "cryptography.hazmat.primitives.asymmetric.padding.PKCS1v15" || (meant == padding && padding.EndsWith("padding.PKCS1v15", StringComparison.Ordinal));
    }

    /// <summary><c>AES.new(key, AES.MODE_ECB)</c>: the mode comes from the cipher being made, even when its import is not in view.</summary>
    private static bool SameCipher(string callee, PyExpr mode)
    {
        var receiver = callee[..callee.LastIndexOf('.')];
        var qualifier = mode is PyMember { Target.DottedName: { } owner } ? owner : receiver;
        return string.Equals(receiver[(receiver.LastIndexOf('.') + 1)..], qualifier[(qualifier.LastIndexOf('.') + 1)..], StringComparison.Ordinal);
    }

    private static bool IsEcb(PyExpr? mode) => mode is PyName { Id: "MODE_ECB" } or PyMember { Name: "MODE_ECB" };

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, string message, int? endLine = null)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, endLine ?? line, message);
        }
    }

    /// <summary>
    /// <c>enc = AES.new(key, AES.MODE_CBC, b"0" * 16)</c> or <c>Cipher(algorithms.AES(key), modes.CBC(iv))</c> with
    /// an IV fixed in the code, where the object then encrypts: the lines that make and use it, its name and the IV's name when it has one.
    /// A cipher only ever decrypting with a fixed IV reads old data and is not judged.
    /// </summary>
    private static (int Made, int Use, string Name, string Iv)? FixedIvEncryption(PythonModule module, PythonCall call, string resolved, string[] parts)
    {
        if (module.Values.Of(call) is not { } parsed)
        {
            return null;
        }

        PyExpr? iv = null;
        if (resolved is "cryptography.hazmat.primitives.ciphers.modes.CBC")
        {
            iv = parsed.Argument(0, "initialization_vector");
        }
        else if (call.Name == "new" && parsed.Argument(1, "mode") is PyMember { Name: "MODE_CBC" } or PyName { Id: "MODE_CBC" }
            && (parts is [("Crypto" or "Cryptodome"), "Cipher", ..] || SameCipher(call.Callee, parsed.Argument(1, "mode")!)))
        {
            iv = parsed.Argument(2, "iv") ?? parsed.Keyword("IV");
        }

        var made = module.Assignments.FirstOrDefault(assignment => ReferenceEquals(assignment.Scope, call.Scope) && !assignment.IsAugmented
            && assignment.ValueFirstToken <= call.FirstToken && call.FirstToken <= assignment.ValueLastToken && assignment.Targets is [{ Kind: PythonTargetKind.Name }]);
        if (iv is null || made is null || module.Values.Of(made) is not PyCall || !IsFixed(module, iv, call, 0))
        {
            return null;
        }

        var name = made.Targets[0].Text;
        var until = module.Assignments.FirstOrDefault(assignment => ReferenceEquals(assignment.Scope, call.Scope) && assignment.Line > made.Line
            && assignment.Targets.Any(target => target.Text == name))?.Line ?? int.MaxValue;
        var use = module.Calls.FirstOrDefault(candidate => ReferenceEquals(candidate.Scope, call.Scope) && candidate.Line > made.Line && candidate.Line < until
            && candidate.Callee == name + "." + candidate.Name && candidate.Name is "encrypt" or "encryptor");
        return use is null ? null : (made.Line, use.Line, name, iv is PyName named ? $" (`{named.Id}`)" : string.Empty);
    }

    /// <summary>An IV written into the code: a literal, a repeated byte (<c>b"\0" * 16</c>), <c>bytes(16)</c>, or a name only ever bound to one.</summary>
    private static bool IsFixed(PythonModule module, PyExpr iv, PythonCall call, int depth) => iv switch
    {
        PyString => true,
        PyBinary { Operator: "*", Left: PyString, Right: PyConstant or PyMember } => true,
        PyCall { Function: PyName { Id: "bytes" or "bytearray" }, Arguments: [{ Value: PyConstant }] } => true,
        PyCall { Function: PyMember { Name: "encode", Target: PyString } } => true,
        PyName name when depth < 3 => module.Values.SingleValue(name.Id, call.Scope, call.Line) is { } bound && IsFixed(module, bound, call, depth + 1),
        _ => false,
    };

    /// <summary>
    /// The line where the cipher object made by the statement around <paramref name="call"/> first encrypts or decrypts,
    /// when that is just below (<c>cipher = DES.new(key, ...)</c> then <c>cipher.encrypt(data)</c>): the finding shows both.
    /// </summary>
    private static int? FirstUse(PythonModule module, PythonCall call)
    {
        var made = module.Assignments.FirstOrDefault(assignment => ReferenceEquals(assignment.Scope, call.Scope) && !assignment.IsAugmented
            && assignment.ValueFirstToken <= call.FirstToken && call.FirstToken <= assignment.ValueLastToken && assignment.Targets is [{ Kind: PythonTargetKind.Name }]);
        if (made is null)
        {
            return null;
        }

        var name = made.Targets[0].Text;
        var prefix = name + ".";
        var until = module.Assignments.FirstOrDefault(assignment => ReferenceEquals(assignment.Scope, call.Scope) && assignment.Line > made.Line
            && assignment.Targets.Any(target => target.Text == name))?.Line ?? int.MaxValue;
        return module.Calls.FirstOrDefault(use => ReferenceEquals(use.Scope, call.Scope) && use.Line > made.Line && use.Line < until && use.Line - made.Line <= NearbyUse
            && use.Callee.StartsWith(prefix, StringComparison.Ordinal) && use.Name is "encrypt" or "decrypt" or "encryptor" or "decryptor"
            && use.Callee.Length == prefix.Length + use.Name.Length)?.Line;
    }
}
