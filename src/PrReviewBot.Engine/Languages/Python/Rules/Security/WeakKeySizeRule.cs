using System.Globalization;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

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
            if (resolved.AsSpan(resolved.LastIndexOf('.') + 1) is not ("generate_private_key" or "generate_parameters" or "generate" or "generate_key"))
            {
                continue;
            }

            var parts = resolved.Split('.');
            var kind = parts.Length >= 2 ? parts[^2] : string.Empty;
            var function = parts[^1];
            if (module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            switch (function)
            {
                case "generate_private_key" when kind is "rsa" || (parts.Length == 1 && parsed.Keyword("public_exponent") is not null):
                    CheckBits(context, call, "RSA", parsed.Keyword("key_size") ?? At(parsed, 1));
                    CheckExponent(context, call, parsed.Keyword("public_exponent") ?? At(parsed, 0));
                    break;
                case "generate_private_key" or "generate_parameters" when kind is "dsa":
                    CheckBits(context, call, "DSA", parsed.Keyword("key_size") ?? At(parsed, 0));
                    break;
                case "generate_parameters" when kind is "dh":
                    CheckBits(context, call, "Diffie-Hellman", parsed.Keyword("key_size") ?? At(parsed, 1));
                    break;
                case "generate_private_key" when kind is "ec":
                    CheckCurve(context, call, parsed.Keyword("curve") ?? At(parsed, 0));
                    break;
                case "generate" when kind is "RSA" or "DSA" or "ElGamal" && parts[0] is "Crypto" or "Cryptodome" or "RSA" or "DSA" or "ElGamal":
                    CheckBits(context, call, kind, parsed.Keyword("bits") ?? At(parsed, 0));
                    if (kind == "RSA")
                    {
                        // PyCryptodome: generate(bits, randfunc, e); the old PyCrypto: generate(bits, randfunc, progress_func, e).
                        CheckExponent(context, call, parsed.Keyword("e") ?? At(parsed, parsed.Positional.Count() >= 4 ? 3 : 2));
                    }

                    break;
                case "generate" when kind is "ECC" && parts[0] is "Crypto" or "Cryptodome" or "ECC":
                    CheckCurve(context, call, parsed.Keyword("curve"));
                    break;
                case "generate" when kind is "RSAKey" or "DSSKey" && parts[0] is "paramiko" or "RSAKey" or "DSSKey":
                    CheckBits(context, call, kind == "RSAKey" ? "RSA" : "DSA", parsed.Keyword("bits") ?? At(parsed, 0));
                    break;
                case "generate_key" when (parsed.Keyword("type") ?? At(parsed, 0))?.DottedName is { } type && (type.EndsWith("TYPE_RSA", StringComparison.Ordinal) || type.EndsWith("TYPE_DSA", StringComparison.Ordinal)):
                    CheckBits(context, call, type.EndsWith("DSA", StringComparison.Ordinal) ? "DSA" : "RSA", parsed.Keyword("bits") ?? At(parsed, 1));
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>The positional argument at an index, unless a <c>*args</c> stands there or before it (then positions are unknown).</summary>
    private static PyExpr? At(PyCall call, int index)
    {
        var positional = call.Arguments.Where(argument => argument.Keyword is null or "*").ToList();
        return positional.Count > index && positional.Take(index + 1).All(argument => argument.Keyword is null) ? positional[index].Value : null;
    }

    private void CheckBits(PythonRuleContext context, PythonCall call, string algorithm, PyExpr? argument)
    {
        if (argument is not null && IntegerValue(context.Module, call, argument) is { } bits && bits < MinimumBits)
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` makes a {bits}-bit {algorithm} key, which is too short to be safe; use at least 2048 bits.");
        }
    }

    private void CheckExponent(PythonRuleContext context, PythonCall call, PyExpr? argument)
    {
        if (argument is not null && IntegerValue(context.Module, call, argument) is { } exponent && exponent < MinimumExponent)
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` uses the public exponent {exponent}; small exponents enable known RSA attacks, use 65537.");
        }
    }

    private void CheckCurve(PythonRuleContext context, PythonCall call, PyExpr? argument)
    {
        var value = argument is null ? null : LastBound(context.Module, call, argument);
        var (name, quoted) = value switch
        {
            PyString text => (text.Value, true),
            PyCall { Arguments.Count: 0, Function.DottedName: { } constructor } => (constructor, false),
            _ => (value?.DottedName, false),
        };
        if (argument is null || name is null)
        {
            return;
        }

        var dot = name.LastIndexOf('.');
        var qualifier = dot < 0 ? string.Empty : name[..dot];
        name = name[(dot + 1)..];
        if (WeakCurves.Contains(name) && (quoted || qualifier is "" or "ec" || qualifier.EndsWith(".ec", StringComparison.Ordinal)))
        {
            context.Report(this, argument.Line, argument.Line, $"`{call.Callee}` uses the curve {name}, under 224 bits and too weak; use `SECP256R1` (P-256) or stronger.");
        }
    }

    /// <summary>An integer literal (Python 2's <c>1024L</c> and <c>1_024</c> included), or a name bound to one in this scope.</summary>
    private static int? IntegerValue(PythonModule module, PythonCall call, PyExpr argument) =>
        LastBound(module, call, argument) is PyConstant constant
        && int.TryParse(constant.Text.TrimEnd('L', 'l').Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>
    /// The argument, or for a name the value it was last given: above the call in the call's own scope,
    /// or in the enclosing scope (a module constant such as <c>KEY_SIZE = 1024</c>) when that is where it is set.
    /// </summary>
    private static PyExpr? LastBound(PythonModule module, PythonCall call, PyExpr argument)
    {
        if (argument is not PyName name)
        {
            return argument;
        }

        var last = module.Values.AssignmentsVisible(name.Id, call.Scope, call.Line)
            .LastOrDefault(assignment => assignment.Line < call.Line || !ReferenceEquals(assignment.Scope, call.Scope));
        return last is null ? argument : module.Values.Of(last);
    }
}
