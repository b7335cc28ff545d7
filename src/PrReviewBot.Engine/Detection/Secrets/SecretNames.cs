using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>What a name says about the value it holds.</summary>
public enum SecretNameKind
{
    None,

    /// <summary>A password, chosen by a person: any real value counts (<c>password = "a"</c>).</summary>
    Password,

    /// <summary>A generated secret (token, API key, client secret): the value must look like key material.</summary>
    Secret,

    /// <summary>Only "key" or "iv": the value must look strongly random, since lookup keys share the name.</summary>
    BareKey,
}

/// <summary>
/// The one vocabulary of credential names, read word by word (<see cref="IdentifierWords.Lower"/>)
/// so <c>passwordHint</c>, <c>tokenizer</c>, <c>secretary</c>, <c>PasswordField</c> and
/// <c>password_reset_url</c> are names about a credential, or not about one at all.
/// </summary>
public static class SecretNames
{
    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase", "passcode" };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "secret", "secrets", "token", "tokens", "credential", "credentials", "apikey", "accesskey", "privatekey", "secretkey", "clientsecret",
        "authtoken", "accesstoken", "authorization", "bearer", "auth", "sas",
    };

    /// <summary>Words before "key" that make it key material: <c>apiKey</c>, <c>signing_key</c>; <c>cacheKey</c> stays a lookup key.</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "decrypt", "master", "shared", "client", "app",
        "subscription", "auth", "account", "storage", "jwt", "hmac", "aes", "crypto", "symmetric", "security", "license", "consumer",
        "admin", "root", "webhook", "des", "cipher",
    };

    /// <summary>Qualifiers of keys that people choose, like passwords: any real value is a finding.</summary>
    private static readonly HashSet<string> SigningQualifiers = new(StringComparer.Ordinal)
    {
        "secret", "private", "signing", "sign", "encryption", "encrypt", "decrypt", "hmac", "jwt", "master", "shared", "symmetric", "aes", "des", "cipher", "crypto",
    };

    /// <summary>Last words that make the name about a credential rather than the credential itself: <c>PasswordLength</c>, <c>token_url</c>.</summary>
    private static readonly HashSet<string> DescriptiveHeads = new(StringComparer.Ordinal)
    {
        "name", "names", "length", "len", "size", "count", "min", "max", "minimum", "maximum", "policy", "policies", "field", "fields",
        "label", "hash", "hashed", "hint", "regex", "pattern", "format", "prompt", "message", "msg", "error", "errors", "required",
        "validator", "validation", "valid", "expiry", "expiration", "expires", "expired", "changed", "updated", "created", "url", "uri",
        "endpoint", "host", "path", "dir", "file", "filename", "type", "kind", "mode", "header", "param", "parameter", "parameters",
        "property", "prop", "column", "attribute", "claim", "id", "ids", "selector", "xpath", "input", "box", "textbox", "txt", "lbl",
        "placeholder", "mask", "masked", "strength", "complexity", "version", "prefix", "suffix", "separator", "delimiter", "lifetime",
        "timeout", "duration", "ttl", "provider", "service", "manager", "store", "storage", "handler", "scheme", "encoding", "algorithm",
        "alg", "limit", "attempts", "retries", "date", "time", "at", "rule", "rules", "option", "options", "section", "enabled", "disabled",
        "flag", "template", "cookie", "query", "route", "action", "page", "view", "button", "link", "table", "index", "event", "state",
        "status", "source", "lookup", "cache", "audience", "issuer", "usage", "purpose", "description", "title", "caption", "display",
        "resource", "reference", "ref", "config", "configuration", "env", "var", "variable", "locator", "element", "control", "request",
        "response", "result", "generator", "character", "characters", "chars", "salt", "iterations", "client", "key", "keys", "values",
        "class", "arn", "location", "command", "cmd", "method", "reset", "rotation", "help", "text", "scope", "scopes", "sha",
        "digest", "encryption", "hashing", "backend", "setting", "settings",
    };

    /// <summary>What the name says its value is.</summary>
    public static SecretNameKind Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = IdentifierWords.Lower(name).Where(word => !char.IsDigit(word[0])).ToList();

        // A public key (token) is published on purpose: PublicKeyToken=b77a5c561934e089.
        if (words.Count == 0 || words.Contains("public"))
        {
            return SecretNameKind.None;
        }

        var head = words[^1];
        if (words.Count >= 2 && head is "key" or "keys" && KeyQualifiers.Contains(words[^2]))
        {
            // A secret or signing key signs sessions and tokens whatever it looks like (Flask's SECRET_KEY = "foo"); an API key is generated.
            return SigningQualifiers.Contains(words[^2]) ? SecretNameKind.Password : SecretNameKind.Secret;
        }

        if (words.Count == 1 && head is "key" or "iv")
        {
            return SecretNameKind.BareKey;
        }

        if (DescriptiveHeads.Contains(head))
        {
            return SecretNameKind.None;
        }

        // "pass" alone is a password only at the end (DB_PASS, userPass); elsewhere it is a verb: pass_through.
        if (words.Any(PasswordWords.Contains) || head is "pass" or "pw")
        {
            return SecretNameKind.Password;
        }

        if (words.Any(SecretWords.Contains) || (words.Contains("api") && words.Contains("key")))
        {
            return SecretNameKind.Secret;
        }

        // Lower-case compounds such as "dbpassword" or "githubtoken" do not split into words.
        return head.EndsWith("password", StringComparison.Ordinal) || head.EndsWith("passwd", StringComparison.Ordinal) ? SecretNameKind.Password
            : head.EndsWith("secret", StringComparison.Ordinal) || head.EndsWith("token", StringComparison.Ordinal) || head.EndsWith("apikey", StringComparison.Ordinal) ? SecretNameKind.Secret
            : SecretNameKind.None;
    }

    /// <summary>True when the name says password (<c>db_password</c>, <c>userPass</c>), so a message can say "password" rather than "secret".</summary>
    public static bool IsPasswordName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = IdentifierWords.Lower(name);
        return words.Any(PasswordWords.Contains) || words is [.., "pass" or "pw"]
            || (words.Count > 0 && (words[^1].EndsWith("password", StringComparison.Ordinal) || words[^1].EndsWith("passwd", StringComparison.Ordinal)));
    }

    /// <summary><c>aws_secret_access_key</c>, <c>AwsSecretKey</c>: the name AWS's secret access key goes by.</summary>
    public static bool IsAwsSecretKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = IdentifierWords.Lower(name);
        return words.Contains("aws") && words.Contains("secret");
    }
}
