namespace PrReviewBot.Engine.Configuration;

/// <summary>
/// A path glob as <c>.editorconfig</c> and <c>exclude:</c> write them: <c>*</c> (within a folder),
/// <c>**</c> (across folders), <c>?</c>, <c>{a,b}</c> and <c>[abc]</c> / <c>[a-z]</c> / <c>[!abc]</c>.
/// A pattern without a slash matches the file name in any folder, as in <c>.editorconfig</c> and
/// <c>.gitignore</c>.
/// </summary>
/// <remarks>
/// Patterns come from the reviewed repository, so matching must stay linear whatever they say: each
/// alternative is matched by walking the set of path positions it can reach, token by token
/// (time proportional to tokens × path length, no backtracking). A regular expression would do the
/// same with the non-backtracking engine, whose construction cost a cold review more than its matching.
/// </remarks>
public sealed class GlobPattern
{
    /// <summary>How many alternatives <c>{a,b}</c> groups may expand to; beyond that the pattern is refused.</summary>
    private const int MaxAlternatives = 256;

    private readonly Token[][] alternatives;

    /// <exception cref="ArgumentException">The pattern is empty, has an unclosed <c>{</c>, or expands to too many alternatives.</exception>
    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        var body = pattern.Replace('\\', '/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        alternatives = [.. Expand(body).Select(alternative => Tokens(alternative, anchored))];
    }

    public string Pattern { get; }

    /// <summary>True when the repository-relative path (forward slashes) matches.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalised = path.Replace('\\', '/').TrimStart('/');
        return alternatives.Any(tokens => Matches(tokens, normalised));
    }

    private enum Kind
    {
        Literal,
        AnyButSlash,
        Set,
        RunWithinFolder,
        RunAcrossFolders,
        Folders,
    }

    /// <summary>One step of a pattern: a character, <c>?</c>, a <c>[set]</c>, <c>*</c>, <c>**</c>, or <c>**/</c> (no folder or any folders).</summary>
    private readonly record struct Token(Kind Kind, char Character = '\0', string? Set = null, bool Negated = false)
    {
        public bool Accepts(char character) => Kind switch
        {
            Kind.Literal => character == Character,
            Kind.AnyButSlash => character != '/',
            _ => InSet(character) != Negated,
        };

        private bool InSet(char character)
        {
            var set = Set!;
            for (var index = 0; index < set.Length; index++)
            {
                if (index + 2 < set.Length && set[index + 1] == '-')
                {
                    if (character >= set[index] && character <= set[index + 2])
                    {
                        return true;
                    }

                    index += 2;
                }
                else if (set[index] == character)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool Matches(Token[] tokens, string path)
    {
        // reach[p]: the tokens so far can match path[..p].
        var length = path.Length + 1;
        var reach = new bool[length];
        var next = new bool[length];
        reach[0] = true;
        foreach (var token in tokens)
        {
            Array.Clear(next);
            var any = false;
            switch (token.Kind)
            {
                case Kind.RunWithinFolder:
                    for (var position = 0; position < length; position++)
                    {
                        next[position] = reach[position] || (position > 0 && next[position - 1] && path[position - 1] != '/');
                        any |= next[position];
                    }

                    break;
                case Kind.RunAcrossFolders:
                    for (var position = 0; position < length; position++)
                    {
                        next[position] = reach[position] || (position > 0 && next[position - 1]);
                        any |= next[position];
                    }

                    break;
                case Kind.Folders:
                    var started = false;
                    for (var position = 0; position < length; position++)
                    {
                        next[position] = reach[position] || (started && path[position - 1] == '/');
                        started |= reach[position];
                        any |= next[position];
                    }

                    break;
                default:
                    for (var position = 0; position < length - 1; position++)
                    {
                        if (reach[position] && token.Accepts(path[position]))
                        {
                            next[position + 1] = true;
                            any = true;
                        }
                    }

                    break;
            }

            if (!any)
            {
                return false;
            }

            (reach, next) = (next, reach);
        }

        return reach[length - 1];
    }

    private static Token[] Tokens(string glob, bool anchored)
    {
        var tokens = new List<Token>();
        if (!anchored)
        {
            tokens.Add(new Token(Kind.Folders));
        }

        for (var index = 0; index < glob.Length; index++)
        {
            var character = glob[index];
            switch (character)
            {
                case '*' when index + 1 < glob.Length && glob[index + 1] == '*':
                    index++;
                    if (index + 1 < glob.Length && glob[index + 1] == '/')
                    {
                        index++;
                        tokens.Add(new Token(Kind.Folders));
                    }
                    else
                    {
                        tokens.Add(new Token(Kind.RunAcrossFolders));
                    }

                    break;
                case '*':
                    tokens.Add(new Token(Kind.RunWithinFolder));
                    break;
                case '?':
                    tokens.Add(new Token(Kind.AnyButSlash));
                    break;
                case '[' when glob.IndexOf(']', index + 1) is var close and > 0:
                    var set = glob[(index + 1)..close];
                    var negated = set.StartsWith('!');
                    tokens.Add(new Token(Kind.Set, Set: negated ? set[1..] : set, Negated: negated));
                    index = close;
                    break;
                default:
                    tokens.Add(new Token(Kind.Literal, character));
                    break;
            }
        }

        return [.. tokens];
    }

    /// <summary>
    /// The pattern with every <c>{a,b}</c> group (nested too) spelled out: <c>*.{cs,vb}</c> is
    /// <c>*.cs</c> and <c>*.vb</c>. A <c>}</c> or <c>,</c> outside a group is an ordinary character.
    /// </summary>
    private static List<string> Expand(string glob)
    {
        var open = glob.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return [glob];
        }

        // The group's options, split at its own top-level commas.
        var options = new List<string>();
        var depth = 0;
        var start = open + 1;
        var close = -1;
        for (var index = open + 1; index < glob.Length && close < 0; index++)
        {
            switch (glob[index])
            {
                case '{':
                    depth++;
                    break;
                case '}' when depth > 0:
                    depth--;
                    break;
                case '}':
                    options.Add(glob[start..index]);
                    close = index;
                    break;
                case ',' when depth == 0:
                    options.Add(glob[start..index]);
                    start = index + 1;
                    break;
            }
        }

        if (close < 0)
        {
            throw new ArgumentException($"'{{' at position {open + 1} has no closing '}}'.", nameof(glob));
        }

        var prefix = glob[..open];
        var rests = Expand(glob[(close + 1)..]);
        var expanded = new List<string>();
        foreach (var option in options)
        {
            foreach (var inner in Expand(option))
            {
                foreach (var rest in rests)
                {
                    expanded.Add(prefix + inner + rest);
                    if (expanded.Count > MaxAlternatives)
                    {
                        throw new ArgumentException($"the '{{…}}' groups expand to more than {MaxAlternatives} alternatives.", nameof(glob));
                    }
                }
            }
        }

        return expanded;
    }
}
