using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A password or secret put in the claims of a JWT (<c>jwt.encode({"password": ...}, key)</c>): a JWT is signed,
/// not encrypted, so whoever holds the token reads its claims with a base64 decoder.
/// </summary>
public sealed class JwtSensitiveClaimRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/jwt-sensitive-claim",
        "Password or secret in JWT claims",
        Category.Security,
        Severity.Error,
        "A JWT's claims are only base64-encoded: the token travels through browsers, logs and proxies, and anyone who holds it can read a password or secret put in it.",
        "Keep credentials out of the token: put the user's id in it and look the rest up on the server.");

    /// <summary>PyJWT and python-jose: the claims are the first argument.</summary>
    private static readonly HashSet<string> Encoders = new(StringComparer.Ordinal)
    {
        "jwt.encode", "jwt.api_jwt.encode", "jose.jwt.encode",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in module.Calls)
        {
            if (call.Name != "encode" || !Encoders.Contains(module.Values.Resolve(call)) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            var claims = parsed.Argument(0, "payload") ?? parsed.Keyword("claims");
            if (claims is PyName name)
            {
                claims = module.Values.SingleValue(name.Id, call.Scope, call.Line);
            }

            if (claims is PyDisplay { Kind: PyDisplayKind.Dict } dict && SensitiveKey(dict) is { } key && reported.Add(dict.Line))
            {
                context.Report(this, dict.Line, dict.Line, $"The claims given to `{call.Callee}` carry `{key}`; anyone holding the token can read it, since a JWT is signed, not encrypted. Keep credentials out of the token.");
            }
        }
    }

    /// <summary>The first constant key naming a password or secret; token-like keys (<c>token_type</c>, <c>csrf_token</c>) are routine claims.</summary>
    private static string? SensitiveKey(PyDisplay dict) =>
        dict.Keys.OfType<PyString>().Select(key => key.Value).FirstOrDefault(key => SecretNames.Classify(key) switch
        {
            SecretNameKind.Password => true,
            SecretNameKind.Secret => !IdentifierWords.Lower(key).Contains("token"),
            _ => false,
        });
}
