using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// Documentation comments (<c>///</c> and <c>/** */</c>) read from their text. The review parses without structuring
/// them (<see cref="DocumentationMode.None"/>: PowerShell's 474 changed files parse in 0.64 s instead of 0.82-0.94 s),
/// so a doc comment is an ordinary comment trivia whose text the lexer would have read as one; a trivia parsed with
/// structure (<c>SyntaxFactory.ParseLeadingTrivia</c>) is read from its structure as before.
/// </summary>
internal static partial class DocumentationComments
{
    /// <summary>True for a <c>///</c> line or a <c>/** */</c> block, as the C# lexer tells them from <c>////</c> and <c>/**/</c>.</summary>
    public static bool Is(SyntaxTrivia trivia) =>
        SyntaxFacts.IsDocumentationCommentTrivia(trivia.Kind()) || UnstructuredText(trivia) is not null;

    /// <summary>True for a documentation comment that says something: an element, or text that is not blank.</summary>
    public static bool Says(SyntaxTrivia trivia)
    {
        if (trivia.GetStructure() is DocumentationCommentTriviaSyntax structured)
        {
            return structured.Content.Any(node => node is XmlElementSyntax or XmlEmptyElementSyntax
                || (node is XmlTextSyntax text && !string.IsNullOrWhiteSpace(string.Concat(text.TextTokens.Select(token => token.ValueText)))));
        }

        return UnstructuredText(trivia) is { } text && !Content(text).IsWhiteSpace();
    }

    /// <summary>
    /// The names a documentation comment refers to, as its structure would hold them: those in <c>cref</c> attributes,
    /// and in the <c>name</c> of <c>param</c>, <c>paramref</c>, <c>typeparam</c> and <c>typeparamref</c>.
    /// </summary>
    public static IEnumerable<string> ReferencedNames(SyntaxTrivia trivia) =>
        UnstructuredText(trivia) is { } text ? ReferencedNames(text) : [];

    private static IEnumerable<string> ReferencedNames(string comment)
    {
        foreach (Match reference in Reference().Matches(comment))
        {
            foreach (Match name in Name().Matches(reference.Groups["value"].Value))
            {
                yield return name.Value.TrimStart('@');
            }
        }
    }

    /// <summary>
    /// The comment without its delimiters: what follows <c>///</c>, or what lies between <c>/**</c> and <c>*/</c>
    /// without the <c>*</c> that starts each of its lines.
    /// </summary>
    private static ReadOnlySpan<char> Content(string text)
    {
        if (text.StartsWith("///", StringComparison.Ordinal))
        {
            return text.AsSpan(3);
        }

        var inner = text.AsSpan(3, Math.Max(0, text.Length - (text.EndsWith("*/", StringComparison.Ordinal) ? 5 : 3)));
        return inner.ToString().Replace("*", " ", StringComparison.Ordinal);
    }

    /// <summary>The text of a documentation comment parsed as a plain one, or null for any other trivia.</summary>
    private static string? UnstructuredText(SyntaxTrivia trivia) => trivia.Kind() switch
    {
        SyntaxKind.SingleLineCommentTrivia when trivia.ToString() is var text && IsDocumentation(text, '/') => text,
        SyntaxKind.MultiLineCommentTrivia when trivia.ToString() is var text && IsDocumentation(text, '*') => text,
        _ => null,
    };

    /// <summary><c>///</c> but not <c>////</c>; <c>/**</c> but not <c>/**/</c>.</summary>
    private static bool IsDocumentation(string text, char second) =>
        text.Length >= 3 && text[0] == '/' && text[1] == second && text[2] == second && (text.Length == 3 || text[3] != '/');

    [GeneratedRegex("""(?:\bcref|<\s*(?:param|paramref|typeparam|typeparamref)\b[^>]*?\bname)\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)')""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    [GeneratedRegex(@"@?[\p{L}_][\p{L}\p{Nd}_]*", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
