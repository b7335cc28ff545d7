using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>
/// The one secret detector. Language front ends (C#, Python, text files) extract candidates;
/// this decides, with one vocabulary of names (<see cref="SecretNames"/>), one judgement of values,
/// one list of known formats (<see cref="CredentialFormats"/>), one mask (<see cref="SecretMask"/>) and
/// one wording, so the same credential gets the same verdict and message in every language.
/// </summary>
public static partial class SecretDetector
{
    private const string Consequence = "anyone who can read the repository can use it.";

    /// <summary>The verdict on a candidate: null when it is not a credential.</summary>
    public static SecretVerdict? Judge(SecretCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Kind switch
        {
            SecretCandidateKind.Text => InText(candidate.Value),
            SecretCandidateKind.CredentialArgument => CredentialArgument(candidate.Name, candidate.Value, candidate.Generated),
            _ => Named(candidate),
        };
    }

    /// <summary>The verdict on a text (a string constant, a line): known formats, URLs with a password, and <c>name=value</c> pairs such as connection strings.</summary>
    /// <param name="followingLines">The lines after a line of a file, where a private key's material goes on.</param>
    public static SecretVerdict? InText(string text, IReadOnlyList<string>? followingLines = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Format(text, followingLines) ?? UrlPassword(text) ?? Pairs(text);
    }

    /// <summary>The verdict on a known format in the text, or null.</summary>
    public static SecretVerdict? Format(string text, IReadOnlyList<string>? followingLines = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CredentialFormats.Find(text, followingLines) is not { } match)
        {
            return null;
        }

        if (match.IsPrivateKey)
        {
            return new($"A {match.Description} is committed in plain text; anyone who can read the repository can impersonate its owner.", string.Empty);
        }

