using System.Buffers;
using System.Text.RegularExpressions;
using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>
/// The one judgement of whether a value is a real credential rather than a placeholder, a
/// reference to where the real one lives, a label, a path or prose.
/// </summary>
internal static partial class SecretValues
{
    /// <summary>Values that stand for a credential instead of being one.</summary>
    private static readonly HashSet<string> PlaceholderValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change_me", "change-me", "replaceme", "replace_me", "replace-me", "todo", "tbd", "fixme", "placeholder", "redacted",
        "none", "null", "nil", "undefined", "n/a", "na", "empty", "default", "string", "value", "example", "sample", "dummy", "xxx", "xxxx",
        "...", "hidden", "masked", "secret", "password", "passwd", "pwd", "token",
    };

    /// <summary>Placeholder values that are themselves a guessable credential when an API is handed them as its password or key.</summary>
    private static readonly HashSet<string> CredentialWordValues = new(StringComparer.OrdinalIgnoreCase) { "secret", "password", "passwd", "token" };

    /// <summary>
    /// Words that make up the values people write when they mean "some secret goes here":
    /// <c>test-token</c>, <c>fake_secret_key</c>, <c>dummyPassword1</c>, <c>my-api-key</c>.
    /// Words a real default credential uses (<c>admin</c>, <c>root</c>, <c>guest</c>) are deliberately absent.
    /// </summary>
    private static readonly string[] FakeWords =
    [
        "a", "test", "testing", "tests", "fake", "dummy", "mock", "mocked", "stub", "example", "sample", "placeholder", "secret", "secrets",
        "password", "passwd", "pass", "pwd", "token", "key", "api", "access", "auth", "client", "private", "changeme", "change",
        "me", "replace", "my", "your", "some", "super", "not", "real", "valid", "invalid", "wrong", "bad", "good", "default", "demo",
        "dev", "local", "value", "string", "xxx", "abc", "xyz", "this", "is", "the", "other", "another", "new", "old", "very", "top",
        "insecure", "unsafe", "sekret", "sikrit", "here", "goes", "lorem", "ipsum", "redacted", "todo", "insert",
    ];

    /// <summary>Example tokens from specifications and vendor documentation (OAuth 2.0 RFC 6749, OAuth 1.0 RFC 5849, AWS), quoted in many libraries' docs.</summary>
    private static readonly string[] DocumentedExamples =
    [
        "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA", "dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk",
        "pfkkdhi9sl3r4s00", "EXAMPLE",
    ];

    /// <summary>Brackets around a name that stands for the value: <c>{token}</c>, <c>&lt;password&gt;</c>, <c>[key]</c>, <c>%PASSWORD%</c>.</summary>
    private static readonly string[] Enclosers = ["{}", "<>", "[]", "%%"];

    /// <summary>Starts of interpolations, references and markers: <c>${VAR}</c>, <c>#{x}</c>, <c>$(cmd)</c>, <c>your-key</c>, <c>{cipher}…</c>, <c>ENC(…)</c>.</summary>
    private static readonly string[] PlaceholderPrefixes = ["${", "#{", "$(", "your", "{cipher}", "ENC("];

    /// <summary>Parts of format strings and masks: <c>{0}</c>, <c>{}</c>, <c>{{ x }}</c>, <c>xxxx</c>, <c>****</c>.</summary>
    private static readonly string[] PlaceholderFragments = ["{0}", "{}", "{{", "${", "****"];

    /// <summary>Credential words that, found in both a name and its value, make the value a label: <c>PasswordField = "txtPassword"</c>.</summary>
    private static readonly string[] LabelWords = ["pass", "pwd", "secret", "token", "key", "credential", "auth"];

    private static readonly SearchValues<char> ExpressionCharacters = SearchValues.Create("()[]{}$<>");

    private static readonly string[] AuthSchemes = ["Bearer ", "Basic ", "Token ", "Digest "];

    /// <summary>
    /// True when <paramref name="raw"/>, given to a name of <paramref name="kind"/>, is a real credential.
    /// Passwords are chosen by people: any real value counts. Generated secrets must look like key material.
    /// </summary>
    public static bool IsSecret(string raw, SecretNameKind kind, string name, bool bare)
    {
        var value = StripAuthScheme(raw.Trim());
        // Control characters (`"\easda"`) come from escapes in test strings; nobody types them into a password.
        if (kind == SecretNameKind.None || value.Length is 0 or > 4096 || !value.Any(char.IsLetterOrDigit) || value.Any(char.IsWhiteSpace) || value.Any(char.IsControl))
        {
            return false;
        }

        if (IsPlaceholder(value) || IsReference(value, bare) || NamesItself(value, name) || IsMadeOfFakeWords(value) || IsMarkedPhrase(value))
        {
            return false;
        }

        if (kind != SecretNameKind.Password && (IsWordsOrIdentifier(value) || PascalCaseName().IsMatch(value) || LooksLikePattern(value)))
        {
            // `character_maximum_length`, `_sa_default`, `PowerShellNuGetOrgPush` (the name of an Azure DevOps service
            // connection, given as `publishFeedCredentials`), `(?:"[^"]+"|\w+)`: names and patterns, not key material.
            return false;
        }

        if (kind == SecretNameKind.Password && value.Length < 3)
        {
            // `a`, `xe`: too short to be anyone's real password; test fixtures and dialect defaults.
            return false;
        }

        var hasLetter = value.Any(char.IsLetter);
        var hasDigitOrSymbol = value.Any(character => char.IsDigit(character) || !char.IsLetterOrDigit(character));
        var mixedCase = value.Any(char.IsUpper) && value.Any(char.IsLower);
        return kind switch
        {
            SecretNameKind.Password => true,
            SecretNameKind.Secret => value.Length >= 6 && hasLetter && (hasDigitOrSymbol || (mixedCase && value.Length >= 20)) && Entropy(value) >= 2.8,
            SecretNameKind.BareKey => value.Length >= 16 && hasDigitOrSymbol && Entropy(value) >= 3.5,
            _ => false,
        };
    }

    /// <summary>
    /// A value passed where the API says "password" or "key": anything but nothing or a stand-in counts, even prose, a documented
    /// example key (it is still a literal credential handed to the API) or a bare credential word (<c>jwt.encode(claims, "secret")</c>
    /// signs with a key anyone can guess). Key material a service issued is never made of words (<paramref name="generated"/>).
    /// </summary>
    public static bool IsArgumentSecret(string value, bool generated)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || IsFillIn(trimmed) || (PlaceholderValues.Contains(trimmed) && !CredentialWordValues.Contains(trimmed)))
        {
            return false;
        }

        return !generated || (!trimmed.Any(char.IsWhiteSpace) && !CredentialWordValues.Contains(trimmed) && !IsMadeOfFakeWords(trimmed) && !IsMarkedPhrase(trimmed));
    }

    /// <summary>A password in a URL's user info: <c>postgres://app:…@db</c>; not the user's name again, a marker or a placeholder.</summary>
    public static bool IsUrlPassword(string user, string password) =>
        password != user && !string.Equals(user, "scott", StringComparison.OrdinalIgnoreCase) && password.Any(char.IsLetterOrDigit) && !IsPlaceholder(password) && !IsParameterMarker(password)
        && !NamesItself(password, "password") && !IsMadeOfFakeWords(password) && password[0] is not ('$' or '%' or '{' or '<');

    /// <summary>
    /// Words joined by <c>_</c>, <c>-</c> or <c>.</c>, the first of letters and each other of letters or of up to four digits
    /// (<c>character_maximum_length</c>, <c>_sa_default</c>, the mechanism <c>scram-sha-256</c>, the cipher <c>aes-256-gcm</c>).
    /// </summary>
    private static bool IsWordsOrIdentifier(string value) => WordsOrIdentifier().IsMatch(value);

    /// <summary>A regular expression's syntax: groups, classes, escapes.</summary>
    private static bool LooksLikePattern(string value) =>
        value.Contains("(?", StringComparison.Ordinal) || value.Contains("[^", StringComparison.Ordinal)
        || value.Contains("\\w", StringComparison.Ordinal) || value.Contains("\\d", StringComparison.Ordinal) || value.Contains("\\s", StringComparison.Ordinal);

    /// <summary>
    /// A password-named setting of a local service container in CI or compose files (<c>POSTGRES_PASSWORD: saleor</c>):
    /// one plain word, set for a throwaway database that only the job or the developer's machine can reach.
    /// </summary>
    public static bool IsServiceContainerDefault(string value) => value.Length <= 16 && value.All(char.IsAsciiLetterLower);

    /// <summary>The stock words of sample data and setup guides (<c>password: admin</c>): documentation of a default, not a secret.</summary>
    public static bool IsStockWord(string value) =>
        value.ToLowerInvariant() is "admin" or "password" or "passwd" or "secret" or "root" or "guest" or "test" or "demo" or "user" or "changeme" or "default" or "example";

    /// <summary>Values such as <c>true</c> or <c>off</c> that switch a setting rather than hold a secret.</summary>
    public static bool IsSwitch(string value) => value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "0" or "1";

    public static bool IsPlaceholder(string value) =>
        PlaceholderValues.Contains(value) || IsFillIn(value) || DocumentedExamples.Any(example => value.Contains(example, StringComparison.Ordinal));

    /// <summary>Marks, masks and templates that stand where a value is to be filled in: <c>****</c>, <c>aaaa</c>, <c>&lt;key&gt;</c>, <c>${X}</c>, <c>%s</c>.</summary>
    private static bool IsFillIn(string value)
    {
        if (value.All(character => character is '*' or 'x' or 'X' or '.' or '#' or '-' or '_' or '?' or '•'))
        {
            return true;
        }

        if (value.Length >= 4 && value.Distinct().Count() <= 2)
        {
            // aaaa, 1111, aaaaaaaa1: typed to fill a field.
            return true;
        }

        return Enclosers.Any(pair => value.Length > 2 && value[0] == pair[0] && value[^1] == pair[1])
            || PlaceholderPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            || PlaceholderFragments.Any(fragment => value.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            || IsMostlyMasked(value)
            || FormatSpecifier().IsMatch(value);
    }

    /// <summary>
    /// Runs of <c>xxxx</c> stand for the characters of a value; what is left is a placeholder unless it
    /// is still key material (<c>AKIAxxxx…</c>, <c>your-xxxx</c> are placeholders; a key with a few characters
    /// masked out, eight or more with a digit left, is still the key).
    /// </summary>
    private static bool IsMostlyMasked(string value)
    {
        if (!value.Contains("xxxx", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = MaskRuns().Replace(value, string.Empty);
        return rest.Length < 8 || !rest.Any(char.IsDigit);
    }

    /// <summary>SQL and ORM parameter markers: <c>?</c>, <c>:password</c>, <c>@pwd</c>, <c>$1</c>.</summary>
    public static bool IsParameterMarker(string value) => value is "?" || ParameterMarker().IsMatch(value);

    /// <summary>
    /// Where the real value lives rather than the value: an environment variable or configuration
    /// key (<c>DB_PASSWORD</c>, <c>Jwt:Key</c>, <c>custom.password</c>), a path, a URL, a parameter
    /// marker, a switch; and, unquoted in free text, an expression (<c>os.environ["X"]</c>, <c>settings.token</c>).
    /// </summary>
    private static bool IsReference(string value, bool bare)
    {
        if (IsParameterMarker(value) || IsSwitch(value) || ConfigKeyOrPath().IsMatch(value) || value.Contains("://", StringComparison.Ordinal)
            || value[0] is '/' or '~' or '\\' or '%' or '^' || value.StartsWith("./", StringComparison.Ordinal))
        {
            return true;
        }

        return bare && (value.AsSpan().ContainsAny(ExpressionCharacters) || value[0] is '#' or '.' || DottedName().IsMatch(value));
    }

    /// <summary>
    /// A value without digits that contains the name's own kind of word, or is one of the name's words, is a label or key name:
    /// <c>password = "Password"</c>, <c>token = "X-Auth-Token"</c>, <c>POSTGRES_PASSWORD = "postgres"</c>; <c>password = "secret1"</c> is still a password.
    /// </summary>
    public static bool NamesItself(string value, string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (value.Any(char.IsDigit))
        {
            // password = "password88": the name's own word with a number is a label or a test value, not a chosen password.
            var letters = new string([.. value.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
            return letters.Length >= 4 && IdentifierWords.Lower(name).Contains(letters);
        }

        var lower = value.ToLowerInvariant();
        var nameWords = IdentifierWords.Lower(name);
        var normalizedName = string.Concat(nameWords);
        return LabelWords.Any(word => lower.Contains(word, StringComparison.Ordinal) && nameWords.Any(nameWord => nameWord.Contains(word, StringComparison.Ordinal)))
            || nameWords.Contains(lower)
            || string.Concat(IdentifierWords.Lower(value)) == normalizedName
            || (nameWords.Count == 1 && lower.Contains(nameWords[0], StringComparison.Ordinal));
    }

    /// <summary>
    /// Every run of letters in the value spells only <see cref="FakeWords"/> (digits and separators aside), with four letters or more,
    /// and the value is more than one credential word with digits: <c>test_password_123</c>, <c>supersecret</c>, <c>dummy-token</c>, <c>secret</c>.
    /// A lone credential word with digits (<c>Secret123</c>) is how people really pick weak passwords; leetspeak and random strings have runs no word covers.
    /// </summary>
    public static bool IsMadeOfFakeWords(string value)
    {
        var runs = LetterRuns().Matches(value).Select(match => match.Value.ToLowerInvariant()).ToList();
        if (runs.Sum(run => run.Length) < 4)
        {
            return false;
        }

        var words = 0;
        foreach (var run in runs)
        {
            var count = FakeWordCount(run);
            if (count == 0)
            {
                return false;
            }

            words += count;
        }

        return words >= 2 || !value.Any(char.IsDigit) || runs.Any(run => MarkerWords.Any(marker => run.Contains(marker, StringComparison.Ordinal)));
    }

    /// <summary>Lower-case words joined by separators, one of which says the value is not real: <c>this-is-probably-a-test</c>.</summary>
    public static bool IsMarkedPhrase(string value)
    {
        var runs = LetterRuns().Matches(value).Select(match => match.Value).ToList();
        return runs.Count >= 2 && !value.Any(char.IsDigit) && runs.All(run => run.All(char.IsLower))
            && runs.Any(run => MarkerWords.Any(marker => run.Contains(marker, StringComparison.Ordinal)));
    }

    /// <summary>Words that say outright the value is not real.</summary>
    private static readonly string[] MarkerWords = ["test", "fake", "dummy", "mock", "stub", "example", "sample", "placeholder", "changeme", "demo", "redacted", "todo", "lorem"];

    /// <summary>The fewest fake words the letters split into (<c>mysecretkey</c> → my·secret·key: 3), or 0 when they do not split.</summary>
    private static int FakeWordCount(string letters)
    {
        var fewest = new int[letters.Length + 1];
        Array.Fill(fewest, int.MaxValue);
        fewest[0] = 0;
        for (var start = 0; start < letters.Length; start++)
        {
            if (fewest[start] == int.MaxValue)
            {
                continue;
            }

            foreach (var word in FakeWords)
            {
                if (start + word.Length <= letters.Length && string.CompareOrdinal(letters, start, word, 0, word.Length) == 0)
                {
                    fewest[start + word.Length] = Math.Min(fewest[start + word.Length], fewest[start] + 1);
                }
            }
        }

        return fewest[letters.Length] == int.MaxValue ? 0 : fewest[letters.Length];
    }

    private static string StripAuthScheme(string value)
    {
        foreach (var scheme in AuthSchemes)
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return value[scheme.Length..].Trim();
            }
        }

        return value;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
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

    /// <summary><c>settings.github_token2</c>, <c>process.env.TOKEN</c>: unquoted, a name read from somewhere.</summary>
    [GeneratedRegex("""^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$""", RegexOptions.CultureInvariant)]
    private static partial Regex DottedName();

    [GeneratedRegex(@"^(?:[:@$][A-Za-z_][A-Za-z0-9_.]*|\$\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterMarker();

    [GeneratedRegex(@"^_*[A-Za-z]+(?:[_\-.](?:[A-Za-z]+|[0-9]{1,4}))+_*$", RegexOptions.CultureInvariant)]
    private static partial Regex WordsOrIdentifier();

    /// <summary>Three or more capitalised words run together (<c>PowerShellNuGetOrgPush</c>): a random mix of cases rarely reads so.</summary>
    [GeneratedRegex(@"^(?:[A-Z][a-z]+){3,}$", RegexOptions.CultureInvariant)]
    private static partial Regex PascalCaseName();

    [GeneratedRegex("[xX]{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex MaskRuns();

    [GeneratedRegex("[A-Za-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex LetterRuns();

    /// <summary><c>%s</c>, <c>%(password)s</c>, <c>%d</c>: a value filled in later.</summary>
    [GeneratedRegex(@"%(?:\([^)]*\))?[sdr]", RegexOptions.CultureInvariant)]
    private static partial Regex FormatSpecifier();

    /// <summary>Configuration keys and dotted names: <c>Jwt:Key</c>, <c>custom.password</c>, <c>DB_PASSWORD</c>.</summary>
    [GeneratedRegex("""^(?:[A-Za-z_][A-Za-z_\-]*(?:[:.][A-Za-z_][A-Za-z_\-]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$""", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKeyOrPath();
}
