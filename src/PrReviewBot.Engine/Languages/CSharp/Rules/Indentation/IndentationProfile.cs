using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Configuration;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;

/// <summary>
/// Where a line that starts a statement, member, brace or clause should begin: a number of
/// indentation units past the line of its anchor (the line holding the enclosing <c>{</c>, the
/// owning <c>if</c>, the first <c>case</c> label…). Measuring from the anchor's real position,
/// not from an absolute depth, keeps lambdas, initializers and wrapped calls from cascading.
/// </summary>
/// <param name="AnchorLine">0-based line the indentation is relative to; -1 for column zero.</param>
/// <param name="Units">Accepted offsets in units, the preferred one first.</param>
/// <param name="Node">The construct the line starts, when it spans more lines that move with it.</param>
/// <param name="What">How messages name the line: "Statement", "Closing brace"…</param>
internal sealed record IndentExpectation(int AnchorLine, int[] Units, SyntaxNode? Node, string What);

/// <summary>
/// One pass over a file's lines and tokens shared by the indentation rules: each line's leading
/// whitespace, which lines are inside multi-line strings, comments or inactive <c>#if</c> code
/// (never judged), which lines start code and where, the dominant style and the indentation unit.
/// </summary>
internal sealed class IndentationProfile
{
    /// <summary>Candidate space units, most usual first, so ties go to the common choice.</summary>
    private static readonly int[] UnitPreference = [4, 2, 3, 8, 1, 5, 6, 7];

    private const int MinVotesForSecondUnit = 10;

    private IndentationProfile(CSharpRuleContext context)
    {
        var text = context.Text;
        var lines = text.Lines;
        Leading = new string?[lines.Count];
        Expectations = new IndentExpectation?[lines.Count];
        var firstCode = new int[lines.Count];
        var hasCode = new bool[lines.Count];
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var position = line.Start;
            while (position < line.End && text[position] is ' ' or '\t')
            {
                position++;
            }

            firstCode[index] = position;
            hasCode[index] = position < line.End && !char.IsWhiteSpace(text[position]);
        }

        // One pass over the tokens: exclusions come from tokens and trivia that start before a
        // line, so they are known by the time the line's first token is classified.
        var excluded = new bool[lines.Count];
        var disabledBraces = new List<(int Position, int Depth)>();
        var classifier = new LineClassifier(lines, line => firstCode[line], context.HasFullContent);
        var current = 0;
        foreach (var token in context.Root.DescendantTokens())
        {
            if (token.HasLeadingTrivia)
            {
                MarkExcluded(token.LeadingTrivia, lines, excluded, disabledBraces);
            }

            while (current + 1 < lines.Count && lines[current + 1].Start <= token.SpanStart)
            {
                current++;
            }

            if (hasCode[current] && !excluded[current] && token.SpanStart == firstCode[current] && !token.IsKind(SyntaxKind.EndOfFileToken))
            {
                Expectations[current] = classifier.Classify(token);
            }

            MarkExcluded(token, lines, excluded);
            if (token.HasTrailingTrivia)
            {
                MarkExcluded(token.TrailingTrivia, lines, excluded, disabledBraces);
            }
        }

        AllowInactiveNesting(lines, disabledBraces);
        for (var index = 0; index < lines.Count; index++)
        {
            if (hasCode[index] && !excluded[index])
            {
                var start = lines[index].Start;
                Leading[index] = firstCode[index] == start ? string.Empty : text.ToString(new TextSpan(start, firstCode[index] - start));
            }
            else
            {
                Expectations[index] = null;
            }
        }

        var spaces = 0;
        var tabs = 0;
        foreach (var leading in Leading)
        {
            if (string.IsNullOrEmpty(leading))
            {
                continue;
            }

            spaces += leading.All(character => character == ' ') ? 1 : 0;
            tabs += leading.All(character => character == '\t') ? 1 : 0;
        }

