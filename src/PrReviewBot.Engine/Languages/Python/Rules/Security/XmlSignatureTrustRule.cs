using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// signxml's <c>XMLVerifier().verify(xml)</c> without a key or certificate to trust, or with an
/// <c>expect_config</c> that drops the X.509 requirement or allows SHA-224 signatures.
/// </summary>
public sealed class XmlSignatureTrustRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/xml-signature-untrusted",
        "XML signature verified without a trusted key",
        Category.Security,
        Severity.Error,
        "Without a pinned certificate or key, `verify` accepts a signature made with any certificate a public CA issued, so anyone can forge a signed document such as a SAML assertion.",
        "Pass the trusted signer: `verify(xml, x509_cert=idp_cert)` (or `cert_subject_name=`, `ca_pem_file=`, `hmac_key=`), and keep `SignatureConfiguration`'s defaults.");

    private static readonly HashSet<string> TrustArguments = new(StringComparer.Ordinal)
    {
        "x509_cert", "cert_subject_name", "cert_resolver", "ca_pem_file", "ca_path", "hmac_key",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (call.Name != "verify" || module.Values.Resolve(call) is not ("signxml.XMLVerifier().verify" or "signxml.verifier.XMLVerifier().verify")
                || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            if (!Trusts(module, call, parsed))
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` is given no certificate or key to trust, so any CA-issued signer passes; pass `x509_cert=` (or `cert_subject_name=`, `ca_pem_file=`, `hmac_key=`).");
            }
            else if (WeakConfiguration(module, call, parsed.Keyword("expect_config")) is { } weakness)
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` is given an `expect_config` that {weakness}; keep `SignatureConfiguration`'s defaults.");
            }
        }
    }

    private static bool Trusts(PythonModule module, PythonCall call, PyCall parsed)
    {
        if (parsed.Arguments.Any(argument => argument.Keyword is { } keyword && TrustArguments.Contains(keyword)))
        {
            return true;
        }

        foreach (var spread in parsed.Arguments.Where(argument => argument.Keyword is "**"))
        {
            if (spread.Value is not PyName name || KeysOf(module, name, call) is not { } keys || keys.Overlaps(TrustArguments))
            {
                // Keyword arguments from somewhere this rule cannot read may hold the key.
                return true;
            }
        }

        return false;
    }

    /// <summary>The keys a name's dictionary surely has: those of its display or <c>dict(...)</c> call and of later <c>name["key"] = ...</c>; null when unknown.</summary>
    private static HashSet<string>? KeysOf(PythonModule module, PyName name, PythonCall call)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        switch (module.Values.SingleValue(name.Id, call.Scope, call.Line))
        {
            case PyDisplay { Kind: PyDisplayKind.Dict } display:
                if (display.Keys.Any(key => key is null))
                {
                    return null;
                }

                keys.UnionWith(display.Keys.OfType<PyString>().Select(key => key.Value));
                break;
            case PyCall { Function: PyName { Id: "dict" } } built:
                if (built.Arguments.Any(argument => argument.Keyword is null or "**"))
                {
                    return null;
                }

                keys.UnionWith(built.Arguments.Select(argument => argument.Keyword!));
                break;
            default:
                return null;
        }

        foreach (var assignment in module.Assignments)
        {
            if (assignment.Targets is [{ Kind: PythonTargetKind.Subscript }] && module.Values.TargetOf(assignment) is PySubscript { Target: PyName target, Index: var index }
                && target.Id == name.Id && ReferenceEquals(assignment.Scope, call.Scope))
            {
                if (index is not PyString key)
                {
                    return null;
                }

                if (module.Values.Of(assignment) is not PyConstant { Text: "False" or "None" })
                {
                    keys.Add(key.Value);
                }
            }
        }

        return keys;
    }

    private static string? WeakConfiguration(PythonModule module, PythonCall call, PyExpr? configuration)
    {
        var value = configuration is PyName name ? module.Values.SingleValue(name.Id, call.Scope, call.Line) : configuration;
        if (value is not PyCall { Function.DottedName: { } constructor } created
            || !module.Values.Resolve(constructor, call.Scope, call.Line).EndsWith("SignatureConfiguration", StringComparison.Ordinal))
        {
            return null;
        }

        if (created.Keyword("require_x509") is PyConstant { Text: "False" })
        {
            return "does not require an X.509 certificate";
        }

        var methods = created.Keyword("signature_methods");
        var listed = methods is PyName listName ? module.Values.SingleValue(listName.Id, call.Scope, call.Line) : methods;
        return listed is PyDisplay display && display.Items.Any(item => item.DottedName is { } method && method.Contains("224", StringComparison.Ordinal))
            ? "allows SHA-224 signature methods"
            : null;
    }
}
