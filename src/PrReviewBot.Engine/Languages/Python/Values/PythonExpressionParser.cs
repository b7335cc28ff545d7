namespace PrReviewBot.Engine.Languages.Python.Values;

/// <summary>
/// Parses one expression from a run of tokens by precedence climbing. It never throws: a token it
/// cannot place ends the expression, and what it has read so far is kept, because review input is
/// often a fragment or mid-edit.
/// </summary>
internal sealed class PythonExpressionParser
{
    private static readonly string[][] BinaryLevels =
    [
        ["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"],
    ];

    private static readonly HashSet<string> Comparisons = new(StringComparer.Ordinal) { "<", ">", "==", ">=", "<=", "!=", "<>" };

    private readonly List<PythonToken> tokens;
    private readonly int lineOffset;
    private int position;

    private PythonExpressionParser(List<PythonToken> tokens, int lineOffset)
    {
        this.tokens = tokens;
        this.lineOffset = lineOffset;
    }

    /// <summary>Parses tokens <paramref name="first"/>..<paramref name="last"/> (inclusive) of a token list; null when they hold no expression.</summary>
    public static PyExpr? Parse(IReadOnlyList<PythonToken> all, int first, int last, int lineOffset = 0)
    {
        var code = new List<PythonToken>();
        for (var i = Math.Max(0, first); i <= last && i < all.Count; i++)
        {
            if (all[i].Kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline or PythonTokenKind.Newline
                or PythonTokenKind.Indent or PythonTokenKind.Dedent or PythonTokenKind.EndMarker))
            {
                code.Add(all[i]);
            }
        }

        if (code.Count == 0)
        {
            return null;
        }

