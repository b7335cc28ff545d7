namespace PrReviewBot.Engine.Languages.Python;

/// <summary>Token kinds of Python's tokenize module, plus ERRORTOKEN for text the lexer cannot accept.</summary>
public enum PythonTokenKind
{
    EndMarker,
    Name,
    Number,
    StringLiteral,
    Op,
    Comment,
    /// <summary>End of a logical line.</summary>
    Newline,
    /// <summary>A line break that does not end a logical line: blank, comment-only, or inside brackets.</summary>
    NonLogicalNewline,
    Indent,
    Dedent,
    ErrorToken,
}

/// <summary>A line and column in a Python source: lines are 1-based, columns are 0-based UTF-16 offsets into the line, as in CPython's tokenize.</summary>
public readonly record struct PythonPosition(int Line, int Column);

/// <summary>One replacement field of an f-string: the expression text and where it starts in the source.</summary>
/// <param name="Expression">The expression, without a trailing self-documenting <c>=</c>, conversion or format spec.</param>
/// <param name="Offset">Offset of the expression's first character in the whole source.</param>
/// <param name="Conversion">The conversion character (<c>r</c>, <c>s</c>, <c>a</c>) or null.</param>
/// <param name="IsSelfDocumenting">True for <c>{x=}</c>.</param>
public sealed record PythonFStringField(string Expression, int Offset, PythonPosition Start, char? Conversion, bool IsSelfDocumenting);

/// <summary>One token. Offsets index the decoded source text; <see cref="BracketDepth"/> is the nesting depth of (), [], {} before the token.</summary>
public sealed record PythonToken(
    PythonTokenKind Kind,
    string Text,
    PythonPosition Start,
    PythonPosition End,
    int StartOffset,
    int EndOffset,
    int BracketDepth)
{
    private static readonly IReadOnlyList<PythonFStringField> NoFields = [];

    /// <summary>Replacement fields of an f-string token (those of nested f-strings are inside these fields' expressions); empty otherwise.</summary>
    public IReadOnlyList<PythonFStringField> FStringFields { get; init; } = NoFields;

    public bool IsOp(string op) => Kind == PythonTokenKind.Op && string.Equals(Text, op, StringComparison.Ordinal);

    public bool IsName(string name) => Kind == PythonTokenKind.Name && string.Equals(Text, name, StringComparison.Ordinal);

    /// <summary>The string prefix letters (e.g. <c>rb</c>, <c>f</c>) of a STRING token, lower-cased; empty for other tokens.</summary>
    public string StringPrefix
    {
        get
        {
            if (Kind != PythonTokenKind.StringLiteral)
            {
                return string.Empty;
            }

            var length = 0;
            while (length < Text.Length && Text[length] is not ('\'' or '"'))
            {
                length++;
            }

            return Text[..length].ToLowerInvariant();
        }
    }

    public bool IsFString => Kind == PythonTokenKind.StringLiteral && PrefixHas('f');

    public bool IsBytes => Kind == PythonTokenKind.StringLiteral && PrefixHas('b');

    private bool PrefixHas(char lowerLetter)
    {
        foreach (var c in Text)
        {
            if (c is '\'' or '"')
            {
                return false;
            }

            if ((c | 0x20) == lowerLetter)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How a logical line was indented.</summary>
public enum PythonIndentStyle
{
    None,
    Spaces,
    Tabs,
    Mixed,
}

/// <summary>The indentation of one logical line: width in columns (tabs to multiples of 8, as CPython) and the characters used.</summary>
public sealed record PythonLineIndentation(int Line, int Width, PythonIndentStyle Style);

/// <summary>Something the tokenizer or model could not accept; analysis goes on past it.</summary>
public sealed record PythonProblem(int Line, string Message);

/// <summary>The tokens of a source plus what rules need about its lines.</summary>
public sealed record PythonTokenization(
    string Source,
    IReadOnlyList<PythonToken> Tokens,
    IReadOnlyList<PythonLineIndentation> Indentation,
    IReadOnlyList<PythonProblem> Problems)
{
    /// <summary>Index of the first token that starts on <paramref name="line"/> or later, or the token count when none does.</summary>
    public int FirstTokenFrom(int line) => FirstTokenFrom(Tokens, line);

    /// <summary>Index of the first of the tokens (in source order) that starts on <paramref name="line"/> or later, or their count when none does.</summary>
    public static int FirstTokenFrom(IReadOnlyList<PythonToken> tokens, int line)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int low = 0, high = tokens.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (tokens[middle].Start.Line >= line)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
