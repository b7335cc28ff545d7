using System.Globalization;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// Asymmetric keys too short to resist factoring or discrete-log attacks (RSA, DSA, DH and
/// ElGamal under 2048 bits, elliptic curves under 224 bits) and RSA public exponents under 65537,
/// from <c>cryptography</c>, PyCryptodome/PyCrypto, pyOpenSSL and paramiko.
/// </summary>
public sealed class WeakKeySizeRule : PythonRule
{
    private const int MinimumBits = 2048;
    private const int MinimumExponent = 65537;

    private static readonly RuleDescriptor Rule = new(
        "py/weak-key-size",
        "Key too short",
        Category.Security,
        Severity.Warning,
        "RSA, DSA and Diffie-Hellman keys under 2048 bits and elliptic curves under 224 bits are within reach of well-funded attackers, so signatures can be forged and traffic decrypted; a small RSA exponent enables several known attacks.",
        "Generate RSA/DSA/DH keys of at least 2048 bits (3072 for data that must stay secret past 2030), use curves such as `SECP256R1`, and keep the public exponent at 65537.");

    private static readonly HashSet<string> WeakCurves = new(StringComparer.OrdinalIgnoreCase)
    {
        "SECP192R1", "SECP192K1", "SECT163K1", "SECT163R2", "SECT163R1", "SECP160R1", "SECP160K1", "SECP160R2",
        "P-192", "P192", "prime192v1", "secp192r1", "NIST P-192",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = PythonSecurityHelpers.Resolved(module, call);
            var parts = resolved.Split('.');
            var kind = parts.Length >= 2 ? parts[^2] : string.Empty;
            var function = parts[^1];
            switch (function)
            {
                case "generate_private_key" when kind is "rsa" || (parts.Length == 1 && call.Keyword("public_exponent") is not null):
                    CheckBits(context, call, "RSA", call.Keyword("key_size") ?? At(call, 1));
                    CheckExponent(context, call, call.Keyword("public_exponent") ?? At(call, 0));
                    break;
                case "generate_private_key" or "generate_parameters" when kind is "dsa":
                    CheckBits(context, call, "DSA", call.Keyword("key_size") ?? At(call, 0));
                    break;
                case "generate_parameters" when kind is "dh":
                    CheckBits(context, call, "Diffie-Hellman", call.Keyword("key_size") ?? At(call, 1));
                    break;
                case "generate_private_key" when kind is "ec":
                    CheckCurve(context, call, call.Keyword("curve") ?? At(call, 0));
                    break;
                case "generate" when kind is "RSA" or "DSA" or "ElGamal" && parts[0] is "Crypto" or "Cryptodome" or "RSA" or "DSA" or "ElGamal":
                    CheckBits(context, call, kind, call.Keyword("bits") ?? At(call, 0));
                    if (kind == "RSA")
                    {
                        // PyCryptodome: generate(bits, randfunc, e); the old PyCrypto: generate(bits, randfunc, progress_func, e).
                        CheckExponent(context, call, call.Keyword("e") ?? At(call, call.Positional.Count >= 4 ? 3 : 2));
                    }

                    break;
                case "generate" when kind is "ECC" && parts[0] is "Crypto" or "Cryptodome" or "ECC":
                    CheckCurve(context, call, call.Keyword("curve"));
                    break;
                case "generate" when kind is "RSAKey" or "DSSKey" && parts[0] is "paramiko" or "RSAKey" or "DSSKey":
                    CheckBits(context, call, kind == "RSAKey" ? "RSA" : "DSA", call.Keyword("bits") ?? At(call, 0));
                    break;
                case "generate_key" when (call.Keyword("type") ?? At(call, 0)) is { } type && (type.Text.EndsWith("TYPE_RSA", StringComparison.Ordinal) || type.Text.EndsWith("TYPE_DSA", StringComparison.Ordinal)):
                    CheckBits(context, call, type.Text.EndsWith("DSA", StringComparison.Ordinal) ? "DSA" : "RSA", call.Keyword("bits") ?? At(call, 1));
                    break;
                default:
                    break;
            }
        }
    }

    private static PythonArgument? At(PythonCall call, int index)
    {
        var positional = call.Positional;
        return positional.Count > index && !positional[index].Text.StartsWith('*') ? positional[index] : null;
    }

    private void CheckBits(PythonRuleContext context, PythonCall call, string algorithm, PythonArgument? argument)
    {
        if (argument is not null && IntegerValue(context.Module, call, argument.Text) is { } bits && bits < MinimumBits)
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` makes a {bits}-bit {algorithm} key, which is too short to be safe; use at least 2048 bits.");
        }
    }

    private void CheckExponent(PythonRuleContext context, PythonCall call, PythonArgument? argument)
    {
        if (argument is not null && IntegerValue(context.Module, call, argument.Text) is { } exponent && exponent < MinimumExponent)
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` uses the public exponent {exponent}; small exponents enable known RSA attacks, use 65537.");
        }
    }

    private void CheckCurve(PythonRuleContext context, PythonCall call, PythonArgument? argument)
    {
        if (argument is null)
        {
            return;
        }

        var text = argument.Text.Trim();
        if (PythonSecurityHelpers.IsIdentifier(text) && PythonSecurityHelpers.AssignmentsTo(context.Module, text, call.Line, call.Scope) is [.., var last] && last.Value is { } value)
        {
            text = value.Trim();
        }

        var name = text.Trim('"', '\'');
        if (name.EndsWith("()", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        var dot = name.LastIndexOf('.');
        var qualifier = dot < 0 ? string.Empty : name[..dot];
        name = name[(dot + 1)..];
        var quoted = text.StartsWith('"') || text.StartsWith('\'');
        if (WeakCurves.Contains(name) && (quoted || qualifier is "" or "ec" || qualifier.EndsWith(".ec", StringComparison.Ordinal)))
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` uses the curve {name}, under 224 bits and too weak; use `SECP256R1` (P-256) or stronger.");
        }
    }

    /// <summary>An integer literal (Python 2's <c>1024L</c> and <c>1_024</c> included), or a name bound to one in this scope.</summary>
    private static int? IntegerValue(PythonModule module, PythonCall call, string text)
    {
        var trimmed = text.Trim().TrimEnd('L', 'l').Replace("_", string.Empty, StringComparison.Ordinal);
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (PythonSecurityHelpers.IsIdentifier(trimmed) && PythonSecurityHelpers.AssignmentsTo(module, trimmed, call.Line, call.Scope) is [.., var last]
            && last.Value is { } assigned && int.TryParse(assigned.Trim().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
        {
            return bound;
        }

        return null;
    }
}
