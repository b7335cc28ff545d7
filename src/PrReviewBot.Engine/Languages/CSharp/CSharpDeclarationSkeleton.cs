using System.Buffers;
using System.Text;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// A C# file's text with the inside of every method-like body cut out, found by a scan of the text instead of a parse:
/// what a batched review parses to take the declarations of a file it analyses in a later batch, so that each file is
/// parsed in full once, in its own batch, instead of twice. On a real 2,025-file change, parsing was a quarter of the
/// review's CPU and half of it went to the declarations.
/// </summary>
/// <remarks>
/// <para>
/// A block is cut when the token before its <c>{</c> is <c>)</c> (methods, constructors, operators, local functions,
/// statements, anonymous methods, object initializers after arguments) or an accessor keyword (<c>get</c>, <c>set</c>,
/// <c>init</c>, <c>add</c>, <c>remove</c>), unless a type is declared there (a primary constructor's
/// <c>class C(int x) {</c>, an <c>extension(string s) {</c> block). C# declares no type inside such a block, so
/// cutting it loses nothing another file can see, and whatever it cuts, the rest still reads as C#. Initializers
/// (<c>= new(…) { … }</c>, a lambda's block) and top-level statements are kept whole, as a declarations tree keeps them:
/// on 5,500 real files of four projects, the declarations read from a skeleton were the same text as those read from
/// the whole file.
/// </para>
/// <para>
/// The scan gives up (null) rather than guess: on conditional compilation (<c>#if</c>, whose disabled text need not
/// balance), on a <c>#nullable</c> or <c>#line</c> inside a cut block (it would change what follows), and on a text whose
/// strings, comments or braces do not close. The caller then parses the whole text, as it would have anyway.
/// </para>
/// </remarks>
internal static class CSharpDeclarationSkeleton
{
    /// <summary>What a cut block's scan stops at: braces, and where strings, characters, comments and directives start.</summary>
    private static readonly SearchValues<char> BlockStops = SearchValues.Create("{}\"'/#");

    /// <summary>Where a scan for literals stops: where strings, characters, comments and directives start.</summary>
    private static readonly SearchValues<char> LiteralStops = SearchValues.Create("\"'/#");

    private static readonly string[] ContainerKeywords = ["class", "struct", "interface", "record", "enum", "extension", "namespace"];

    private static readonly string[] AccessorKeywords = ["get", "set", "init", "add", "remove"];

