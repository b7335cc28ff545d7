using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Broken or obsolete ciphers (DES, 3DES, RC2, RC4, Blowfish, CAST, IDEA, SEED, XOR) from
/// PyCryptodome/PyCrypto, <c>cryptography</c> or pyDes, and any cipher in ECB mode.
/// </summary>
public sealed class WeakCipherRule : PythonRule
{
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

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
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

            if (cipher is not null)
            {
                Report(context, reported, call.Line, $"`{call.Callee}` encrypts with {cipher}, which is broken or obsolete; use AES-GCM (`AESGCM`, or `AES.new(key, AES.MODE_GCM)`) or ChaCha20-Poly1305.");
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
    }

    /// <summary><c>AES.new(key, AES.MODE_ECB)</c>: the mode comes from the cipher being made, even when its import is not in view.</summary>
    private static bool SameCipher(string callee, PyExpr mode)
    {
        var receiver = callee[..callee.LastIndexOf('.')];
        var qualifier = mode is PyMember { Target.DottedName: { } owner } ? owner : receiver;
        return string.Equals(receiver[(receiver.LastIndexOf('.') + 1)..], qualifier[(qualifier.LastIndexOf('.') + 1)..], StringComparison.Ordinal);
    }

    private static bool IsEcb(PyExpr? mode) => mode is PyName { Id: "MODE_ECB" } or PyMember { Name: "MODE_ECB" };

    private void Report(PythonRuleContext context, HashSet<int> reported, int line, string message)
    {
        if (reported.Add(line))
        {
            context.Report(this, line, line, message);
        }
    }
}
