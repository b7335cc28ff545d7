namespace PrReviewBot.Engine.Detection.RegularExpressions;

/// <summary>How the engine is asked to match, which decides whether a failing tail exists at all.</summary>
public enum RegexMatchMode
{
    /// <summary>Search, match-at-start, split, replace: the first point where the pattern may end is a success.</summary>
    Partial,

    /// <summary>The whole input must match (Python's <c>fullmatch</c>): reaching the pattern's end early is not a success.</summary>
    Full,
}

/// <summary>
/// Finds regular expressions whose backtracking takes exponential time on a crafted input (ReDoS):
/// somewhere a repetition can read the same text in two different ways, over and over, and a
/// later part of the pattern can still fail, so a backtracking engine tries every way before
/// giving up. <c>(a+)+$</c>, <c>(\w+\s?)*$</c>, <c>^(a|ab)*c</c> and <c>(.*,)*X</c> have it;
/// <c>(\d+\.)+$</c> does not (the dot ends each round, so there is only one way to split).
/// </summary>
/// <remarks>
/// The check is the one exact ReDoS checkers use (an NFA that has two distinct paths from a state
/// back to itself over the same word), run on a small automaton built from the pattern. Bounded
/// repetitions up to ten rounds are unrolled; larger bounds count as unbounded. Lookarounds,
/// anchors and backreferences consume nothing here, but they can fail, so they count as a
/// failing tail. Patterns the parser does not understand are reported as safe: saying less
/// beats guessing.
/// </remarks>
public static class CatastrophicPatterns
{
    private const int MaxPositions = 200;
    private const int LargeRepeat = 10;

    /// <summary>Pairs of moves the ambiguity search may weigh before it gives up (and says "safe") on a huge pattern.</summary>
    private const int MaxSteps = 2_000_000;