    /// <summary>The text with method-like bodies emptied to <c>{}</c>, or null when the scan cannot tell.</summary>
    public static string? Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Scanner(text).Run();
    }

    /// <summary>
    /// The lines (1-based, first and last) wholly inside a string literal that spans lines, in order, found by the same scan
    /// of strings and comments; empty when the scan cannot tell.
    /// </summary>
    public static IReadOnlyList<(int First, int Last)> LinesInsideLiterals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<(int First, int Last)>();
        var line = 1;
        var counted = 0;
        foreach (var (start, end) in new Scanner(text).MultiLineLiterals() ?? [])
        {
            // A line is inside when it starts after the opening quote and ends at or before the closing one.
            line += text.AsSpan(counted, start - counted).Count('\n');
            var last = line + text.AsSpan(start, end - start).Count('\n');
            counted = end;
            var endsLine = end == text.Length || text[end] is '\r' or '\n';
            if ((endsLine ? last : last - 1) is var lastInside && lastInside > line)
            {
                lines.Add((line + 1, lastInside));
            }

            line = last;
        }

        return lines;
    }

    private sealed class Scanner(string text)
    {
        private readonly StringBuilder skeleton = new(text.Length / 2);

        /// <summary>Where the text not yet copied to <see cref="skeleton"/> starts.</summary>
        private int copied;

        /// <summary>The headers of the blocks the scan is in, outside cut blocks.</summary>
        private readonly Stack<Header> enclosing = new();

        private Header header = new(';');

        public string? Run()
        {
            var position = 0;
            while (position < text.Length)
            {
                var character = text[position];
                switch (character)
                {
                    case '{':
                        if (!header.IsCutBlock || enclosing.Count == 0)
                        {
                            // Top-level statements stay whole, as a declarations tree keeps them.
                            var verbatim = header.Verbatim || header.InExpression || (enclosing.Count == 0 && !header.DeclaresContainer);
                            enclosing.Push(header);
                            header = new('{') { Verbatim = verbatim };
                            position++;
                            continue;
                        }

                        if (BlockEnd(position) is not { } end)
                        {
                            return null;
                        }

                        skeleton.Append(text, copied, position + 1 - copied).Append('}');
                        copied = end + 1;
                        position = end + 1;
                        header = header.Next('}');
                        continue;
                    case '}':
                        if (!enclosing.TryPop(out var outer))
                        {
                            return null;
                        }

                        // Braces inside an expression (a lambda, an initializer) leave the expression's header as it was.
                        header = outer.InExpression ? outer with { LastToken = '}' } : outer.Next('}');
                        position++;
                        continue;
                    case ';':
                        header = header.Next(';');
                        position++;
                        continue;
                    case '/' when Comment(position) is var afterComment && afterComment != position:
                        if (afterComment < 0)
                        {
                            return null;
                        }

                        position = afterComment;
                        continue;
                    case '#' when StartsLine(position):
                        if (Directive(position, inCutBlock: false) is not { } afterDirective)
                        {
                            return null;
                        }

                        position = afterDirective;
                        continue;
                    case '"' or '\'':
                        if (Literal(position) is not { } afterLiteral)
                        {
                            return null;
                        }

                        header.Token('"');
                        position = afterLiteral;
                        continue;
                }

                if (char.IsWhiteSpace(character))
                {
                    position++;
                    continue;
                }

                if (char.IsLetterOrDigit(character) || character is '_' or '@')
                {
                    var start = position;
                    while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '@'))
                    {
                        position++;
                    }

                    header.Word(text.AsSpan(start, position - start));
                    continue;
                }

                header.Symbol(character);
                position++;
            }

            return enclosing.Count != 0 ? null : skeleton.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>The spans of the string literals that cross a line break, in order, or null when a literal or comment does not close.</summary>
        public List<(int Start, int End)>? MultiLineLiterals()
        {
            var literals = new List<(int Start, int End)>();
            var position = 0;
            while (true)
            {
                var next = text.AsSpan(position).IndexOfAny(LiteralStops);
                if (next < 0)
                {
                    return literals;
                }

                position += next;
                switch (text[position])
                {
                    case '/':
                        if (PastSlash(position) is not { } afterSlash)
                        {
                            return null;
                        }

                        position = afterSlash;
                        break;
                    case '#':
                        var lineEnd = StartsLine(position) ? text.IndexOf('\n', position) : position;
                        position = lineEnd < 0 ? text.Length : lineEnd + 1;
                        break;
                    default:
                        if (Literal(position) is not { } afterLiteral)
                        {
                            return null;
                        }

                        if (text.AsSpan(position, afterLiteral - position).Contains('\n'))
                        {
                            literals.Add((position, afterLiteral));
                        }

                        position = afterLiteral;
                        break;
                }
            }
        }

        /// <summary>The position of the <c>}</c> that closes the block opened at <paramref name="open"/>, or null.</summary>
        private int? BlockEnd(int open)
        {
            var depth = 0;
            var position = open;
            while (true)
            {
                var next = text.AsSpan(position).IndexOfAny(BlockStops);
                if (next < 0)
                {
                    return null;
                }

                position += next;
                switch (text[position])
                {
                    case '{':
                        depth++;
                        position++;
                        break;
                    case '}':
                        if (--depth == 0)
                        {
                            return position;
                        }

                        position++;
                        break;
                    case '/':
                        if (PastSlash(position) is not { } afterSlash)
                        {
                            return null;
                        }

                        position = afterSlash;
                        break;
                    case '#':
                        if (!StartsLine(position))
                        {
                            position++;
                        }
                        else if (Directive(position, inCutBlock: true) is { } afterDirective)
                        {
                            position = afterDirective;
                        }
                        else
                        {
                            return null;
                        }

                        break;
                    default:
                        if (Literal(position) is not { } afterLiteral)
                        {
                            return null;
                        }

                        position = afterLiteral;
                        break;
                }
            }
        }

        /// <summary>After the comment or the lone <c>/</c> at <paramref name="position"/>; null when a comment starts there and does not close.</summary>
        private int? PastSlash(int position) => Comment(position) switch
        {
            < 0 => null,
            var after when after == position => position + 1,
            var after => after,
        };

        /// <summary>After a comment starting at <paramref name="position"/>; the position itself when none starts there, -1 when it does not close.</summary>
        private int Comment(int position)
        {
            if (position + 1 >= text.Length)
            {
                return position;
            }

            switch (text[position + 1])
            {
                case '/':
                    var lineEnd = text.IndexOf('\n', position);
                    return lineEnd < 0 ? text.Length : lineEnd + 1;
                case '*':
                    var close = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    return close < 0 ? -1 : close + 2;
                default:
                    return position;
            }
        }

        private bool StartsLine(int position)
        {
            for (var before = position - 1; before >= 0 && text[before] != '\n'; before--)
            {
                if (!char.IsWhiteSpace(text[before]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// After the directive line at <paramref name="position"/>, or null for conditional compilation anywhere, and for
        /// what would change the text after a cut block (<c>#nullable</c>, <c>#line</c>, <c>#define</c>) inside one.
        /// </summary>
        private int? Directive(int position, bool inCutBlock)
        {
            var lineEnd = text.IndexOf('\n', position);
            var end = lineEnd < 0 ? text.Length : lineEnd + 1;
            var name = text.AsSpan(position + 1, end - position - 1).TrimStart();
            var length = 0;
            while (length < name.Length && char.IsLetter(name[length]))
            {
                length++;
            }

            var directive = name[..length];
            if (directive is "if" or "elif" or "else" or "endif")
            {
                return null;
            }

            return inCutBlock && directive is not ("region" or "endregion" or "pragma" or "warning" or "error") ? null : end;
        }

        /// <summary>After the string or character literal whose opening quote is at <paramref name="quote"/>, or null when it does not close.</summary>
        private int? Literal(int quote)
        {
            if (text[quote] == '\'')
            {
                for (var position = quote + 1; position < text.Length; position++)
                {
                    switch (text[position])
                    {
                        case '\\':
                            position++;
                            break;
                        case '\'':
                            return position + 1;
                        case '\n':
                            return null;
                    }
                }

                return null;
            }

            // The prefix: `@` (verbatim) and `$` (interpolated, one or more for raw strings) in either order.
            var verbatim = false;
            var dollars = 0;
            for (var before = quote - 1; before >= 0 && text[before] is '@' or '$'; before--)
            {
                verbatim |= text[before] == '@';
                dollars += text[before] == '$' ? 1 : 0;
            }

            if (verbatim)
            {
                return Content(quote + 1, verbatim: true, dollars > 0);
            }

            var quotes = 1;
            while (quote + quotes < text.Length && text[quote + quotes] == '"')
            {
                quotes++;
            }

            if (quotes >= 3)
            {
                // A raw string ends at the first run of as many quotes as opened it; a nested raw string in a hole would not.
                var close = text.IndexOf(new string('"', quotes), quote + quotes, StringComparison.Ordinal);
                if (close < 0)
                {
                    return null;
                }

                var end = close + quotes;
                while (end < text.Length && text[end] == '"')
                {
                    end++;
                }

                return end;
            }

            return quotes == 2 ? quote + 2 : Content(quote + 1, verbatim: false, dollars > 0);
        }

        /// <summary>After the closing quote of a string whose content starts at <paramref name="start"/>.</summary>
        private int? Content(int start, bool verbatim, bool interpolated)
        {
            for (var position = start; position < text.Length; position++)
            {
                switch (text[position])
                {
                    case '\\' when !verbatim:
                        position++;
                        break;
                    case '\n' when !verbatim:
                        return null;
                    case '"' when verbatim && position + 1 < text.Length && text[position + 1] == '"':
                        position++;
                        break;
                    case '"':
                        return position + 1;
                    case '{' when interpolated && position + 1 < text.Length && text[position + 1] == '{':
                        position++;
                        break;
                    case '{' when interpolated:
                        if (Hole(position + 1) is not { } close)
                        {
                            return null;
                        }

                        position = close;
                        break;
                }
            }

            return null;
        }

        /// <summary>The position of the <c>}</c> that ends an interpolation hole's expression (and format) starting at <paramref name="start"/>.</summary>
        private int? Hole(int start)
        {
            var depth = 0;
            for (var position = start; position < text.Length; position++)
            {
                switch (text[position])
                {
                    case '(' or '[' or '{':
                        depth++;
                        break;
                    case ')' or ']':
                        depth--;
                        break;
                    case '}' when depth == 0:
                        return position;
                    case '}':
                        depth--;
                        break;
                    case '"' or '\'':
                        if (Literal(position) is not { } after)
                        {
                            return null;
                        }

                        position = after - 1;
                        break;
                    case '\n':
                        return null;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// What the scan knows of the tokens since the last <c>{</c>, <c>}</c> or <c>;</c> outside a cut block. The last token is
    /// itself for a symbol, <c>'"'</c> for a literal, <c>'a'</c> for an accessor keyword and <c>'w'</c> for any other word.
    /// </summary>
    private record struct Header(char LastToken)
    {
        /// <summary>Inside an expression's block (a lambda in an initializer): nothing is cut, as a declaration keeps its initializer.</summary>
        public bool Verbatim { get; init; }

        /// <summary>Nothing but words so far, attributes aside: modifiers and an accessor keyword.</summary>
        private bool onlyWords = true;

        /// <summary>A <c>(</c> outside attributes so far: a type keyword after it is a constraint (<c>where T : class</c>) or an argument.</summary>
        private bool parenthesis;

        /// <summary>A type or namespace is declared here (<c>class C(int x) {</c>).</summary>
        public bool DeclaresContainer { get; private set; }

        /// <summary>An <c>=</c> outside parentheses and attributes: a field's or property's initializer, an assignment, an arrow.</summary>
        private bool initializer;

        private int brackets;

        private int parentheses;

        /// <summary>A block here is part of an expression: its end returns to this header.</summary>
        public readonly bool InExpression => initializer || parentheses > 0;

        public readonly bool IsCutBlock => !Verbatim && (
            (LastToken == ')' && !DeclaresContainer && !initializer)
            || (LastToken == 'a' && onlyWords && !DeclaresContainer));

        /// <summary>The header that starts after <paramref name="token"/>, in the same kind of block.</summary>
        public readonly Header Next(char token) => new(token) { Verbatim = Verbatim };

        public void Token(char token)
        {
            LastToken = token;
            if (brackets == 0)
            {
                onlyWords = false;
            }
        }

        public void Word(ReadOnlySpan<char> word)
        {
            LastToken = 'w';
            if (brackets != 0)
            {
                return;
            }

            foreach (var keyword in AccessorKeywords)
            {
                if (word.SequenceEqual(keyword))
                {
                    LastToken = 'a';
                }
            }

            if (!parenthesis)
            {
                foreach (var keyword in ContainerKeywords)
                {
                    DeclaresContainer |= word.SequenceEqual(keyword);
                }
            }
        }

        public void Symbol(char symbol)
        {
            switch (symbol)
            {
                case '[':
                    brackets++;
                    LastToken = '[';
                    return;
                case ']':
                    brackets = Math.Max(0, brackets - 1);
                    LastToken = ']';
                    return;
                case '(' when brackets == 0:
                    parenthesis = true;
                    parentheses++;
                    break;
                case ')' when brackets == 0:
                    parentheses = Math.Max(0, parentheses - 1);
                    break;
                case '=' when brackets == 0 && parentheses == 0:
                    initializer = true;
                    break;
            }

            Token(symbol);
        }
    }
}
