using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

/// <summary>How an identifier is cased, ignoring any field prefix (<c>_</c>, <c>m_</c>, <c>s_</c>, <c>t_</c>).</summary>
internal enum CaseStyle
{
    /// <summary><c>ProjectStore</c>; also two-letter acronyms such as <c>IO</c>.</summary>
    Pascal,

    /// <summary><c>projectStore</c>, and single words such as <c>id</c>.</summary>
    Camel,

    /// <summary><c>project_store</c>: lower case words joined by underscores.</summary>
    Snake,

    /// <summary><c>PROJECT_STORE</c>: upper case words joined by underscores.</summary>
    Screaming,

    /// <summary><c>URL</c>: upper case without underscores, three letters or more.</summary>
    Upper,

    /// <summary><c>Save_NeedsLock</c>, <c>project_Store</c>: mixed case joined by underscores.</summary>
    MixedUnderscores,

    /// <summary>Starts with a digit after a prefix, or has no letters.</summary>
    Other,
}

/// <summary>
/// An identifier split into its prefix and casing, so messages classify it correctly
/// (<c>consumer_obj</c> is snake_case, not camelCase) and renames can be suggested.
/// </summary>
internal readonly record struct IdentifierStyle(string Prefix, CaseStyle Case, string Body)
{
    private static readonly string[] FieldPrefixes = ["m_", "s_", "t_"];

    /// <summary>Classifies a name; field prefixes other than <c>_</c> are only recognised when <paramref name="fieldPrefixes"/> is set.</summary>
    public static IdentifierStyle Of(string name, bool fieldPrefixes = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = string.Empty;
        if (fieldPrefixes)
        {
            foreach (var candidate in FieldPrefixes)
            {
                if (name.Length > candidate.Length + 1 && name.StartsWith(candidate, StringComparison.Ordinal) && char.IsLetter(name[candidate.Length]))
                {
                    prefix = candidate;
                    break;
                }
            }
        }

        if (prefix.Length == 0 && name.Length > 1 && name[0] == '_' && char.IsLetter(name[1]))
        {
            prefix = "_";
        }

        var body = name[prefix.Length..];
        return new IdentifierStyle(prefix, ClassifyBody(body), body);
    }

    /// <summary>How a reader would name the style: <c>snake_case</c>, <c>_camelCase</c>, <c>m_camelCase</c>.</summary>
    public string Display => Prefix + Case switch
    {
        CaseStyle.Pascal => "PascalCase",
        CaseStyle.Camel => "camelCase",
        CaseStyle.Snake => "snake_case",
        CaseStyle.Screaming => "SCREAMING_CASE",
        CaseStyle.Upper => "UPPERCASE",
        CaseStyle.MixedUnderscores => char.IsUpper(Body[0]) ? "PascalCase joined by underscores" : "camelCase joined by underscores",
        _ => "unconventionally cased",
    };

    public bool IsPrefixed => Prefix.Length > 0;

    /// <summary>Pascal, or an all-caps acronym (<c>URL</c>), with no prefix: acceptable wherever PascalCase is.</summary>
    public bool IsPascalLike => !IsPrefixed && Case is CaseStyle.Pascal or CaseStyle.Upper;

    public bool IsCamel => !IsPrefixed && Case == CaseStyle.Camel;

    public static string ToPascal(string identifier) => Join(IdentifierWords.Split(identifier), lowerFirst: false);

    public static string ToCamel(string identifier) => Join(IdentifierWords.Split(identifier), lowerFirst: true);

    /// <summary>Prefixes <c>@</c> when the suggestion would be a keyword (<c>event</c> → <c>@event</c>).</summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    private static CaseStyle ClassifyBody(string body)
    {
        if (body.Length == 0 || !char.IsLetter(body[0]))
        {
            return CaseStyle.Other;
        }

        var hasLower = false;
        var hasUpper = false;
        var letters = 0;
        foreach (var character in body)
        {
            hasLower |= char.IsLower(character);
            hasUpper |= char.IsUpper(character);
            letters += char.IsLetter(character) ? 1 : 0;
        }

        if (body.Contains('_', StringComparison.Ordinal))
        {
            return (hasLower, hasUpper) switch
            {
                (true, false) => CaseStyle.Snake,
                (false, true) => CaseStyle.Screaming,
                _ => CaseStyle.MixedUnderscores,
            };
        }

        if (char.IsLower(body[0]))
        {
            return CaseStyle.Camel;
        }

        return !hasLower && letters >= 3 ? CaseStyle.Upper : CaseStyle.Pascal;
    }

    private static string Join(IReadOnlyList<string> words, bool lowerFirst)
    {
        var builder = new StringBuilder();
        for (var index = 0; index < words.Count; index++)
        {
            var word = words[index];
            if (index == 0 && lowerFirst)
            {
                builder.Append(word.ToLowerInvariant());
                continue;
            }

            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(word.Length > 1 && IsAllUpper(word) ? word[1..].ToLowerInvariant() : word[1..]);
        }

        return builder.ToString();
    }

    private static bool IsAllUpper(string word)
    {
        foreach (var character in word)
        {
            if (char.IsLower(character))
            {
                return false;
            }
        }

        return true;
    }
}
