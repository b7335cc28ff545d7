using System.Buffers;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Text.Rules.Security;

/// <summary>
/// Credentials committed in any text file: private key blocks, tokens with a well-known format
/// (AWS, GitHub, Slack, Stripe, Google) and random-looking values assigned to a name that means
/// password, secret, token or key, in any syntax (<c>.env</c>, YAML, JSON, code). References to
/// the environment or a secret store, placeholders and documented examples are not secrets.
/// Messages name the kind and never more than the first four characters of the value.
/// </summary>
public sealed partial class LeakedSecretRule : TextRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "text/leaked-secret",
        "Secret committed to the repository",
        Category.Security,
        Severity.Error,
        "Anyone who can read the repository, a fork or its history can use a committed credential, and removing it in a later commit does not take it back.",
        "Revoke and rotate the credential now, then load it from the environment or a secret store (for example `${{ secrets.NAME }}` in workflows) instead of the file.");

    /// <summary>Lines longer than this are minified or data; only the well-known formats are looked for there.</summary>
    private const int MaxAssignmentLineLength = 10_000;

    /// <summary>Only lines holding one of these can hold a well-known token format.</summary>
    private static readonly SearchValues<string> FormatAnchors = SearchValues.Create(
        ["-----BEGIN ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "hooks.slack.com", "k_live_", "AIza"],
        StringComparison.Ordinal);

    /// <summary>Only lines holding one of these can assign a credential-named value.</summary>
    private static readonly SearchValues<string> NameAnchors = SearchValues.Create(
        ["pass", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey", "access_key", "access-key", "privatekey", "private_key", "private-key"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> ExpressionCharacters = SearchValues.Create("()[]{}$<>");

    /// <summary>Characters that end a bare value: <c>TOKEN=abc # comment</c>, <c>a=1;b=2</c>, <c>?token=abc&amp;x=1</c>.</summary>
    private static readonly SearchValues<char> ValueStops = SearchValues.Create(" \t\"'`,;&=:<");

    private static readonly HashSet<string> PasswordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase" };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "secret", "secrets", "token", "tokens", "apikey", "accesskey", "privatekey", "secretkey", "clientsecret", "authtoken", "accesstoken",
    };

    /// <summary>Words before "key" that make it key material: <c>api_key</c>, <c>PRIVATE_KEY</c>; <c>cache_key</c> stays a lookup key.</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal) { "api", "access", "private", "secret", "signing", "encryption", "master" };

    /// <summary>Last words that make the name about a credential rather than the credential itself: <c>password_file</c>, <c>token_url</c>.</summary>
    private static readonly HashSet<string> DescriptiveHeads = new(StringComparer.Ordinal)
    {
        "name", "names", "file", "path", "dir", "url", "uri", "endpoint", "host", "length", "len", "size", "count", "type", "kind", "id", "ids",
        "field", "label", "env", "var", "variable", "header", "prefix", "suffix", "policy", "regex", "pattern", "format", "expiry", "expires",
        "expiration", "ttl", "timeout", "lifetime", "hash", "hashed", "salt", "required", "enabled", "min", "max", "mode", "version", "ref",
        "arn", "location", "command", "cmd", "prompt", "hint", "placeholder", "provider", "store", "manager", "method", "mask", "strength",
        "reset", "rotation", "changed", "updated", "created", "at", "param", "parameter", "description", "help", "text", "message", "error",
        "class", "scheme", "scope", "scopes", "audience", "issuer", "algorithm", "alg", "template", "input", "sha", "digest", "encryption",
        "hashing", "backend", "encoding",
    };

    /// <summary>Values that stand for a credential instead of being one, found anywhere in the value (ignoring case).</summary>
    private static readonly string[] PlaceholderFragments =
    [
        "example", "changeme", "change_me", "change-me", "replace", "dummy", "placeholder", "your", "xxxx", "****", "sample", "redacted",
        "test", "fake", "mock", "lorem", "password", "passwd", "secret", "token", "todo", "insert", "here", "...",
    ];

    /// <summary>Example tokens from specifications and vendor documentation (OAuth 2.0 RFC 6749, OAuth 1.0 RFC 5849), quoted in many libraries' docs.</summary>
    private static readonly string[] DocumentedExamples =
        ["2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", "dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00"];

    public override void Analyze(TextRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (TextFileKinds.SkipReason(context.Path, context.Text) is not null)
        {
            return;
        }

        // C# files have cs/hardcoded-secret, which reads names and URLs with the semantic model; only the formats are looked for here.
        var plainCredentials = !context.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
        var lines = context.Lines;
        for (var index = 0; index < lines.Count; index++)
        {
            if ((index & 1023) == 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            var line = lines[index];
            var readsPlain = plainCredentials && line.Length <= MaxAssignmentLineLength;
            var message = (line.AsSpan().ContainsAny(FormatAnchors) ? FindFormat(lines, index) : null)
                ?? (readsPlain && line.Contains("://", StringComparison.Ordinal) && line.Contains('@', StringComparison.Ordinal) ? FindUrlPassword(line) : null)
                ?? (readsPlain && line.AsSpan().ContainsAny(NameAnchors) ? FindAssignment(line) : null);
            if (message is not null)
            {
                context.Report(this, index + 1, index + 1, message);
            }
        }
    }

    /// <summary>
    /// True when the line holds a token in a live credential's format (AWS, GitHub, Slack, Stripe,
    /// Google keys), not a documentation example. Private key blocks do not count: test suites
    /// carry throwaway keys for their fixtures.
    /// </summary>
    internal static bool HasLiveCredentialFormat(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var match in KnownFormats().EnumerateMatches(line))
        {
            var value = line.AsSpan(match.Index, match.Length);
            if (!value.StartsWith("-----BEGIN", StringComparison.Ordinal) && !value.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The message for the first well-known token format on the line, or null.</summary>
    private static string? FindFormat(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index];
        foreach (var match in KnownFormats().EnumerateMatches(line))
        {
            var value = line.Substring(match.Index, match.Length);
            if (value.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                if (PrivateKeyFollows(lines, index, match.Index + match.Length))
                {
                    return $"A private key (`{value.Trim('-')}`) is committed in plain text; anyone who can read the repository can impersonate its owner.";
                }

                continue;
            }

            var end = match.Index + match.Length;
            if (value.StartsWith("AIza", StringComparison.Ordinal) && end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] is '_' or '-'))
            {
                continue;
            }

            if (Describe(value) is { } kind && LooksRandom(value, kind.PrefixLength))
            {
                return $"{kind.Name} `{Mask(value)}` is committed in plain text; anyone who can read the repository can use it.";
            }
        }

        return null;
    }

    /// <summary>
    /// A header followed by key material, on the next line or after an escaped <c>\n</c> in a JSON
    /// string; code that only looks for the header (<c>pem.StartsWith("-----BEGIN …")</c>) is not a key.
    /// </summary>
    private static bool PrivateKeyFollows(IReadOnlyList<string> lines, int index, int headerEnd)
    {
        var rest = lines[index].AsSpan(headerEnd);
        if (rest.StartsWith("\\n", StringComparison.Ordinal) || rest.StartsWith("\\r\\n", StringComparison.Ordinal))
        {
            return Base64Run(rest.TrimStart("\\rn")) >= 20;
        }

        for (var next = index + 1; next < lines.Count && next <= index + 3; next++)
        {
            var text = lines[next].AsSpan().Trim().Trim("\"'");
            if (text.StartsWith("Proc-Type:", StringComparison.Ordinal) || text.StartsWith("Comment:", StringComparison.Ordinal) || text.StartsWith("Version:", StringComparison.Ordinal))
            {
                continue;
            }

            if (text.Length > 0)
            {
                return Base64Run(text) >= 20;
            }
        }

        return false;
    }

    private static int Base64Run(ReadOnlySpan<char> text)
    {
        var length = 0;
        while (length < text.Length && (char.IsAsciiLetterOrDigit(text[length]) || text[length] is '+' or '/' or '='))
        {
            length++;
        }

        return length;
    }

    private static (string Name, int PrefixLength)? Describe(string value) => value switch
    {
        _ when value.StartsWith("AKIA", StringComparison.Ordinal) || value.StartsWith("ASIA", StringComparison.Ordinal) => ("AWS access key id", 4),
        _ when value.StartsWith("ghp_", StringComparison.Ordinal) => ("GitHub personal access token", 4),
        _ when value.StartsWith("github_pat_", StringComparison.Ordinal) => ("GitHub fine-grained personal access token", 11),
        _ when value.StartsWith("gho_", StringComparison.Ordinal) => ("GitHub OAuth token", 4),
        _ when value.StartsWith("ghu_", StringComparison.Ordinal) || value.StartsWith("ghs_", StringComparison.Ordinal) => ("GitHub App token", 4),
        _ when value.StartsWith("ghr_", StringComparison.Ordinal) => ("GitHub refresh token", 4),
        _ when value.StartsWith("xox", StringComparison.Ordinal) => ("Slack token", 5),
        _ when value.StartsWith("https://hooks.slack.com/", StringComparison.Ordinal) => ("Slack webhook URL", value.LastIndexOf('/') + 1),
        _ when value.StartsWith("sk_live_", StringComparison.Ordinal) => ("Stripe secret key", 8),
        _ when value.StartsWith("rk_live_", StringComparison.Ordinal) => ("Stripe restricted key", 8),
        _ when value.StartsWith("AIza", StringComparison.Ordinal) => ("Google API key", 4),
        _ => null,
    };

    /// <summary>
    /// The part after the fixed prefix is random: letters and digits, several distinct characters,
    /// and no "EXAMPLE" as in AWS's documented <c>AKIAIOSFODNN7EXAMPLE</c>.
    /// </summary>
    private static bool LooksRandom(string value, int prefixLength)
    {
        var body = value.AsSpan(Math.Min(prefixLength, value.Length));
        return !value.Contains("example", StringComparison.OrdinalIgnoreCase)
            && body.ContainsAnyInRange('0', '9')
            && (body.ContainsAnyInRange('a', 'z') || body.ContainsAnyInRange('A', 'Z'))
            && Entropy(body) >= 3.0;
    }

    /// <summary>The message for the first URL with a real password in its user info (<c>postgres://app:…@db</c>), or null.</summary>
    private static string? FindUrlPassword(string line)
    {
        foreach (Match match in UrlCredentials().Matches(line))
        {
            var user = match.Groups["user"].Value;
            var password = match.Groups["password"].Value;
            if (password != user && IsSecretValue(password, literal: true, password: true))
            {
                var owner = user.Length == 0 ? string.Empty : $" for `{user}`";
                return $"The URL `{match.Groups["scheme"].Value}://…` embeds a hard-coded password{owner} (`{Mask(password, 1)}`); anyone who can read the repository can use it.";
            }
        }

        return null;
    }

    /// <summary>The message for the first credential-named assignment of a random-looking literal on the line, or null.</summary>
    private static string? FindAssignment(string line)
    {
        foreach (var (name, value, literal) in Assignments(line))
        {
            if (!name.AsSpan().ContainsAny(NameAnchors) || Classify(name) is not { } kind)
            {
                continue;
            }

            if (IsAwsSecretKey(name, value))
            {
                return $"An AWS secret access key (`{name}` = `{Mask(value, 0)}`) is committed in plain text; anyone who can read the repository can use it.";
            }

            if (IsSecretValue(value, literal, kind == "password"))
            {
                return $"`{name}` is set to a hard-coded {kind} (`{Mask(value, 1)}`); anyone who can read the repository can use it.";
            }
        }

        return null;
    }

    /// <summary>
    /// The name/value pairs of a line in the common syntaxes: <c>NAME=value</c>, <c>name: value</c>, <c>"name": "value"</c>,
    /// <c>name = "value"</c>, <c>$a['name'] = 'value'</c>, <c>'name' =&gt; 'value'</c>, <c>name := "value"</c>,
    /// <c>&lt;add key="name" value="value" /&gt;</c> and <c>&lt;name&gt;value&lt;/name&gt;</c>. Literal is true for quoted values,
    /// which are never expressions. A hand-written scan: every character is read a bounded number of times.
    /// </summary>
    private static IEnumerable<(string Name, string Value, bool Literal)> Assignments(string line)
    {
        for (var index = 0; index < line.Length; index++)
        {
            var character = line[index];
            if (character == '<')
            {
                if (XmlElement(line, index) is { } element)
                {
                    yield return element;
                }

                continue;
            }

            if (character is not ('=' or ':'))
            {
                continue;
            }

            var next = index + 1 < line.Length ? line[index + 1] : '\0';
            var previous = index > 0 ? line[index - 1] : '\0';
            if (next == character || previous is '!' or '<' or '>' or '=' or ':')
            {
                // ==, ===, !=, <=, >=, :: are comparisons and scopes, not assignments.
                while (index + 1 < line.Length && line[index + 1] == character)
                {
                    index++;
                }

                continue;
            }

            var valueStart = next == '>' || (character == ':' && next == '=') ? index + 2 : index + 1;
            var name = NameBefore(line, index, out var nameStart);
            if (name.Length == 0)
            {
                continue;
            }

            var literal = false;
            if (character == '=' && name.Equals("value", StringComparison.OrdinalIgnoreCase) && AttributeKey(line, nameStart) is { } key)
            {
                (name, literal) = (key, true);
            }

            if (ValueAfter(line, valueStart) is { } value)
            {
                yield return (name, value.Text, literal || value.Quoted);
            }
        }
    }

    /// <summary>The name that ends just before an operator, past closing quotes and brackets: <c>"api_key":</c>, <c>['password'] =</c>.</summary>
    private static string NameBefore(string line, int operatorIndex, out int start)
    {
        var end = operatorIndex - 1;
        while (end >= 0 && line[end] is ' ' or '\t')
        {
            end--;
        }

        if (end >= 0 && line[end] == ']')
        {
            end--;
        }

        if (end >= 0 && line[end] is '"' or '\'' or '`')
        {
            end--;
        }

        start = end;
        while (start >= 0 && (char.IsAsciiLetterOrDigit(line[start]) || line[start] is '_' or '.' or '-'))
        {
            start--;
        }

        start++;
        while (start <= end && !(char.IsAsciiLetter(line[start]) || line[start] == '_'))
        {
            start++;
        }

        return start <= end ? line[start..(end + 1)] : string.Empty;
    }

    /// <summary>For <c>value=</c> in <c>key="ApiToken" value="…"</c> (or <c>name="…"</c>): the key, else null.</summary>
    private static string? AttributeKey(string line, int valueNameStart)
    {
        var close = valueNameStart - 1;
        while (close >= 0 && line[close] is ' ' or '\t')
        {
            close--;
        }

        if (close < 1 || line[close] != '"')
        {
            return null;
        }

        var open = line.LastIndexOf('"', close - 1);
        if (open < 1 || line[open - 1] != '=')
        {
            return null;
        }

        var attribute = NameBefore(line, open - 1, out _);
        return attribute.Equals("key", StringComparison.OrdinalIgnoreCase) || attribute.Equals("name", StringComparison.OrdinalIgnoreCase)
            ? line[(open + 1)..close]
            : null;
    }

    /// <summary>A quoted value up to its closing quote, or a bare value up to a separator (keeping base64 <c>=</c> padding).</summary>
    private static (string Text, bool Quoted)? ValueAfter(string line, int start)
    {
        while (start < line.Length && line[start] is ' ' or '\t')
        {
            start++;
        }

        if (start >= line.Length)
        {
            return null;
        }

        if (line[start] is '"' or '\'' or '`')
        {
            var close = line.IndexOf(line[start], start + 1);
            return close < 0 ? null : (line[(start + 1)..close], true);
        }

        var end = start;
        while (end < line.Length && !ValueStops.Contains(line[end]))
        {
            end++;
        }

        while (end < line.Length && line[end] == '=')
        {
            end++;
        }

        return end > start ? (line[start..end], false) : null;
    }

    /// <summary><c>&lt;name&gt;value&lt;/</c> starting at a <c>&lt;</c>, or null.</summary>
    private static (string Name, string Value, bool Literal)? XmlElement(string line, int open)
    {
        var nameEnd = open + 1;
        while (nameEnd < line.Length && (char.IsAsciiLetterOrDigit(line[nameEnd]) || line[nameEnd] is '_' or '.' or '-'))
        {
            nameEnd++;
        }

        if (nameEnd == open + 1 || nameEnd >= line.Length || line[nameEnd] != '>')
        {
            return null;
        }

        var valueEnd = line.IndexOf('<', nameEnd + 1);
        if (valueEnd <= nameEnd + 1 || valueEnd + 1 >= line.Length || line[valueEnd + 1] != '/')
        {
            return null;
        }

        var value = line[(nameEnd + 1)..valueEnd];
        return value.AsSpan().ContainsAny(" \t") ? null : (line[(open + 1)..nameEnd], value, true);
    }

    /// <summary>"password" or "secret" for names that mean a credential, null for others and for names about one (<c>password_file</c>).</summary>
    private static string? Classify(string name)
    {
        // A public key (token) is published on purpose: PublicKeyToken=b77a5c561934e089.
        var words = Words(name);
        if (words.Count == 0 || DescriptiveHeads.Contains(words[^1]) || words.Contains("public"))
        {
            return null;
        }

        // "pass" alone is a password only at the end (DB_PASS, smtp_pass); elsewhere it is a verb: pass_through.
        if (words.Any(PasswordWords.Contains) || words[^1] == "pass")
        {
            return "password";
        }

        if (words.Any(SecretWords.Contains))
        {
            return "secret";
        }

        for (var index = 1; index < words.Count; index++)
        {
            if (words[index] is "key" && KeyQualifiers.Contains(words[index - 1]))
            {
                return "secret";
            }
        }

        // Lower-case compounds such as "dbpassword" or "githubtoken" do not split into words.
        var last = words[^1];
        return last.EndsWith("password", StringComparison.Ordinal) || last.EndsWith("passwd", StringComparison.Ordinal) ? "password"
            : last.EndsWith("secret", StringComparison.Ordinal) || last.EndsWith("token", StringComparison.Ordinal) || last.EndsWith("apikey", StringComparison.Ordinal) ? "secret"
            : null;
    }

    private static bool IsAwsSecretKey(string name, string value) =>
        value.Length == 40
        && name.Contains("aws", StringComparison.OrdinalIgnoreCase)
        && name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        && value.All(character => char.IsAsciiLetterOrDigit(character) || character is '/' or '+')
        && LooksRandom(value, 0);

    /// <param name="literal">True when the value was quoted (or an XML value), so it cannot be an expression.</param>
    /// <param name="password">Passwords are chosen by people: shorter and less random than generated keys.</param>
    private static bool IsSecretValue(string value, bool literal, bool password)
    {
        if (value.Length < (password ? 8 : 12) || value.Length > 512 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!value.Any(char.IsAsciiDigit) || !value.Any(char.IsAsciiLetter))
        {
            return false;
        }

        // References to the environment, templates and secret stores: ${VAR}, {{ vault }}, %VAR%, $(cmd), <your-token>; ^…$ is a pattern.
        if (value[0] is '$' or '%' or '{' or '<' or '@' or '#' or '/' or '~' or '.' or '^'
            || value.Contains("${", StringComparison.Ordinal)
            || value.Contains("{{", StringComparison.Ordinal)
            || value.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        // Unquoted, code reads as an expression: os.environ["X"], process.env.X, getToken(), settings.api_key.
        if (!literal && (value.AsSpan().ContainsAny(ExpressionCharacters) || DottedName().IsMatch(value)))
        {
            return false;
        }

        if (PlaceholderFragments.Any(fragment => value.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            || DocumentedExamples.Any(example => value.Contains(example, StringComparison.Ordinal)))
        {
            return false;
        }

        return Entropy(value) >= (password ? 3.0 : 3.5);
    }

    /// <summary>Lower-case words of a name: <c>AWS_SECRET_ACCESS_KEY</c>, <c>apiKey</c> and <c>spring.datasource.password</c> all split.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var index = 0; index <= name.Length; index++)
        {
            var character = index < name.Length ? name[index] : '_';
            var boundary = !char.IsAsciiLetterOrDigit(character)
                || (start >= 0 && char.IsAsciiLetterUpper(character)
                    && (char.IsAsciiLetterLower(name[index - 1]) || (index + 1 < name.Length && char.IsAsciiLetterLower(name[index + 1]) && char.IsAsciiLetterUpper(name[index - 1]))));
            if (boundary && start >= 0)
            {
                words.Add(name[start..index].ToLowerInvariant());
                start = -1;
            }

            if (char.IsAsciiLetterOrDigit(character) && start < 0)
            {
                start = index;
            }
        }

        return words;
    }

    /// <summary>The first <paramref name="keep"/> characters (never more than four) and an ellipsis; the rest, and the length, stay hidden.</summary>
    private static string Mask(string value, int keep = 4) => string.Concat(value.AsSpan(0, Math.Min(Math.Min(keep, 4), value.Length / 3)), "…");

    /// <summary>Shannon entropy in bits per character.</summary>
    private static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var character in value)
        {
            counts[character] = counts.GetValueOrDefault(character) + 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var probability = (double)count / value.Length;
            entropy -= probability * Math.Log2(probability);
        }

        return entropy;
    }

    [GeneratedRegex(
        """-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{82}\b|\bxox[baprs]-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{20,}|\b[rs]k_live_[A-Za-z0-9]{24,}|\bAIza[A-Za-z0-9_\-]{35}""",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex KnownFormats();

    [GeneratedRegex("""\b(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<user>[^\s:/@"'`]*):(?<password>[^\s/@"'`]+)@""", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex("""^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$""", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DottedName();
}