        var masked = SecretMask.Of(match.Value, match.PrefixLength);
        return new($"{match.Description} `{masked}` is committed in plain text; {Consequence}", masked);
    }

    /// <summary>The verdict on the first URL with a real password in its user info (<c>postgres://app:…@db</c>), or null.</summary>
    public static SecretVerdict? UrlPassword(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("://", StringComparison.Ordinal) || !text.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (Match match in UrlCredentials().Matches(text))
        {
            var user = match.Groups["user"].Value;
            var password = match.Groups["password"].Value;
            if (SecretValues.IsUrlPassword(user, password) && !IsLocalHost(text, match.Index + match.Length))
            {
                var owner = user.Length == 0 ? string.Empty : $" for `{user}`";
                var masked = SecretMask.Of(password);
                return new($"The URL `{match.Groups["scheme"].Value}://…` embeds a hard-coded password{owner} (`{masked}`); {Consequence}", masked);
            }
        }

        return null;
    }

    /// <summary>
    /// A URL whose host is this machine (<c>postgres://scott:tiger@localhost/test</c>): a developer's or a
    /// test run's local service, whose password opens nothing anyone else can reach.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> HostEnd = System.Buffers.SearchValues.Create(":/?#\"' ");

    private static bool IsLocalHost(string text, int hostStart)
    {
        var host = text.AsSpan(hostStart);
        var end = host.IndexOfAny(HostEnd);
        host = end < 0 ? host : host[..end];
        return host is "localhost" or "127.0.0.1" or "0.0.0.0" or "[::1]" or "::1" or "host.docker.internal"
            || host.StartsWith("127.", StringComparison.Ordinal) || host.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>
    /// Hard-coded key bytes (<c>new byte[] { 5, 17, … }</c>): given where an API says "key" (the name is then the role),
    /// or to a key-named value; a password made of bytes is not judged.
    /// </summary>
    public static SecretVerdict? KeyBytes(SecretCandidateKind kind, string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (count < 8)
        {
            return null;
        }

        return kind == SecretCandidateKind.CredentialArgument
            ? new($"Hard-coded bytes are {name}; anyone who can read the repository can use them.", string.Empty)
            : SecretNames.Classify(name) is SecretNameKind.Secret or SecretNameKind.BareKey
                ? new($"`{name}` is set to {count} hard-coded key bytes; anyone who can read the repository can decrypt or sign with them.", string.Empty)
                : null;
    }

    private static SecretVerdict? CredentialArgument(string role, string value, bool generated)
    {
        if (Format(value) is { } format)
        {
            return format;
        }

        if (!SecretValues.IsArgumentSecret(value, generated))
        {
            return null;
        }

        var masked = SecretMask.Of(value.Trim());
        return new($"A hard-coded value (`{masked}`) is {role}; {Consequence}", masked);
    }

    private static SecretVerdict? Named(SecretCandidate candidate)
    {
        var (name, value) = (candidate.Name, candidate.Value);
        if (Format(value) is { } format)
        {
            return format;
        }

        var kind = SecretNames.Classify(name);
        if (kind == SecretNameKind.None)
        {
            return null;
        }

        if (candidate.Kind != SecretCandidateKind.Comparison && IsAwsSecretKey(name, value))
        {
            var awsMask = SecretMask.Of(value, 0);
            return new($"An AWS secret access key (`{name}` = `{awsMask}`) is committed in plain text; {Consequence}", awsMask);
        }

        if (!SecretValues.IsSecret(value, kind, name, candidate.Bare))
        {
            return null;
        }

        var what = SecretNames.IsPasswordName(name) ? "password" : "secret";
        var masked = SecretMask.Of(value.Trim());
        return candidate.Kind switch
        {
            SecretCandidateKind.Comparison => new($"`{name}` is compared with a hard-coded {what} (`{masked}`); {Consequence}", masked),
            SecretCandidateKind.SetterCall => new($"`{name}` is given a hard-coded {what} (`{masked}`); {Consequence}", masked),
            _ => new($"`{name}` is set to a hard-coded {what} (`{masked}`); {Consequence}", masked),
        };
    }

    /// <summary>
    /// <c>name=value</c> pairs inside a string: connection strings (<c>Server=…;Password=…</c>), query
    /// strings (<c>?token=…</c>) and settings lines. A bare pair value ends at <c>;</c> or <c>&amp;</c>.
    /// </summary>
    private static SecretVerdict? Pairs(string text)
    {
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (Match match in KeyValuePairs().Matches(text))
        {
            var key = match.Groups["key"].Value;
            var raw = match.Groups["value"].Value.Trim();
            var quoted = raw.Length > 1 && raw[0] is '"' or '\'' && raw[^1] == raw[0];
            var value = quoted ? raw[1..^1] : raw;
            if (!quoted && LeadingPair().IsMatch(value))
            {
                // `Password=Server=db`: the password is missing and the next setting lost its `;`; no value was given.
                continue;
            }

            if (Named(new SecretCandidate(SecretCandidateKind.DictionaryEntry, key, value)) is { } verdict)
            {
                return verdict;
            }
        }

        return null;
    }

    private static bool IsAwsSecretKey(string name, string value) =>
        value.Length == 40
        && SecretNames.IsAwsSecretKey(name)
        && value.All(character => char.IsAsciiLetterOrDigit(character) || character is '/' or '+')
        && !SecretValues.IsPlaceholder(value)
        && value.Any(char.IsAsciiDigit)
        && SecretValues.Entropy(value) >= 3.0;

    /// <summary><c>key=value</c> pairs of connection strings, query strings and settings: <c>Password=…</c>, <c>api_key=…</c>.</summary>
    /// <remarks>A bare value ends at <c>;</c> or <c>&amp;</c>, or at white space before the next <c>key=</c> (libpq's <c>host=db password=…</c>).</remarks>
    [GeneratedRegex("""(?<key>[A-Za-z][\w\-]*)\s*=\s*(?<value>"[^"]*"|'[^']*'|[^;&\s]+(?=\s+[A-Za-z_][\w\-]*\s*=)|[^;&]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePairs();

    /// <summary>A value that starts as a <c>key=value</c> pair of its own (not a base64 value's trailing <c>=</c>).</summary>
    [GeneratedRegex("""^[A-Za-z][\w\-]*\s*=(?=[^=])""", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingPair();

    /// <remarks>The user info holds only the characters RFC 3986 allows there, so prose such as <c>http://site&lt;br&gt;Email:me@site</c> is no URL with a password.</remarks>
    [GeneratedRegex("""\b(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<user>[A-Za-z0-9._~%!$&'()*+,;=\-]*):(?<password>[^\s/@"`<>{}]+)@""", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();
}