        DominantStyle = spaces == 0 && tabs == 0 ? null : tabs > spaces ? IndentStyle.Tab : IndentStyle.Space;
        EditorConfig = context.EditorConfig;
        Style = EditorConfig.IndentStyle ?? DominantStyle ?? IndentStyle.Space;
        if (Style == IndentStyle.Tab)
        {
            TabWidth = EditorConfig.IndentSize ?? 4;
            Unit = TabWidth;
            AcceptedUnits = [TabWidth];
        }
        else if (EditorConfig.IndentSize is { } size)
        {
            Unit = size;
            TabWidth = size;
            AcceptedUnits = [size];
        }
        else
        {
            AcceptedUnits = InferSpaceUnits();
            Unit = AcceptedUnits.Length > 0 ? AcceptedUnits[0] : null;
            TabWidth = Unit ?? 4;
        }
    }

    /// <summary>Leading whitespace of each line that starts code or a comment; null for blank lines and lines inside strings, comments or inactive code.</summary>
    public string?[] Leading { get; }

    /// <summary>For lines that start a statement, member, brace or clause: where they should start.</summary>
    public IndentExpectation?[] Expectations { get; }

    /// <summary>What most indented lines use, or null when no line is indented.</summary>
    public IndentStyle? DominantStyle { get; }

    /// <summary>The style lines are judged against: <c>.editorconfig</c> first, then the file's own.</summary>
    public IndentStyle Style { get; }

    public EditorConfigSettings EditorConfig { get; }

    /// <summary>Columns per indentation level; null when spaces are used but the file shows no consistent unit.</summary>
    public int? Unit { get; }

    public int TabWidth { get; }

    /// <summary>
    /// Units a level may use: the preferred one first. A file that really uses two widths (a
    /// pasted block) accepts both rather than flagging one half of itself line by line.
    /// </summary>
    public int[] AcceptedUnits { get; }

    /// <summary>The file's profile, built once and shared by the indentation rules.</summary>
    public static IndentationProfile For(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(file => new IndentationProfile(file));
    }

    /// <summary>String tokens whose lines after the first are content, not indentation.</summary>
    public static bool IsMultiLineString(SyntaxKind kind) =>
        kind is SyntaxKind.StringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.Utf8MultiLineRawStringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken;

    /// <summary>Records inactive <c>#if</c> text that opens or closes braces, with how many.</summary>
    public static void AddDisabledBraces(SyntaxTrivia disabledText, List<(int Position, int Depth)> disabledBraces)
    {
        ArgumentNullException.ThrowIfNull(disabledBraces);
        var depth = SyntaxFactory.ParseTokens(disabledText.ToString()).Sum(token => token.Kind() switch
        {
            SyntaxKind.OpenBraceToken => 1,
            SyntaxKind.CloseBraceToken => -1,
            _ => 0,
        });
        if (depth != 0)
        {
            disabledBraces.Add((disabledText.SpanStart, depth));
        }
    }

    /// <summary>The expectation of a line, widened by the braces of inactive text between its anchor (ending at <paramref name="from"/>) and the line (starting at <paramref name="to"/>).</summary>
    public static IndentExpectation WithInactiveNesting(IndentExpectation expectation, List<(int Position, int Depth)> disabledBraces, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(disabledBraces);
        var depth = disabledBraces.Where(braces => braces.Position >= from && braces.Position < to).Sum(braces => braces.Depth);
        return depth == 0 ? expectation : expectation with { Units = [.. expectation.Units, .. expectation.Units.Select(units => units + depth)] };
    }

    /// <summary>The visual column where a line's code starts, tabs advancing to the next tab stop.</summary>
    public int Column(int line) => Columns(Leading[line] ?? string.Empty, TabWidth);

    public static int Columns(string whitespace, int tabWidth)
    {
        ArgumentNullException.ThrowIfNull(whitespace);
        var column = 0;
        foreach (var character in whitespace)
        {
            column = character == '\t' ? ((column / tabWidth) + 1) * tabWidth : column + 1;
        }

        return column;
    }

    /// <summary>Whitespace reaching <paramref name="column"/> in the judged style (tabs, then spaces for any remainder).</summary>
    public string Render(int column)
    {
        if (Style == IndentStyle.Space)
        {
            return new string(' ', column);
        }

        return new StringBuilder().Append('\t', column / TabWidth).Append(' ', column % TabWidth).ToString();
    }

    /// <summary>"8 spaces", "2 tabs", "2 tabs and 2 spaces".</summary>
    public string Describe(int column)
    {
        if (Style == IndentStyle.Space)
        {
            return Plural(column, "space");
        }

        var tabs = Plural(column / TabWidth, "tab");
        return column % TabWidth == 0 ? tabs : $"{tabs} and {Plural(column % TabWidth, "space")}";
    }

    /// <summary>True when the line's indentation uses only the judged style's character.</summary>
    public bool IsClean(int line)
    {
        var leading = Leading[line];
        var expected = Style == IndentStyle.Space ? ' ' : '\t';
        return leading is not null && leading.All(character => character == expected);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>
    /// The steps between a line and its anchor among lines indented one level with spaces, most
    /// common first; a second step is kept only when a real block uses it (at least a quarter of
    /// the lines, and <see cref="MinVotesForSecondUnit"/> of them), never for one stray line.
    /// </summary>
    private int[] InferSpaceUnits()
    {
        var votes = new int[9];
        for (var index = 0; index < Expectations.Length; index++)
        {
            if (Expectations[index] is not { Units: [1] } expectation || !IsSpaces(index) || (expectation.AnchorLine >= 0 && !IsSpaces(expectation.AnchorLine)))
            {
                continue;
            }

            var step = Leading[index]!.Length - (expectation.AnchorLine >= 0 ? Leading[expectation.AnchorLine]!.Length : 0);
            if (step is > 0 and < 9)
            {
                votes[step]++;
            }
        }

        var total = votes.Sum();
        var ranked = UnitPreference.Where(candidate => votes[candidate] > 0).OrderByDescending(candidate => votes[candidate]).ToList();
        return [.. ranked.Take(1), .. ranked.Skip(1).Where(candidate => votes[candidate] >= MinVotesForSecondUnit && votes[candidate] * 4 >= total)];
    }

    private bool IsSpaces(int line) => Leading[line] is { } leading && leading.All(character => character == ' ');

    /// <summary>Lines whose leading whitespace is content, not indentation: inside multi-line strings.</summary>
    private static void MarkExcluded(SyntaxToken token, TextLineCollection lines, bool[] excluded)
    {
        switch (token.Kind())
        {
            case var kind when IsMultiLineString(kind):
                Exclude(lines, excluded, token.Span, includeFirst: false);
                break;
            case SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken
                or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken:
                if (token.Parent is InterpolatedStringExpressionSyntax interpolated)
                {
                    Exclude(lines, excluded, interpolated.Span, includeFirst: false);
                }

                break;
        }
    }

    /// <summary>Lines inside multi-line comments (after their first line) and inactive <c>#if</c> code.</summary>
    private static void MarkExcluded(SyntaxTriviaList trivia, TextLineCollection lines, bool[] excluded, List<(int Position, int Depth)> disabledBraces)
    {
        foreach (var piece in trivia)
        {
            switch (piece.Kind())
            {
                case SyntaxKind.MultiLineCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia:
                    Exclude(lines, excluded, piece.Span, includeFirst: false);
                    break;
                case SyntaxKind.DisabledTextTrivia:
                    Exclude(lines, excluded, piece.Span, includeFirst: true);
                    AddDisabledBraces(piece, disabledBraces);
                    break;
            }
        }
    }

    /// <summary>
    /// Code after inactive <c>#if</c> text that opens or closes braces (<c>#if NET</c> around an
    /// <c>if (…) {</c> line and, further down, its <c>}</c>) is nested deeper or shallower in the
    /// other build than in the parsed one; the author indents for the build that has the braces, so
    /// a line between its anchor and such text may sit at either depth.
    /// </summary>
    private void AllowInactiveNesting(TextLineCollection lines, List<(int Position, int Depth)> disabledBraces)
    {
        if (disabledBraces.Count == 0)
        {
            return;
        }

        for (var index = 0; index < Expectations.Length; index++)
        {
            if (Expectations[index] is not { } expectation)
            {
                continue;
            }

            var from = expectation.AnchorLine < 0 ? 0 : lines[expectation.AnchorLine].End;
            Expectations[index] = WithInactiveNesting(expectation, disabledBraces, from, lines[index].Start);
        }
    }

    private static void Exclude(TextLineCollection lines, bool[] excluded, TextSpan span, bool includeFirst)
    {
        if (span.Length == 0)
        {
            return;
        }

        var first = lines.IndexOf(span.Start);
        var last = lines.IndexOf(span.End - 1);
        for (var line = includeFirst ? first : first + 1; line <= last; line++)
        {
            excluded[line] = true;
        }
    }
}
