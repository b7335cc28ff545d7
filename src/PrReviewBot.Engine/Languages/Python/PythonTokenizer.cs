using System.Buffers;
using System.Globalization;
using System.Text;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// Splits Python source into tokens following Python 3.12's lexical rules (PEP 701 f-strings included).
/// Never throws and never recurses: bad input becomes ERRORTOKENs and problems, and scanning goes on.
/// </summary>
public static class PythonTokenizer
{
    public static PythonTokenization Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Lexer(source).Run();
    }

    internal static bool IsIdentifierStart(string text, int index, out int length)
    {
        var c = text[index];
        length = 1;
        if (c < 128)
        {
            return char.IsAsciiLetter(c) || c == '_';
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
    }

    internal static bool IsIdentifierPart(string text, int index, out int length)
    {
        var c = text[index];
        length = 1;
        if (c < 128)
        {
            return char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (IsIdentifierStart(text, index, out length))
        {
            return true;
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != OperationStatus.Done)
        {
            length = 1;
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
    }

    private static readonly string[] ThreeCharOps = ["**=", "//=", ">>=", "<<=", "..."];

    private static readonly string[] TwoCharOps =
        ["**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>"];

    private const string OneCharOps = "+-*/%@&|^~<>()[]{},:;.=!`";

    // One shared string per operator: a large file has hundreds of thousands of them.
    private static readonly string[] SingleCharOps = OneCharOps.Select(c => c.ToString()).ToArray();

    private sealed class FStringFrame
    {
        public bool IsField;
        public char Quote;
        public bool Triple;
        public bool Raw;
        public int Depth;
        public int ExpressionStart;
        public PythonPosition ExpressionPosition;
        public bool ExpressionEnded;
        public bool InFormatSpec;
        public bool Record;
        public char? Conversion;
    }

    private sealed class Lexer(string s)
    {
        private readonly List<PythonToken> tokens = new(s.Length / 5);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> names = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly List<PythonLineIndentation> indentation = [];
        private readonly List<PythonProblem> problems = [];
        private readonly List<int> indents = [0];
        private readonly List<(char Bracket, int Line)> brackets = [];
        private int pos;
        private int line = 1;
        private int lineStart;
        private bool atLineStart = true;
        private bool continuation;
        private bool lineHasCode;
        private int logicalLineIndent;
        private int outerBracketIndent;

        public PythonTokenization Run()
        {
            while (pos < s.Length)
            {
                if (atLineStart)
                {
                    atLineStart = false;
                    if (StartLine())
                    {
                        break;
                    }

                    continue;
                }

                ScanToken();
            }

            Finish();
            return new PythonTokenization(s, tokens, indentation, problems);
        }

        private PythonPosition Here => new(line, pos - lineStart);

        /// <summary>Handles indentation at the start of a physical line; true when the input ended.</summary>
        private bool StartLine()
        {
            if (continuation)
            {
                continuation = false;
                return false;
            }

            var width = 0;
            var p = pos;
            bool tabs = false, spaces = false;
            while (p < s.Length && s[p] is ' ' or '\t' or '\f')
            {
                switch (s[p])
                {
                    case ' ':
                        width++;
                        spaces = true;
                        break;
                    case '\t':
                        width = ((width / 8) + 1) * 8;
                        tabs = true;
                        break;
                    default:
                        width = 0;
                        break;
                }

                p++;
            }

            if (brackets.Count > 0)
            {
                if (width <= outerBracketIndent && StartsStatementKeyword(p))
                {
                    var (bracket, openLine) = brackets[0];
                    problems.Add(new PythonProblem(openLine, string.Create(CultureInfo.InvariantCulture, $"'{bracket}' was never closed")));
                    brackets.Clear();
                    pos = p;
                    EmitEmpty(PythonTokenKind.Newline);
                    lineHasCode = false;
                    pos = lineStart;
                }
                else
                {
                    return false;
                }
            }

            pos = p;
            if (pos >= s.Length)
            {
                return true;
            }

            if (s[pos] is '#' or '\r' or '\n' || (s[pos] == '\\' && pos + 1 < s.Length && s[pos + 1] is '\r' or '\n'))
            {
                return false;
            }

            var style = (tabs, spaces) switch
            {
                (true, true) => PythonIndentStyle.Mixed,
                (true, false) => PythonIndentStyle.Tabs,
                (false, true) => PythonIndentStyle.Spaces,
                _ => PythonIndentStyle.None,
            };
            indentation.Add(new PythonLineIndentation(line, width, style));
            logicalLineIndent = width;
            if (width > indents[^1])
            {
                indents.Add(width);
                tokens.Add(new PythonToken(
                    PythonTokenKind.Indent, s[lineStart..pos], new PythonPosition(line, 0), Here, lineStart, pos, 0));
            }
            else
            {
                while (width < indents[^1])
                {
                    indents.RemoveAt(indents.Count - 1);
                    EmitEmpty(PythonTokenKind.Dedent);
                }

                if (width != indents[^1])
                {
                    problems.Add(new PythonProblem(line, "unindent does not match any outer indentation level"));
                }
            }

            return false;
        }

        private bool StartsStatementKeyword(int p)
        {
            var rest = s.AsSpan(p);
            return rest.StartsWith("def ", StringComparison.Ordinal) || rest.StartsWith("class ", StringComparison.Ordinal)
                || rest.StartsWith("async def ", StringComparison.Ordinal);
        }

        /// <summary>
        /// The one string for a name: a module says <c>self</c>, <c>request</c> and its own names thousands of times,
        /// and one copy of each is less to allocate and to collect.
        /// </summary>
        private string Intern(ReadOnlySpan<char> name)
        {
            if (!names.TryGetValue(name, out var interned))
            {
                interned = name.ToString();
                names.Set.Add(interned);
            }

            return interned;
        }

        private void EmitEmpty(PythonTokenKind kind) =>
            tokens.Add(new PythonToken(kind, string.Empty, Here, Here, pos, pos, brackets.Count));

        private PythonToken Emit(PythonTokenKind kind, int start, PythonPosition startPosition, int depth, string? text = null)
        {
            var token = new PythonToken(kind, text ?? s[start..pos], startPosition, Here, start, pos, depth);
            tokens.Add(token);
            if (kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline))
            {
                lineHasCode = true;
            }

            return token;
        }

        private void ConsumeNewline()
        {
            pos += s[pos] == '\r' && pos + 1 < s.Length && s[pos + 1] == '\n' ? 2 : 1;
            line++;
            lineStart = pos;
        }

        private void ScanToken()
        {
            var c = s[pos];
            var start = pos;
            var startPosition = Here;
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    pos++;
                    return;
                case '\r' or '\n':
                    var logical = brackets.Count == 0 && lineHasCode;
                    var newlineStart = pos;
                    pos += c == '\r' && pos + 1 < s.Length && s[pos + 1] == '\n' ? 2 : 1;
                    tokens.Add(new PythonToken(
                        logical ? PythonTokenKind.Newline : PythonTokenKind.NonLogicalNewline,
                        pos - newlineStart == 2 ? "\r\n" : c == '\r' ? "\r" : "\n", startPosition, Here, newlineStart, pos, brackets.Count));
                    if (logical)
                    {
                        lineHasCode = false;
                    }

                    line++;
                    lineStart = pos;
                    atLineStart = true;
                    return;
                case '#':
                    while (pos < s.Length && s[pos] is not ('\r' or '\n'))
                    {
                        pos++;
                    }

                    Emit(PythonTokenKind.Comment, start, startPosition, brackets.Count);
                    return;
                case '\\':
                    pos++;
                    if (pos < s.Length && s[pos] is '\r' or '\n')
                    {
                        ConsumeNewline();
                        continuation = true;
                        atLineStart = true;
                        return;
                    }

                    problems.Add(new PythonProblem(line, "unexpected character after line continuation character"));
                    Emit(PythonTokenKind.ErrorToken, start, startPosition, brackets.Count);
                    return;
                case '\'' or '"':
                    ScanString(start, startPosition, 0);
                    return;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1])))
            {
                ScanNumber(start, startPosition);
                return;
            }

            if (IsIdentifierStart(s, pos, out var length))
            {
                pos += length;
                while (pos < s.Length && IsIdentifierPart(s, pos, out length))
                {
                    pos += length;
                }

                if (pos < s.Length && s[pos] is '\'' or '"' && IsStringPrefix(s.AsSpan(start, pos - start)))
                {
                    ScanString(start, startPosition, pos - start);
                    return;
                }

                Emit(PythonTokenKind.Name, start, startPosition, brackets.Count, Intern(s.AsSpan(start, pos - start)));
                return;
            }

            ScanOperatorOrError(start, startPosition);
        }

        private static bool IsStringPrefix(ReadOnlySpan<char> prefix)
        {
            if (prefix.Length is 0 or > 2)
            {
                return false;
            }

            Span<char> lower = stackalloc char[2];
            var n = prefix.ToLowerInvariant(lower);
            return lower[..n] switch
            {
                "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf" or "ur" => true,
                _ => false,
            };
        }

        private void ScanOperatorOrError(int start, PythonPosition startPosition)
        {
            var depth = brackets.Count;
            if (pos + 1 >= s.Length || s[pos + 1] is not ('=' or '*' or '/' or '<' or '>' or '.'))
            {
                ScanSingleCharacter(start, startPosition, depth);
                return;
            }

            foreach (var op in ThreeCharOps)
            {
                if (string.CompareOrdinal(s, pos, op, 0, 3) == 0)
                {
                    pos += 3;
                    Emit(PythonTokenKind.Op, start, startPosition, depth, op);
                    return;
                }
            }

            foreach (var op in TwoCharOps)
            {
                if (string.CompareOrdinal(s, pos, op, 0, 2) == 0)
                {
                    pos += 2;
                    Emit(PythonTokenKind.Op, start, startPosition, depth, op);
                    return;
                }
            }

            ScanSingleCharacter(start, startPosition, depth);
        }

        private void ScanSingleCharacter(int start, PythonPosition startPosition, int depth)
        {
            var c = s[pos];
            if (OneCharOps.Contains(c, StringComparison.Ordinal))
            {
                pos++;
                switch (c)
                {
                    case '(' or '[' or '{':
                        if (brackets.Count == 0)
                        {
                            outerBracketIndent = logicalLineIndent;
                        }

                        brackets.Add((c, line));
                        break;
                    case ')' or ']' or '}':
                        if (brackets.Count == 0)
                        {
                            problems.Add(new PythonProblem(line, string.Create(CultureInfo.InvariantCulture, $"unmatched '{c}'")));
                        }
                        else
                        {
                            var open = brackets[^1].Bracket;
                            if ((open, c) is not (('(', ')') or ('[', ']') or ('{', '}')))
                            {
                                problems.Add(new PythonProblem(
                                    line, string.Create(CultureInfo.InvariantCulture, $"closing '{c}' does not match opening '{open}'")));
                            }

                            brackets.RemoveAt(brackets.Count - 1);
                            depth = brackets.Count;
                        }

                        break;
                }

                Emit(PythonTokenKind.Op, start, startPosition, depth, SingleCharOps[OneCharOps.IndexOf(c, StringComparison.Ordinal)]);
                return;
            }

            pos += char.IsHighSurrogate(c) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]) ? 2 : 1;
            problems.Add(new PythonProblem(line, "invalid character"));
            Emit(PythonTokenKind.ErrorToken, start, startPosition, depth);
        }

        private void ScanNumber(int start, PythonPosition startPosition)
        {
            if (s[pos] == '0' && pos + 1 < s.Length && s[pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
            {
                pos += 2;
                while (pos < s.Length && (char.IsAsciiHexDigit(s[pos]) || s[pos] == '_'))
                {
                    pos++;
                }
            }
            else
            {
                SkipDigits();
                if (pos < s.Length && s[pos] == '.')
                {
                    pos++;
                    SkipDigits();
                }

                if (pos < s.Length && s[pos] is 'e' or 'E')
                {
                    var p = pos + 1;
                    if (p < s.Length && s[p] is '+' or '-')
                    {
                        p++;
                    }

                    if (p < s.Length && char.IsAsciiDigit(s[p]))
                    {
                        pos = p;
                        SkipDigits();
                    }
                }
            }

            if (pos < s.Length && s[pos] is 'j' or 'J' or 'l' or 'L')
            {
                pos++;
            }

            Emit(PythonTokenKind.Number, start, startPosition, brackets.Count);
        }

        private void SkipDigits()
        {
            while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == '_'))
            {
                pos++;
            }
        }

        private void ScanString(int start, PythonPosition startPosition, int prefixLength)
        {
            var prefix = s.AsSpan(start, prefixLength);
            var isF = prefix.Contains('f') || prefix.Contains('F');
            if (isF)
            {
                ScanFString(start, startPosition, prefix.Contains('r') || prefix.Contains('R'));
                return;
            }

            if (ScanPlainStringBody())
            {
                Emit(PythonTokenKind.StringLiteral, start, startPosition, brackets.Count);
            }
            else
            {
                problems.Add(new PythonProblem(startPosition.Line, "unterminated string literal"));
                Emit(PythonTokenKind.ErrorToken, start, startPosition, brackets.Count);
            }
        }

        /// <summary>Scans from an opening quote to past the closing one; false (stopping at the line break or end) when unterminated.</summary>
        private bool ScanPlainStringBody()
        {
            var quote = s[pos];
            var triple = IsTripleQuote(pos, quote);
            pos += triple ? 3 : 1;
            while (pos < s.Length)
            {
                var c = s[pos];
                if (c == '\\')
                {
                    pos++;
                    if (pos < s.Length)
                    {
                        if (s[pos] is '\r' or '\n')
                        {
                            ConsumeNewline();
                        }
                        else
                        {
                            pos++;
                        }
                    }
                }
                else if (c == quote)
                {
                    if (!triple)
                    {
                        pos++;
                        return true;
                    }

                    if (IsTripleQuote(pos, quote))
                    {
                        pos += 3;
                        return true;
                    }

                    pos++;
                }
                else if (c is '\r' or '\n')
                {
                    if (!triple)
                    {
                        return false;
                    }

                    ConsumeNewline();
                }
                else
                {
                    pos++;
                }
            }

            return false;
        }

        private bool IsTripleQuote(int at, char quote) =>
            at + 2 < s.Length && s[at] == quote && s[at + 1] == quote && s[at + 2] == quote;

        private void ScanFString(int start, PythonPosition startPosition, bool raw)
        {
            var fields = new List<PythonFStringField>();
            var frames = new List<FStringFrame>();
            PushFString(frames, raw);
            var terminated = false;
            while (pos < s.Length)
            {
                var top = frames[^1];
                var ok = top.IsField && !top.InFormatSpec
                    ? StepFieldExpression(frames, top, fields)
                    : StepFStringLiteral(frames, top, fields);
                if (!ok)
                {
                    break;
                }

                if (frames.Count == 0)
                {
                    terminated = true;
                    break;
                }
            }

            if (terminated)
            {
                var token = new PythonToken(PythonTokenKind.StringLiteral, s[start..pos], startPosition, Here, start, pos, brackets.Count)
                {
                    FStringFields = fields,
                };
                tokens.Add(token);
                lineHasCode = true;
                return;
            }

            problems.Add(new PythonProblem(startPosition.Line, "unterminated f-string literal"));
            Emit(PythonTokenKind.ErrorToken, start, startPosition, brackets.Count);
        }

        private void PushFString(List<FStringFrame> frames, bool raw)
        {
            var quote = s[pos];
            var triple = IsTripleQuote(pos, quote);
            frames.Add(new FStringFrame { Quote = quote, Triple = triple, Raw = raw });
            pos += triple ? 3 : 1;
        }

        private static FStringFrame Governing(List<FStringFrame> frames)
        {
            for (var i = frames.Count - 1; i >= 0; i--)
            {
                if (!frames[i].IsField)
                {
                    return frames[i];
                }
            }

            return frames[0];
        }

        private static bool IsOutermostField(List<FStringFrame> frames)
        {
            for (var i = 1; i < frames.Count; i++)
            {
                if (!frames[i].IsField)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One step in the literal part of an f-string or a format spec; false when the f-string is unterminated.</summary>
        private bool StepFStringLiteral(List<FStringFrame> frames, FStringFrame top, List<PythonFStringField> fields)
        {
            var str = Governing(frames);
            var c = s[pos];
            if (c == '\\')
            {
                pos++;
                if (pos < s.Length && s[pos] is not ('{' or '}'))
                {
                    if (s[pos] is '\r' or '\n')
                    {
                        if (!str.Triple && str.Raw)
                        {
                            return false;
                        }

                        ConsumeNewline();
                    }
                    else
                    {
                        pos++;
                    }
                }

                return true;
            }

            if (c == str.Quote && (!str.Triple || IsTripleQuote(pos, c)))
            {
                if (top.IsField)
                {
                    // A format spec ran into the closing quote: close the field and let the string end.
                    frames.RemoveAt(frames.Count - 1);
                    return true;
                }

                pos += str.Triple ? 3 : 1;
                frames.RemoveAt(frames.Count - 1);
                return true;
            }

            if (c is '\r' or '\n')
            {
                if (!str.Triple)
                {
                    return false;
                }

                ConsumeNewline();
                return true;
            }

            if (c == '{')
            {
                if (!top.IsField && pos + 1 < s.Length && s[pos + 1] == '{')
                {
                    pos += 2;
                    return true;
                }

                pos++;
                frames.Add(new FStringFrame
                {
                    IsField = true,
                    ExpressionStart = pos,
                    ExpressionPosition = Here,
                    Record = IsOutermostField(frames),
                });
                return true;
            }

            if (c == '}')
            {
                if (top.IsField)
                {
                    frames.RemoveAt(frames.Count - 1);
                }
                else if (pos + 1 < s.Length && s[pos + 1] == '}')
                {
                    pos++;
                }

                pos++;
                return true;
            }

            pos++;
            return true;
        }

        /// <summary>One step in a replacement field's expression; false when the f-string is unterminated.</summary>
        private bool StepFieldExpression(List<FStringFrame> frames, FStringFrame field, List<PythonFStringField> fields)
        {
            var c = s[pos];
            if (field.ExpressionEnded)
            {
                switch (c)
                {
                    case ':':
                        field.InFormatSpec = true;
                        pos++;
                        return true;
                    case '}':
                        frames.RemoveAt(frames.Count - 1);
                        pos++;
                        return true;
                    case '\r' or '\n':
                        return false;
                    default:
                        pos++;
                        return true;
                }
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    field.Depth++;
                    pos++;
                    return true;
                case ')' or ']':
                    field.Depth = Math.Max(0, field.Depth - 1);
                    pos++;
                    return true;
                case '}' when field.Depth > 0:
                    field.Depth--;
                    pos++;
                    return true;
                case '}':
                    EndExpression(field, fields);
                    frames.RemoveAt(frames.Count - 1);
                    pos++;
                    return true;
                case '!' when field.Depth == 0 && (pos + 1 >= s.Length || s[pos + 1] != '='):
                    EndExpression(field, fields, pos + 1 < s.Length ? s[pos + 1] : null);
                    pos += pos + 1 < s.Length && s[pos + 1] is not ('\r' or '\n') ? 2 : 1;
                    return true;
                case ':' when field.Depth == 0:
                    EndExpression(field, fields);
                    field.InFormatSpec = true;
                    pos++;
                    return true;
                case '\'' or '"':
                    return StartStringInField(frames, field);
                case '#':
                    while (pos < s.Length && s[pos] is not ('\r' or '\n'))
                    {
                        pos++;
                    }

                    return true;
                case '\r' or '\n':
                    // 3.12 lets a field span lines; in a one-line f-string we accept that only inside brackets,
                    // so an unclosed '{' does not swallow the rest of the file.
                    if (!Governing(frames).Triple && field.Depth == 0)
                    {
                        return false;
                    }

                    ConsumeNewline();
                    return true;
                default:
                    pos++;
                    return true;
            }
        }

        private bool StartStringInField(List<FStringFrame> frames, FStringFrame field)
        {
            var prefixStart = pos;
            while (prefixStart > field.ExpressionStart && pos - prefixStart < 2 && char.IsAsciiLetter(s[prefixStart - 1]))
            {
                prefixStart--;
            }

            if (prefixStart > field.ExpressionStart && IsIdentifierPart(s, prefixStart - 1, out _))
            {
                prefixStart = pos;
            }

            var prefix = s.AsSpan(prefixStart, pos - prefixStart);
            if (prefix.Length > 0 && !IsStringPrefix(prefix))
            {
                prefix = [];
            }

            if (prefix.Contains('f') || prefix.Contains('F'))
            {
                PushFString(frames, prefix.Contains('r') || prefix.Contains('R'));
                return true;
            }

            return ScanPlainStringBody();
        }

        private void EndExpression(FStringFrame field, List<PythonFStringField> fields, char? conversion = null)
        {
            field.ExpressionEnded = true;
            field.Conversion = conversion;
            if (!field.Record)
            {
                return;
            }

            var start = field.ExpressionStart;
            var position = field.ExpressionPosition;
            while (start < pos && s[start] is ' ' or '\t')
            {
                start++;
                position = position with { Column = position.Column + 1 };
            }

            var text = s[start..pos].TrimEnd();
            var selfDocumenting = false;
            if (text.EndsWith('=') && !(text.EndsWith("==", StringComparison.Ordinal) || text.EndsWith("!=", StringComparison.Ordinal)
                || text.EndsWith("<=", StringComparison.Ordinal) || text.EndsWith(">=", StringComparison.Ordinal)))
            {
                selfDocumenting = true;
                text = text[..^1].TrimEnd();
            }

            fields.Add(new PythonFStringField(text, start, position, conversion, selfDocumenting));
        }

        private void Finish()
        {
            if (brackets.Count > 0)
            {
                var (bracket, openLine) = brackets[0];
                problems.Add(new PythonProblem(openLine, string.Create(CultureInfo.InvariantCulture, $"'{bracket}' was never closed")));
            }

            if (lineHasCode)
            {
                EmitEmpty(PythonTokenKind.Newline);
            }

            while (indents.Count > 1)
            {
                indents.RemoveAt(indents.Count - 1);
                EmitEmpty(PythonTokenKind.Dedent);
            }

            EmitEmpty(PythonTokenKind.EndMarker);
        }
    }
}