        var parser = new PythonExpressionParser(code, lineOffset);
        return parser.ParseTupleOrExpression();
    }

    /// <summary>Parses a piece of source text (an f-string field), with lines counted from <paramref name="line"/>.</summary>
    public static PyExpr? ParseText(string text, int line)
    {
        var tokenization = PythonTokenizer.Tokenize(text);
        return Parse(tokenization.Tokens, 0, tokenization.Tokens.Count - 1, line - 1);
    }

    private bool AtEnd => position >= tokens.Count;

    private PythonToken? Current => position < tokens.Count ? tokens[position] : null;

    private bool AtOp(string op) => Current is { } token && token.IsOp(op);

    private bool AtName(string name) => Current is { } token && token.IsName(name);

    private int Line(PythonToken token) => token.Start.Line + lineOffset;

    private PyExpr ParseTupleOrExpression()
    {
        var start = Current!;
        var first = ParseNamed();
        if (!AtOp(","))
        {
            return first;
        }

        var items = new List<PyExpr> { first };
        while (AtOp(","))
        {
            position++;
            if (AtEnd || AtOp(")") || AtOp("]") || AtOp("}") || AtOp("=") || AtOp(":"))
            {
                break;
            }

            items.Add(ParseNamed());
        }

        return new PyDisplay(PyDisplayKind.Tuple, items, [], Line(start), start.Start.Column);
    }

    private PyExpr ParseNamed()
    {
        var start = Current;
        if (start is null)
        {
            return new PyOther("empty", [], 0, 0);
        }

        if (AtOp("*") || AtOp("**"))
        {
            position++;
            return new PyOther("star", [ParseExpression()], Line(start), start.Start.Column);
        }

        var value = ParseExpression();
        if (AtOp(":="))
        {
            position++;
            return new PyOther("walrus", [value, ParseExpression()], Line(start), start.Start.Column);
        }

        return value;
    }

    private PyExpr ParseExpression()
    {
        var start = Current;
        if (start is null)
        {
            return new PyOther("empty", [], 0, 0);
        }

        if (start.IsName("lambda"))
        {
            position++;
            while (!AtEnd && !AtOp(":"))
            {
                position++;
            }

            position++;
            return new PyLambda(ParseExpression(), Line(start), start.Start.Column);
        }

        if (start.IsName("yield"))
        {
            position++;
            if (AtName("from"))
            {
                position++;
            }

            return new PyOther("yield", AtEnd || AtOp(")") ? [] : [ParseTupleOrExpression()], Line(start), start.Start.Column);
        }

        var body = ParseOr();
        if (AtName("if") && LooksLikeConditional())
        {
            position++;
            var test = ParseOr();
            if (AtName("else"))
            {
                position++;
                return new PyConditional(body, test, ParseExpression(), Line(start), start.Start.Column);
            }

            return new PyConditional(body, test, new PyConstant("None", Line(start), start.Start.Column), Line(start), start.Start.Column);
        }

        return body;
    }

    /// <summary>An <c>if</c> after an expression is a conditional expression unless it is a comprehension's filter.</summary>
    private bool LooksLikeConditional()
    {
        var depth = 0;
        for (var i = position + 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PythonTokenKind.Op && token.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (token.Kind == PythonTokenKind.Op && token.Text is ")" or "]" or "}")
            {
                if (depth == 0)
                {
                    return false;
                }

                depth--;
            }
            else if (depth == 0 && token.IsName("else"))
            {
                return true;
            }
            else if (depth == 0 && (token.IsName("for") || token.IsOp(",")))
            {
                return false;
            }
        }

        return false;
    }

    private PyExpr ParseOr()
    {
        var left = ParseAnd();
        while (AtName("or"))
        {
            var token = Current!;
            position++;
            left = new PyTest("or", left, ParseAnd(), Line(token), token.Start.Column);
        }

        return left;
    }

    private PyExpr ParseAnd()
    {
        var left = ParseNot();
        while (AtName("and"))
        {
            var token = Current!;
            position++;
            left = new PyTest("and", left, ParseNot(), Line(token), token.Start.Column);
        }

        return left;
    }

    private PyExpr ParseNot()
    {
        if (AtName("not"))
        {
            var token = Current!;
            position++;
            return new PyUnary("not", ParseNot(), Line(token), token.Start.Column);
        }

        return ParseComparison();
    }

    private PyExpr ParseComparison()
    {
        var left = ParseBinary(0);
        while (Current is { } token)
        {
            string op;
            if (token.Kind == PythonTokenKind.Op && Comparisons.Contains(token.Text))
            {
                op = token.Text;
                position++;
            }
            else if (token.IsName("in"))
            {
                op = "in";
                position++;
            }
            else if (token.IsName("not") && position + 1 < tokens.Count && tokens[position + 1].IsName("in"))
            {
                op = "not in";
                position += 2;
            }
            else if (token.IsName("is"))
            {
                position++;
                op = "is";
                if (AtName("not"))
                {
                    position++;
                    op = "is not";
                }
            }
            else
            {
                break;
            }

            left = new PyTest(op, left, ParseBinary(0), Line(token), token.Start.Column);
        }

        return left;
    }

    private PyExpr ParseBinary(int level)
    {
        if (level >= BinaryLevels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (Current is { Kind: PythonTokenKind.Op } token && BinaryLevels[level].Contains(token.Text, StringComparer.Ordinal))
        {
            position++;
            left = new PyBinary(token.Text, left, ParseBinary(level + 1), left.Line, left.Column);
        }

        return left;
    }

    private PyExpr ParseUnary()
    {
        if (Current is { Kind: PythonTokenKind.Op, Text: "-" or "+" or "~" } token)
        {
            position++;
            return new PyUnary(token.Text, ParseUnary(), Line(token), token.Start.Column);
        }

        return ParsePower();
    }

    private PyExpr ParsePower()
    {
        var start = Current;
        if (start is not null && start.IsName("await"))
        {
            position++;
            return new PyOther("await", [ParsePower()], Line(start), start.Start.Column);
        }

        var value = ParsePrimary();
        if (AtOp("**"))
        {
            var token = Current!;
            position++;
            return new PyBinary("**", value, ParseUnary(), value.Line, value.Column);
        }

        return value;
    }

    private PyExpr ParsePrimary()
    {
        var value = ParseAtom();
        while (Current is { Kind: PythonTokenKind.Op } token)
        {
            if (token.Text == "." && position + 1 < tokens.Count && tokens[position + 1].Kind == PythonTokenKind.Name)
            {
                value = new PyMember(value, tokens[position + 1].Text, value.Line, value.Column);
                position += 2;
            }
            else if (token.Text == "(")
            {
                position++;
                value = new PyCall(value, ParseArguments(), value.Line, value.Column);
            }
            else if (token.Text == "[")
            {
                position++;
                value = new PySubscript(value, ParseSubscript(), value.Line, value.Column);
            }
            else
            {
                break;
            }
        }

        return value;
    }

    private List<PyArgument> ParseArguments()
    {
        var arguments = new List<PyArgument>();
        while (!AtEnd && !AtOp(")"))
        {
            var before = position;
            if (Current is { Kind: PythonTokenKind.Name } name && position + 1 < tokens.Count && tokens[position + 1].IsOp("="))
            {
                position += 2;
                arguments.Add(new PyArgument(name.Text, ParseExpression()));
            }
            else if (AtOp("*") || AtOp("**"))
            {
                var star = Current!.Text;
                position++;
                arguments.Add(new PyArgument(star, ParseExpression()));
            }
            else
            {
                var value = ParseNamed();
                if (AtName("for") || AtName("async"))
                {
                    value = ParseComprehension(PyDisplayKind.List, value, null);
                }

                arguments.Add(new PyArgument(null, value));
            }

            if (AtOp(","))
            {
                position++;
            }
            else if (position == before || !AtOp(")"))
            {
                SkipToClose(")");
                return arguments;
            }
        }

        position++;
        return arguments;
    }

    private PyExpr? ParseSubscript()
    {
        var parts = new List<PyExpr>();
        var start = Current;
        var sliced = false;
        while (!AtEnd && !AtOp("]"))
        {
            var before = position;
            if (AtOp(":") || AtOp(","))
            {
                sliced |= AtOp(":");
                position++;
                continue;
            }

            parts.Add(ParseNamed());
            if (position == before)
            {
                SkipToClose("]");
                return Combine(parts, start);
            }
        }

        position++;
        return sliced || parts.Count != 1 ? Combine(parts, start) : parts[0];
    }

    private PyOther? Combine(List<PyExpr> parts, PythonToken? start) =>
        parts.Count == 0 || start is null ? null : new PyOther("slice", parts, Line(start), start.Start.Column);

    private void SkipToClose(string close)
    {
        var depth = 0;
        while (!AtEnd)
        {
            var token = Current!;
            if (token.Kind == PythonTokenKind.Op && token.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (token.Kind == PythonTokenKind.Op && token.Text is ")" or "]" or "}")
            {
                if (depth == 0)
                {
                    position += token.Text == close ? 1 : 0;
                    return;
                }

                depth--;
            }

            position++;
        }
    }

    private PyExpr ParseAtom()
    {
        var token = Current;
        if (token is null)
        {
            return new PyOther("empty", [], tokens.Count > 0 ? Line(tokens[^1]) : 0, 0);
        }

        switch (token.Kind)
        {
            case PythonTokenKind.Name when token.Text is "True" or "False" or "None":
                position++;
                return new PyConstant(token.Text, Line(token), token.Start.Column);
            case PythonTokenKind.Name:
                position++;
                return new PyName(token.Text, Line(token), token.Start.Column);
            case PythonTokenKind.Number:
                position++;
                return new PyConstant(token.Text, Line(token), token.Start.Column);
            case PythonTokenKind.StringLiteral:
                return ParseStrings();
            case PythonTokenKind.Op when token.Text == "...":
                position++;
                return new PyConstant("...", Line(token), token.Start.Column);
            case PythonTokenKind.Op when token.Text == "(":
                position++;
                return ParseParenthesised(token);
            case PythonTokenKind.Op when token.Text == "[":
                position++;
                return ParseDisplay(token, PyDisplayKind.List, "]");
            case PythonTokenKind.Op when token.Text == "{":
                position++;
                return ParseBraces(token);
            default:
                position++;
                return new PyOther("token", [], Line(token), token.Start.Column);
        }
    }

    private PyExpr ParseStrings()
    {
        var first = Current!;
        var literals = new List<string>();
        var fields = new List<PyExpr>();
        var text = new System.Text.StringBuilder();
        var isF = false;
        var isBytes = false;
        while (Current is { Kind: PythonTokenKind.StringLiteral } token)
        {
            position++;
            isBytes |= token.IsBytes;
            if (!token.IsFString)
            {
                text.Append(PythonModuleBuilder.StringValue(token));
                continue;
            }

            isF = true;
            AppendFString(token, text, literals, fields);
        }

        if (!isF)
        {
            return new PyString(text.ToString(), isBytes, Line(first), first.Start.Column);
        }

        literals.Add(text.ToString());
        return new PyFString(literals, fields, Line(first), first.Start.Column);
    }

    private void AppendFString(PythonToken token, System.Text.StringBuilder text, List<string> literals, List<PyExpr> fields)
    {
        var body = PythonModuleBuilder.StringValue(token);
        var bodyStart = token.Text.Length - body.Length - QuoteLength(token.Text);
        var cursor = 0;
        foreach (var field in token.FStringFields)
        {
            var relative = field.Offset - token.StartOffset - bodyStart;
            var open = relative > 0 && relative <= body.Length ? body.LastIndexOf('{', Math.Min(relative, body.Length) - 1) : -1;
            if (open >= cursor)
            {
                text.Append(body, cursor, open - cursor);
            }

            literals.Add(text.ToString());
            text.Clear();
            fields.Add(ParseText(field.Expression, field.Start.Line + lineOffset) ?? new PyOther("empty", [], Line(token), token.Start.Column));
            cursor = relative >= 0 ? ClosingBrace(body, relative + field.Expression.Length) + 1 : body.Length;
            cursor = Math.Clamp(cursor, 0, body.Length);
        }

        if (cursor < body.Length)
        {
            text.Append(body, cursor, body.Length - cursor);
        }
    }

    private static int QuoteLength(string text) =>
        text.EndsWith("\"\"\"", StringComparison.Ordinal) || text.EndsWith("'''", StringComparison.Ordinal) ? 3 : 1;

    private static int ClosingBrace(string body, int from)
    {
        var depth = 0;
        for (var i = Math.Max(0, from); i < body.Length; i++)
        {
            if (body[i] == '{')
            {
                depth++;
            }
            else if (body[i] == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
        }

        return body.Length;
    }

    private PyExpr ParseParenthesised(PythonToken open)
    {
        if (AtOp(")"))
        {
            position++;
            return new PyDisplay(PyDisplayKind.Tuple, [], [], Line(open), open.Start.Column);
        }

        var first = ParseNamed();
        if (AtName("for") || AtName("async"))
        {
            var generator = ParseComprehension(PyDisplayKind.Tuple, first, null);
            SkipToClose(")");
            return generator;
        }

        if (AtOp(")"))
        {
            position++;
            return first;
        }

        var items = new List<PyExpr> { first };
        while (AtOp(","))
        {
            position++;
            if (AtOp(")"))
            {
                break;
            }

            items.Add(ParseNamed());
        }

        SkipToClose(")");
        return new PyDisplay(PyDisplayKind.Tuple, items, [], Line(open), open.Start.Column);
    }

    private PyExpr ParseDisplay(PythonToken open, PyDisplayKind kind, string close)
    {
        var items = new List<PyExpr>();
        while (!AtEnd && !AtOp(close))
        {
            var before = position;
            var item = ParseNamed();
            if (AtName("for") || AtName("async"))
            {
                var comprehension = ParseComprehension(kind, item, null);
                SkipToClose(close);
                return comprehension;
            }

            items.Add(item);
            if (AtOp(","))
            {
                position++;
            }
            else if (position == before || !AtOp(close))
            {
                break;
            }
        }

        SkipToClose(close);
        return new PyDisplay(kind, items, [], Line(open), open.Start.Column);
    }

    private PyExpr ParseBraces(PythonToken open)
    {
        if (AtOp("}"))
        {
            position++;
            return new PyDisplay(PyDisplayKind.Dict, [], [], Line(open), open.Start.Column);
        }

        var keys = new List<PyExpr?>();
        var values = new List<PyExpr>();
        var isDict = false;
        while (!AtEnd && !AtOp("}"))
        {
            var before = position;
            if (AtOp("**"))
            {
                position++;
                keys.Add(null);
                values.Add(ParseExpression());
                isDict = true;
            }
            else
            {
                var key = ParseNamed();
                if (AtOp(":"))
                {
                    position++;
                    isDict = true;
                    var value = ParseExpression();
                    if (AtName("for") || AtName("async"))
                    {
                        var comprehension = ParseComprehension(PyDisplayKind.Dict, value, key);
                        SkipToClose("}");
                        return comprehension;
                    }

                    keys.Add(key);
                    values.Add(value);
                }
                else if (AtName("for") || AtName("async"))
                {
                    var comprehension = ParseComprehension(PyDisplayKind.Set, key, null);
                    SkipToClose("}");
                    return comprehension;
                }
                else
                {
                    values.Add(key);
                }
            }

            if (AtOp(","))
            {
                position++;
            }
            else if (position == before || !AtOp("}"))
            {
                break;
            }
        }

        SkipToClose("}");
        return isDict
            ? new PyDisplay(PyDisplayKind.Dict, values, keys, Line(open), open.Start.Column)
            : new PyDisplay(PyDisplayKind.Set, values, [], Line(open), open.Start.Column);
    }

    /// <summary>Reads <c>for target in iterable [if test]…</c> clauses after an element; the targets are not needed to trace values.</summary>
    private PyComprehension ParseComprehension(PyDisplayKind kind, PyExpr element, PyExpr? key)
    {
        var iterables = new List<PyExpr>();
        while (AtName("for") || AtName("async"))
        {
            if (AtName("async"))
            {
                position++;
            }

            position++;
            while (!AtEnd && !AtName("in"))
            {
                if (Current!.Kind == PythonTokenKind.Op && Current.Text is "(" or "[")
                {
                    var close = Current.Text == "(" ? ")" : "]";
                    position++;
                    SkipToClose(close);
                    continue;
                }

                position++;
            }

            position++;
            iterables.Add(ParseOr());
            while (AtName("if"))
            {
                position++;
                ParseOr();
            }
        }

        IReadOnlyList<PyExpr> elements = key is null ? [element] : [key, element];
        return new PyComprehension(kind, elements, iterables, element.Line, element.Column);
    }
}
