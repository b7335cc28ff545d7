namespace PrReviewBot.Engine.Detection.Secrets;

/// <summary>How a language front end found a value that may be a credential.</summary>
public enum SecretCandidateKind
{
    /// <summary>A variable, field, property, constant, attribute or configuration key given a value: <c>password = "…"</c>, <c>password: …</c>.</summary>
    Assignment,

    /// <summary>A named or keyword argument: <c>Connect(password: "…")</c>, <c>connect(password="…")</c>.</summary>
    NamedArgument,

    /// <summary>A dictionary, object or settings entry whose key is the name: <c>{"password": "…"}</c>, <c>["password"] = "…"</c>.</summary>
    DictionaryEntry,

    /// <summary>A method whose name says it sets a credential, given a constant: <c>SetPassword("…")</c>.</summary>
    SetterCall,

    /// <summary>A credential-named value compared with a constant: <c>password == "…"</c>.</summary>
    Comparison,

    /// <summary>A value passed where the API itself says "password" or "key" (the name is the role): <c>new NetworkCredential(user, "…")</c>.</summary>
    CredentialArgument,

    /// <summary>A string or line read for what it embeds: connection-string pairs, URLs with a password, well-known token formats.</summary>
    Text,
}

/// <summary>
/// A value a front end extracted, with the name it lands in. The front end only finds candidates;
/// <see cref="SecretDetector"/> alone decides which are credentials.
/// </summary>
/// <param name="Name">The receiving name (variable, key, parameter); for <see cref="SecretCandidateKind.CredentialArgument"/> the role, such as "the password of `NetworkCredential`"; empty for text.</param>
/// <param name="Value">The constant value (for <see cref="SecretCandidateKind.Text"/>, the whole string or line).</param>
/// <param name="Bare">True when the value was written unquoted in free text (<c>KEY=value</c>), where it may be an expression rather than a literal.</param>
/// <param name="Generated">
/// For a <see cref="SecretCandidateKind.CredentialArgument"/>: the API takes key material a service issued (an AWS access key,
/// an API secret), so a value made of words (<c>this-is-not-a-key</c>) is a stand-in; otherwise the credential is chosen by a
/// person (a password, a signing key) and any real value is one, even <c>secret</c>.
/// </param>
public sealed record SecretCandidate(SecretCandidateKind Kind, string Name, string Value, bool Bare = false, bool Generated = false);

/// <summary>A credential the detector found: the message to report and the masked value it shows.</summary>
public sealed record SecretVerdict(string Message, string Masked);
