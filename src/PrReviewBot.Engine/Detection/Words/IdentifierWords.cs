using System.Text;

namespace PrReviewBot.Engine.Detection.Words;

/// <summary>
/// The words of identifiers and of text, one splitter for every language and rule: camelCase,
/// PascalCase, snake_case, kebab-case and dotted names split the same way, and an acronym ends
/// where the next word starts (<c>HTTPServer</c> → HTTP, Server).
/// </summary>
public static class IdentifierWords
{
    /// <summary>
    /// The words as written: <c>projectExternal_ID</c> → project, External, ID; <c>getV2Data</c> → get, V2, Data.
    /// Digits stay with the word before them, so names respelled from these words keep <c>V2</c> and <c>Sha256</c> whole.
    /// </summary>
    public static IReadOnlyList<string> Split(string identifier) => Scan(identifier, digitsApart: false, lower: false);

    /// <summary>
    /// Lower-case words with runs of digits as words of their own, for comparing names with a
    /// vocabulary: <c>XML_ApiKey2</c> → xml, api, key, 2; <c>password_reset_url</c> → password, reset, url.
    /// </summary>
    public static IReadOnlyList<string> Lower(string identifier) => Scan(identifier, digitsApart: true, lower: true);

    /// <summary>
    /// The identifier-like tokens of prose or code, as written: runs of letters, digits and
    /// underscores, keeping an apostrophe between letters (<c>don't</c>).
    /// </summary>
    public static IEnumerable<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            var inWord = index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_'
                || (text[index] == '\'' && start >= 0 && index + 1 < text.Length && char.IsLetter(text[index + 1])));
            if (inWord && start < 0)
            {
                start = index;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..index];
                start = -1;
            }
        }
    }

    private static List<string> Scan(string identifier, bool digitsApart, bool lower)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var index = 0; index < identifier.Length; index++)
        {
            var character = identifier[index];
            if (!char.IsLetterOrDigit(character))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                var previous = identifier[index - 1];
                var nextIsLower = index + 1 < identifier.Length && char.IsLower(identifier[index + 1]);
                var boundary = char.IsUpper(character) && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower));
                boundary |= digitsApart && char.IsDigit(previous) != char.IsDigit(character);
                if (boundary)
                {
                    Flush(words, current);
                }
            }

            current.Append(lower ? char.ToLowerInvariant(character) : character);
        }

        Flush(words, current);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