    /// <summary>True when the pattern can backtrack exponentially in the given match mode.</summary>
    /// <param name="ignoreWhitespace">The verbose flag (<c>re.VERBOSE</c>, <c>RegexOptions.IgnorePatternWhitespace</c>) is on.</param>
    /// <param name="dotMatchesNewline">The dot-all flag (<c>re.DOTALL</c>, <c>RegexOptions.Singleline</c>) is on.</param>
    public static bool IsExponential(string pattern, RegexMatchMode mode = RegexMatchMode.Partial, bool ignoreWhitespace = false, bool dotMatchesNewline = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            var parser = new Parser(pattern, ignoreWhitespace, dotMatchesNewline);
            var tree = parser.ParseAll();
            if (tree is null)
            {
                return false;
            }

            var automaton = new Automaton();
            return automaton.Build(tree) && automaton.HasExponentialAmbiguity(mode);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private abstract record Node;

    private sealed record CharNode(CharSet Set) : Node;

    /// <summary>An anchor, lookaround or backreference: consumes nothing but can fail.</summary>
    private sealed record AssertionNode : Node;

    private sealed record SequenceNode(IReadOnlyList<Node> Items) : Node;

    private sealed record AlternationNode(IReadOnlyList<Node> Branches) : Node;

    /// <param name="Max">-1 for unbounded.</param>
    private sealed record RepeatNode(Node Body, int Min, int Max) : Node;

    /// <summary>An atomic group or possessive repetition: it never gives characters back, so it adds no ambiguity of its own.</summary>
    private sealed record AtomicNode(CharSet Set, bool Repeats, bool Nullable) : Node;

    /// <summary>A set of characters as inclusive ranges, possibly negated; enough to ask "can both read one character".</summary>
    private sealed class CharSet
    {
        public static readonly CharSet Any = new([(0, char.MaxValue)], negated: false);

        /// <summary>Reads nothing: a character that can never be read there.</summary>
        public static readonly CharSet None = new([], negated: false);

        public CharSet(List<(int Low, int High)> ranges, bool negated)
        {
            Ranges = ranges;
            Negated = negated;
        }

        public List<(int Low, int High)> Ranges { get; }

        public bool Negated { get; }

        public static CharSet Of(char character) => new([(character, character)], negated: false);

        public bool Overlaps(CharSet other)
        {
            if (Negated && other.Negated)
            {
                return true;
            }

            if (Negated || other.Negated)
            {
                var (negated, plain) = Negated ? (this, other) : (other, this);
                return plain.Ranges.Any(range => !negated.Covers(range));
            }

            return Ranges.Any(mine => other.Ranges.Any(theirs => mine.Low <= theirs.High && theirs.Low <= mine.High));
        }

        /// <summary>True when every character of the range is in this (non-negated) set's ranges.</summary>
        private bool Covers((int Low, int High) range)
        {
            var next = range.Low;
            foreach (var (low, high) in Ranges.OrderBy(candidate => candidate.Low))
            {
                if (low <= next && high >= next)
                {
                    next = high + 1;
                }

                if (next > range.High)
                {
                    return true;
                }
            }

            return next > range.High;
        }

        public CharSet Union(CharSet other)
        {
            if (Negated || other.Negated)
            {
                return Any;
            }

            return new CharSet([.. Ranges, .. other.Ranges], negated: false);
        }
    }

    private sealed class Parser(string pattern, bool ignoreWhitespace, bool dotMatchesNewline)
    {
        private static readonly CharSet AnyButNewline = new([('\n', '\n')], negated: true);

        private static readonly CharSet Newline = CharSet.Of('\n');

        private static readonly List<(int, int)> Digits = [('0', '9')];
        private static readonly List<(int, int)> Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z'), (0xAA, char.MaxValue)];
        private static readonly List<(int, int)> Space = [('\t', '\r'), (' ', ' '), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)];

        private int position;
        private bool verbose = ignoreWhitespace;
        private bool dotAll = dotMatchesNewline;

        public Node? ParseAll()
        {
            var node = ParseAlternation();
            return position < pattern.Length ? null : node;
        }

        private Node ParseAlternation()
        {
            var branches = new List<Node> { ParseSequence() };
            while (position < pattern.Length && pattern[position] == '|')
            {
                position++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : new AlternationNode(branches);
        }

        private Node ParseSequence()
        {
            var items = new List<Node>();
            var afterLineEnd = false;
            while (position < pattern.Length && pattern[position] is not ('|' or ')'))
            {
                if (verbose && SkipVerbose())
                {
                    continue;
                }

                var lineEnd = pattern[position] == '$';
                var atom = ParseAtom();
                if (atom is null)
                {
                    continue;
                }

                var item = ParseQuantifiers(atom);

                // What `$` lets through is the line's end: a character read right after it can only be the newline
                // (`^#( .*)?$\s` reads each line once, where `.*` and `\s` would otherwise both read its spaces).
                items.Add(afterLineEnd && item is CharNode read ? new CharNode(read.Set.Overlaps(Newline) ? Newline : CharSet.None) : item);
                afterLineEnd = lineEnd && item is AssertionNode;
            }

            return items.Count == 1 ? items[0] : new SequenceNode(items);
        }

        private bool SkipVerbose()
        {
            if (char.IsWhiteSpace(pattern[position]))
            {
                position++;
                return true;
            }

            if (pattern[position] == '#')
            {
                while (position < pattern.Length && pattern[position] != '\n')
                {
                    position++;
                }

                return true;
            }

            return false;
        }

        private Node ParseQuantifiers(Node atom)
        {
            while (position < pattern.Length)
            {
                if (verbose && position < pattern.Length && char.IsWhiteSpace(pattern[position]))
                {
                    position++;
                    continue;
                }

                int min;
                int max;
                var character = pattern[position];
                if (character == '*')
                {
                    (min, max) = (0, -1);
                    position++;
                }
                else if (character == '+')
                {
                    (min, max) = (1, -1);
                    position++;
                }
                else if (character == '?')
                {
                    (min, max) = (0, 1);
                    position++;
                }
                else if (character == '{' && TryParseBraces(out min, out max))
                {
                }
                else
                {
                    return atom;
                }

                var possessive = false;
                if (position < pattern.Length && pattern[position] == '?')
                {
                    position++;
                }
                else if (position < pattern.Length && pattern[position] == '+')
                {
                    position++;
                    possessive = true;
                }

                if (atom is AssertionNode)
                {
                    continue;
                }

                atom = possessive ? Atomic(atom, repeats: max is -1 or > 1, nullable: min == 0) : new RepeatNode(atom, min, max);
            }

            return atom;
        }

        private bool TryParseBraces(out int min, out int max)
        {
            min = 0;
            max = 0;
            var close = pattern.IndexOf('}', position);
            if (close < 0)
            {
                return false;
            }

            var body = pattern[(position + 1)..close];
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var low = comma < 0 ? body : body[..comma];
            var high = comma < 0 ? body : body[(comma + 1)..];
            if (!int.TryParse(low.Length == 0 ? "0" : low, out min) || (high.Length > 0 && !int.TryParse(high, out max)))
            {
                return false;
            }

            if (low.Length == 0 && comma < 0)
            {
                return false;
            }

            max = high.Length == 0 && comma >= 0 ? -1 : max;
            position = close + 1;
            return true;
        }

        private Node? ParseAtom()
        {
            var character = pattern[position++];
            switch (character)
            {
                case '.':
                    return new CharNode(dotAll ? CharSet.Any : AnyButNewline);
                case '^' or '$':
                    return new AssertionNode();
                case '[':
                    return new CharNode(ParseClass());
                case '(':
                    return ParseGroup();
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?':
                    throw new FormatException("quantifier without a target");
                default:
                    return new CharNode(CharSet.Of(character));
            }
        }

        private Node? ParseGroup()
        {
            var kind = GroupKind();
            if (kind == "flags")
            {
                return null;
            }

            if (kind == "comment")
            {
                var end = pattern.IndexOf(')', position);
                position = end < 0 ? pattern.Length : end + 1;
                return null;
            }

            var body = ParseAlternation();
            if (position >= pattern.Length || pattern[position] != ')')
            {
                throw new FormatException("unclosed group");
            }

            position++;
            return kind switch
            {
                "lookaround" or "conditional" => new AssertionNode(),
                "atomic" => Atomic(body, repeats: false, nullable: false),
                _ => body,
            };
        }

        /// <summary>Reads what follows <c>(</c>: capturing, named, non-capturing, lookaround, atomic, inline flags or a comment.</summary>
        private string GroupKind()
        {
            if (position >= pattern.Length || pattern[position] != '?')
            {
                return "capture";
            }

            position++;
            if (position >= pattern.Length)
            {
                throw new FormatException("bad group");
            }

            var next = pattern[position];
            switch (next)
            {
                case ':':
                    position++;
                    return "capture";
                case '=' or '!':
                    position++;
                    return "lookaround";
                case '>':
                    position++;
                    return "atomic";
                case '#':
                    return "comment";
                case '(':
                    // A conditional (?(1)yes|no): read it as something that consumes nothing, conservatively.
                    return "conditional";
                case '<' when position + 1 < pattern.Length && pattern[position + 1] is '=' or '!':
                    position += 2;
                    return "lookaround";
                case 'P' when position + 1 < pattern.Length && pattern[position + 1] == '=':
                    position = SkipPast(')');
                    position--;
                    return "backreference";
                case 'P' or '<' or '\'':
                    var close = next == '\'' ? '\'' : '>';
                    var end = pattern.IndexOf(close, position + 1);
                    if (end < 0)
                    {
                        throw new FormatException("bad group name");
                    }

                    position = end + 1;
                    return "capture";
                default:
                    // Inline flags: (?i) applies onwards, (?i:...) scopes a group.
                    var flagsEnd = position;
                    while (flagsEnd < pattern.Length && (char.IsLetter(pattern[flagsEnd]) || pattern[flagsEnd] == '-'))
                    {
                        flagsEnd++;
                    }

                    var flags = pattern[position..flagsEnd];
                    if (flagsEnd < pattern.Length && pattern[flagsEnd] == ')')
                    {
                        var on = flags.Split('-')[0];
                        verbose |= on.Contains('x', StringComparison.Ordinal);
                        dotAll |= on.Contains('s', StringComparison.Ordinal);
                        position = flagsEnd + 1;
                        return "flags";
                    }

                    if (flagsEnd < pattern.Length && pattern[flagsEnd] == ':')
                    {
                        position = flagsEnd + 1;
                        return "capture";
                    }

                    throw new FormatException("unknown group");
            }
        }

        private int SkipPast(char character)
        {
            var end = pattern.IndexOf(character, position);
            return end < 0 ? pattern.Length : end + 1;
        }

        private Node ParseEscape()
        {
            if (position >= pattern.Length)
            {
                throw new FormatException("dangling escape");
            }

            var character = pattern[position++];
            if (char.IsDigit(character) && character != '0')
            {
                while (position < pattern.Length && char.IsDigit(pattern[position]))
                {
                    position++;
                }

                return new AssertionNode();
            }

            switch (character)
            {
                case 'b' or 'B' or 'A' or 'Z' or 'z' or 'G':
                    return new AssertionNode();
                case 'k' when position < pattern.Length:
                    position = SkipPast(pattern[position] == '{' ? '}' : pattern[position] == '\'' ? '\'' : '>');
                    return new AssertionNode();
                default:
                    return new CharNode(EscapeSet(character));
            }
        }

        /// <summary>The set an escape stands for, after its letter has been read; used in and out of classes.</summary>
        private CharSet EscapeSet(char character)
        {
            switch (character)
            {
                case 'd':
                    return new CharSet(Digits, negated: false);
                case 'D':
                    return new CharSet(Digits, negated: true);
                case 'w':
                    return new CharSet(Word, negated: false);
                case 'W':
                    return new CharSet(Word, negated: true);
                case 's':
                    return new CharSet(Space, negated: false);
                case 'S':
                    return new CharSet(Space, negated: true);
                case 'p' or 'P':
                    if (position < pattern.Length && pattern[position] == '{')
                    {
                        position = SkipPast('}');
                    }
                    else if (position < pattern.Length)
                    {
                        position++;
                    }

                    return CharSet.Any;
                case 'n':
                    return CharSet.Of('\n');
                case 't':
                    return CharSet.Of('\t');
                case 'r':
                    return CharSet.Of('\r');
                case 'f':
                    return CharSet.Of('\f');
                case 'v':
                    return CharSet.Of('\v');
                case 'x' or 'u' or 'U':
                    return CharSet.Of(ReadHex(character));
                case '0':
                    return CharSet.Of('\0');
                case 'c' when position < pattern.Length:
                    position++;
                    return CharSet.Any;
                default:
                    return CharSet.Of(character);
            }
        }

        private char ReadHex(char kind)
        {
            if (position < pattern.Length && pattern[position] == '{')
            {
                if (pattern.IndexOf('}', position) < 0)
                {
                    throw new FormatException("unclosed hex escape");
                }

                var close = SkipPast('}');
                var text = pattern[(position + 1)..(close - 1)];
                position = close;
                return int.TryParse(text, System.Globalization.NumberStyles.HexNumber, null, out var braced) && braced <= char.MaxValue ? (char)braced : '\uFFFF';
            }

            var digits = kind switch
            {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            var available = Math.Min(digits, pattern.Length - position);
            var hex = pattern.Substring(position, available);
            position += available;
            return int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var value) && value <= char.MaxValue ? (char)value : '\uFFFF';
        }

        private CharSet ParseClass()
        {
            var negated = false;
            if (position < pattern.Length && pattern[position] == '^')
            {
                negated = true;
                position++;
            }

            var ranges = new List<(int, int)>();
            var first = true;
            var any = false;
            while (position < pattern.Length && (pattern[position] != ']' || first))
            {
                first = false;
                int low;
                if (pattern[position] == '\\' && position + 1 < pattern.Length)
                {
                    position++;
                    var escaped = pattern[position++];
                    var set = EscapeSet(escaped);
                    if (set.Negated || set.Ranges.Count != 1 || set.Ranges[0].Low != set.Ranges[0].High)
                    {
                        any |= set.Negated;
                        ranges.AddRange(set.Negated ? [] : set.Ranges);
                        continue;
                    }

                    low = set.Ranges[0].Low;
                }
                else if (pattern[position] == '[' && position + 1 < pattern.Length && pattern[position + 1] == ':')
                {
                    // A POSIX-style class such as [:alpha:]: read it as "anything", which can only add overlaps.
                    position = SkipPast(']');
                    any = true;
                    continue;
                }
                else
                {
                    low = pattern[position++];
                }

                if (position + 1 < pattern.Length && pattern[position] == '-' && pattern[position + 1] != ']')
                {
                    position++;
                    int high;
                    if (pattern[position] == '\\' && position + 1 < pattern.Length)
                    {
                        position++;
                        var set = EscapeSet(pattern[position++]);
                        high = set.Ranges.Count == 1 ? set.Ranges[0].High : low;
                    }
                    else
                    {
                        high = pattern[position++];
                    }

                    ranges.Add((Math.Min(low, high), Math.Max(low, high)));
                }
                else
                {
                    ranges.Add((low, low));
                }
            }

            if (position >= pattern.Length)
            {
                throw new FormatException("unclosed class");
            }

            position++;
            if (any)
            {
                return negated ? new CharSet([], negated: false) : CharSet.Any;
            }

            return new CharSet(ranges, negated);
        }

        private static AtomicNode Atomic(Node body, bool repeats, bool nullable) => new(FirstChars(body), repeats, nullable);

        private static CharSet FirstChars(Node node) => node switch
        {
            CharNode character => character.Set,
            AtomicNode atomic => atomic.Set,
            SequenceNode sequence => sequence.Items.Select(FirstChars).Aggregate(new CharSet([], negated: false), (left, right) => left.Union(right)),
            AlternationNode alternation => alternation.Branches.Select(FirstChars).Aggregate(new CharSet([], negated: false), (left, right) => left.Union(right)),
            RepeatNode repeat => FirstChars(repeat.Body),
            _ => new CharSet([], negated: false),
        };
    }

    /// <summary>What a sub-pattern contributes to the position automaton: the positions it can start and end with.</summary>
    /// <param name="LastFree">End positions after which the rest of this sub-pattern can be skipped without passing an assertion.</param>
    /// <param name="NullableFree">Can match the empty string without passing an assertion.</param>
    private sealed record Piece(List<int> First, List<int> Last, List<int> LastFree, bool Nullable, bool NullableFree);

    /// <summary>
    /// A position (Glushkov) automaton: one state per character-reading occurrence in the pattern,
    /// and "q may read right after p" edges counted by how many constructs produce them, so
    /// <c>(a+)+</c> gets the edge a→a twice (from the inner and from the outer repetition).
    /// </summary>
    private sealed class Automaton
    {
        private readonly List<CharSet> reads = [new CharSet([], negated: false)];
        private readonly Dictionary<(int From, int To), int> follows = [];

        public bool TooLarge => reads.Count > MaxPositions;

        public List<int> EndsFree { get; private set; } = [];

        public bool Build(Node root)
        {
            var piece = Visit(root);
            if (piece is null)
            {
                return false;
            }

            Connect([0], piece.First);
            EndsFree = piece.LastFree;
            return !TooLarge;
        }

        private Piece? Visit(Node node)
        {
            if (TooLarge)
            {
                return null;
            }

            switch (node)
            {
                case CharNode character:
                    return Position(character.Set, repeats: false, nullable: false);
                case AtomicNode atomic:
                    return Position(atomic.Set, atomic.Repeats, atomic.Nullable);
                case AssertionNode:
                    return new Piece([], [], [], Nullable: true, NullableFree: false);
                case SequenceNode sequence:
                    var result = Empty();
                    foreach (var item in sequence.Items)
                    {
                        var next = Visit(item);
                        if (next is null)
                        {
                            return null;
                        }

                        result = Then(result, next);
                    }

                    return result;
                case AlternationNode alternation:
                    var branches = new List<Piece>();
                    foreach (var branch in alternation.Branches)
                    {
                        var piece = Visit(branch);
                        if (piece is null)
                        {
                            return null;
                        }

                        branches.Add(piece);
                    }

                    return new Piece(
                        [.. branches.SelectMany(piece => piece.First)],
                        [.. branches.SelectMany(piece => piece.Last)],
                        [.. branches.SelectMany(piece => piece.LastFree)],
                        branches.Any(piece => piece.Nullable),
                        branches.Any(piece => piece.NullableFree));
                case RepeatNode repeat:
                    return Repeat(repeat);
                default:
                    return null;
            }
        }

        private static Piece Empty() => new([], [], [], Nullable: true, NullableFree: true);

        private Piece Position(CharSet set, bool repeats, bool nullable)
        {
            reads.Add(set);
            var position = reads.Count - 1;
            if (repeats)
            {
                Connect([position], [position]);
            }

            return new Piece([position], [position], [position], nullable, nullable);
        }

        private Piece Then(Piece left, Piece right)
        {
            Connect(left.Last, right.First);
            return new Piece(
                left.Nullable ? [.. left.First, .. right.First] : left.First,
                right.Nullable ? [.. right.Last, .. left.Last] : right.Last,
                right.NullableFree ? [.. right.LastFree, .. left.LastFree] : right.LastFree,
                left.Nullable && right.Nullable,
                left.NullableFree && right.NullableFree);
        }

        private Piece? Repeat(RepeatNode repeat)
        {
            if (repeat.Max == 0)
            {
                return Empty();
            }

            if (repeat.Max is -1 or > LargeRepeat)
            {
                // x{n,} reads like x+ (or x* for n = 0) as far as ambiguity goes.
                var body = Visit(repeat.Body);
                if (body is null)
                {
                    return null;
                }

                Connect(body.Last, body.First);
                return repeat.Min == 0 ? body with { Nullable = true, NullableFree = true } : body;
            }

            // x{n,m}: n copies, then m - n nested optional copies x(x(x)?)?, which unrolls without adding ambiguity.
            Piece? optional = null;
            for (var round = repeat.Max; round > repeat.Min; round--)
            {
                var copy = Visit(repeat.Body);
                if (copy is null)
                {
                    return null;
                }

                optional = (optional is null ? copy : Then(copy, optional)) with { Nullable = true, NullableFree = true };
            }

            var result = Empty();
            for (var round = 0; round < repeat.Min; round++)
            {
                var copy = Visit(repeat.Body);
                if (copy is null)
                {
                    return null;
                }

                result = Then(result, copy);
            }

            return optional is null ? result : Then(result, optional);
        }

        private void Connect(List<int> from, List<int> to)
        {
            foreach (var source in from)
            {
                foreach (var target in to)
                {
                    follows[(source, target)] = follows.GetValueOrDefault((source, target)) + 1;
                }
            }
        }

        /// <summary>
        /// True when some position q can come back to itself along two different runs that read the
        /// same text: in the product of the automaton with itself, a cycle through (q, q) either
        /// leaves the diagonal or takes an edge the automaton has twice. In partial mode the loop also
        /// needs a failing tail: if the pattern may end right after it, the first way tried succeeds.
        /// </summary>
        public bool HasExponentialAmbiguity(RegexMatchMode mode)
        {
            var count = reads.Count;
            var successors = new List<(int To, int Ways)>[count];
            for (var position = 0; position < count; position++)
            {
                successors[position] = [];
            }

            foreach (var ((from, to), ways) in follows)
            {
                successors[from].Add((to, ways));
            }

            var edges = new List<(int To, bool Divergent)>[count * count];
            var steps = 0;
            var pending = new Stack<int>();
            pending.Push(0);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (edges[node] is not null)
                {
                    continue;
                }

                var (left, right) = (node / count, node % count);
                var outgoing = new List<(int To, bool Divergent)>();
                steps += successors[left].Count * successors[right].Count;
                if (steps > MaxSteps)
                {
                    return false;
                }

                foreach (var (leftTarget, leftWays) in successors[left])
                {
                    foreach (var (rightTarget, _) in successors[right])
                    {
                        if (!reads[leftTarget].Overlaps(reads[rightTarget]))
                        {
                            continue;
                        }

                        var divergent = leftTarget != rightTarget || (left == right && leftWays > 1);
                        var target = Pair(leftTarget, rightTarget, count);
                        outgoing.Add((target, divergent));
                        if (edges[target] is null)
                        {
                            pending.Push(target);
                        }
                    }
                }

                edges[node] = outgoing;
            }

            var components = StronglyConnected(edges);
            var ends = EndsFree.ToHashSet();
            var checkedComponents = new HashSet<int>();
            for (var q = 1; q < count; q++)
            {
                var diagonal = Pair(q, q, count);
                if (edges[diagonal] is null || !checkedComponents.Add(components[diagonal]))
                {
                    continue;
                }

                var component = components[diagonal];
                var ambiguous = false;
                var endsInside = false;
                for (var node = 0; node < edges.Length; node++)
                {
                    if (edges[node] is null || components[node] != component)
                    {
                        continue;
                    }

                    var (left, right) = (node / count, node % count);
                    ambiguous |= left != right || edges[node].Any(edge => edge.Divergent && components[edge.To] == component);
                    endsInside |= left == right && ends.Contains(left);
                }

                if (ambiguous && (mode == RegexMatchMode.Full || !endsInside))
                {
                    return true;
                }
            }

            return false;
        }

        private static int Pair(int left, int right, int count) => left <= right ? (left * count) + right : (right * count) + left;

        /// <summary>Tarjan's algorithm over the explored pairs, iterative so a long pattern cannot overflow the stack.</summary>
        private static int[] StronglyConnected(List<(int To, bool Divergent)>[] edges)
        {
            var size = edges.Length;
            var component = Enumerable.Repeat(-1, size).ToArray();
            var order = new int[size];
            var low = new int[size];
            var visited = new bool[size];
            var onStack = new bool[size];
            var stack = new Stack<int>();
            var counter = 0;
            var components = 0;
            for (var root = 0; root < size; root++)
            {
                if (visited[root] || edges[root] is null)
                {
                    continue;
                }

                var work = new Stack<(int Node, int Edge)>();
                work.Push((root, 0));
                visited[root] = true;
                order[root] = low[root] = counter++;
                stack.Push(root);
                onStack[root] = true;
                while (work.Count > 0)
                {
                    var (node, edge) = work.Pop();
                    var outgoing = edges[node];
                    if (edge < outgoing.Count)
                    {
                        work.Push((node, edge + 1));
                        var next = outgoing[edge].To;
                        if (!visited[next])
                        {
                            visited[next] = true;
                            order[next] = low[next] = counter++;
                            stack.Push(next);
                            onStack[next] = true;
                            work.Push((next, 0));
                        }
                        else if (onStack[next])
                        {
                            low[node] = Math.Min(low[node], order[next]);
                        }

                        continue;
                    }

                    if (low[node] == order[node])
                    {
                        int member;
                        do
                        {
                            member = stack.Pop();
                            onStack[member] = false;
                            component[member] = components;
                        }
                        while (member != node);
                        components++;
                    }

                    if (work.Count > 0)
                    {
                        var parent = work.Peek().Node;
                        low[parent] = Math.Min(low[parent], low[node]);
                    }
                }
            }

            return component;
        }
    }
}
