using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Detection.Comments;

/// <summary>
/// Whether a comment says, in other words, only what a statement says: one judgement for every
/// language. The language front ends give the statement's words, with its keywords and operators
/// read as words (<c>+=</c> increments, <c>return</c> returns); the judgement reduces both sides to
/// concepts: words are stemmed, filler dropped, common synonyms folded (create/insert/add,
/// get/fetch/read, delete/remove, check/verify/validate…), abbreviations expanded (<c>conn</c>/connection). The comment restates the code when it opens with the statement's action
/// and at least two of its concepts and 80 % of them are in the code. Generic nouns (record, row, table, value…) neither count for
/// nor against it: "create a record" above <c>projects.insert()</c> adds no fact.
/// </summary>
internal static class CommentRestatement
{
    private const int MinMatchedConcepts = 2;

    private const int MaxContentWords = 12;

    /// <summary>A shared prefix this long (<c>conn</c> / <c>connection</c>, <c>count</c> / <c>counter</c>) is the same word.</summary>
    private const int MinPrefix = 4;

    /// <summary>A longer word counts as a shorter one's inflection only up to this many extra letters (<c>count</c> / <c>counter</c>, not <c>name</c> / <c>namespace</c>).</summary>
    private const int MaxSuffix = 3;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "to", "of", "for", "and", "or", "this", "that", "these", "those", "new", "in", "on", "with", "from", "by",
        "into", "it", "its", "be", "our", "we", "my", "then", "now", "here", "some", "up", "out", "as", "at", "self", "cls", "just",
        "also", "there", "which", "will", "can", "do", "does", "us", "i", "you", "your", "them", "they", "their", "over", "off",
        "via", "using", "current", "both", "all", "any", "each", "every", "actual", "actually", "simply", "first", "next",
    };

    /// <summary>Nouns that name the kind of thing, not which thing: they say nothing the code must say.</summary>
    private static readonly HashSet<string> GenericNouns = new(StringComparer.Ordinal)
    {
        "record", "row", "entry", "table", "object", "instance", "data", "value", "variable", "function", "method", "class",
        "string", "list", "dict", "dictionary", "array", "attribute", "field", "column", "thing", "stuff",
    };

    /// <summary>Words that give a reason, a warning, a condition in time or a reference: a comment that has one says more than the code.</summary>
    private static readonly HashSet<string> ReasonWords = new(StringComparer.Ordinal)
    {
        "because", "since", "so", "otherwise", "workaround", "note", "hack", "todo", "fixme", "warning", "important", "see",
        "why", "unless", "instead", "must", "never", "avoid", "only", "assume", "assumes", "assuming", "required", "need", "needs",
        "bug", "issue", "temporary", "careful", "intentionally", "deliberately", "though", "although", "however", "until", "xxx",
        "nb", "caution", "legacy", "compat", "compatibility", "should", "may", "might", "cannot", "can't", "won't", "don't", "dont",
        "http", "https", "www", "still", "yet", "already", "except", "especially", "fallback", "prevent", "ensures", "guarantee",
        "before", "after", "later", "once", "again", "while", "during", "per", "rfc", "pep", "spec", "docs", "documentation",
        "expected", "expect", "expects", "because", "reason", "hence", "thus", "therefore", "else", "even", "explicitly", "manually",
        "lazily", "eagerly", "safe", "safely", "unsafe", "thread", "race", "deadlock", "leak", "performance", "faster", "slow",
        "slower", "cheap", "expensive", "optimization", "optimisation", "hacky", "kludge", "deprecated", "removed", "python",
    };

    /// <summary>A statement of fact (<c># the id is stable</c>) describes a state the code relies on, not the action it takes.</summary>
    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal) { "is", "are", "was", "were", "been", "isn't", "aren't" };

    private static readonly HashSet<string> TestPhases = new(StringComparer.Ordinal)
    {
        "given", "when", "then", "arrange", "act", "assert", "setup", "teardown", "cleanup", "expect", "verify",
    };

    private static readonly HashSet<string> ConditionWords = new(StringComparer.Ordinal) { "if", "whether", "when" };

    /// <summary>Synonyms folded into one concept (the first word of each group names it).</summary>
    private static readonly string[][] SynonymGroups =
    [
        ["create", "insert", "add", "append", "make", "build", "construct", "instantiate", "generate", "register", "push", "put"],
        ["save", "store", "persist", "write", "commit"],
        ["get", "fetch", "read", "retrieve", "load", "obtain", "query", "select", "find", "lookup", "look", "grab", "pull", "collect"],
        ["delete", "remove", "drop", "erase", "destroy", "del", "discard", "purge", "unlink", "pop"],
        ["update", "modify", "change", "set", "assign", "edit", "alter", "overwrite", "replace"],
        ["init", "initialize", "initialise", "setup", "define", "declare", "prepare"],
        ["check", "verify", "validate", "ensure", "assert", "confirm", "test", "whether"],
        ["increment", "increase", "inc", "bump"],
        ["decrement", "decrease", "dec", "subtract", "reduce"],
        ["return", "give", "yield", "output"],
        ["loop", "iterate", "iteration", "traverse", "go", "walk", "through", "repeat"],
        ["raise", "throw", "fail"],
        ["print", "log", "logger", "logging", "display", "show", "echo", "report", "warn"],
        ["send", "post", "emit", "dispatch", "publish", "transmit"],
        ["convert", "cast", "transform", "turn", "coerce", "parse"],
        ["sort", "sorted"],
        ["compute", "calculate", "calc", "evaluate", "determine", "work"],
        ["start", "begin", "launch", "run", "execute", "exec", "invoke", "call", "perform", "process", "handle"],
        ["stop", "end", "halt", "finish", "break", "exit", "quit", "terminate", "abort"],
        ["skip", "continue", "ignore", "ignored"],
        ["open", "opened"],
        ["close", "closed", "shutdown", "dispose"],
        ["wait", "await", "sleep"],
        ["equal", "equals", "same", "match", "matches", "compare"],
        ["empty", "none", "null", "nothing", "blank", "missing", "nil"],
        ["count", "counter", "total", "number", "num", "tally"],
        ["argument", "arg", "args", "argv", "param", "params", "parameter"],
        ["config", "configuration", "cfg", "conf", "settings", "setting", "options", "opts"],
        ["connection", "conn", "connect", "connected", "session"],
        ["database", "db"],
        ["message", "msg"],
        ["request", "req"],
        ["response", "resp", "res", "reply"],
        ["error", "err", "exception", "exc"],
        ["directory", "dir", "folder"],
        ["length", "len", "size"],
        ["object", "obj"],
        ["index", "idx", "position", "pos"],
        ["environment", "env", "environ"],
        ["information", "info", "details"],
        ["maximum", "max"],
        ["minimum", "min"],
        ["temporary", "temp", "tmp"],
        ["context", "ctx"],
        ["user", "usr", "username"],
        ["result", "results", "ret", "retval", "outcome"],
        ["identifier", "id", "ids", "key"],
        ["dictionary", "dict", "map", "mapping"],
        ["list", "array", "sequence", "seq"],
        ["string", "str", "text"],
        ["character", "char", "chr"],
        ["file", "filename", "path", "fname", "fp"],
        ["url", "uri", "link", "endpoint"],
        ["import", "module"],
    ];

    private static readonly Dictionary<string, string> Concepts = BuildConcepts();

    /// <summary>
    /// The concepts that are actions. A comment restates code only when it names the action too:
    /// a bare noun phrase (<c># server errors</c>, <c># ASGI scope.</c>) is a heading over what follows.
    /// </summary>
    private static readonly HashSet<string> Actions = new[]
    {
        "create", "save", "get", "delete", "update", "init", "check", "increment", "decrement", "return", "loop", "raise", "print",
        "send", "convert", "sort", "compute", "start", "stop", "skip", "open", "close", "wait", "import", "apply", "cancel", "clean",
        "clear", "copy", "download", "enable", "disable", "exclude", "include", "fill", "filter", "flush", "format", "map", "merge",
        "move", "normalize", "notify", "render", "reset", "resolve", "search", "serialize", "deserialize", "split", "subscribe",
        "unsubscribe", "trim", "upload",
    }.Select(word => Concept(Stem(word))).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> GenericNounStems = GenericNouns.Select(Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the comment only restates what the statement's words (<paramref name="codeWords"/>, raw) say.</summary>
    public static bool Restates(string comment, IReadOnlyCollection<string> codeWords)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(codeWords);
        if (!IsCandidate(comment))
        {
            return false;
        }

        var content = Words(comment)
            .Select(word => word.ToLowerInvariant())
            .Where(word => !StopWords.Contains(word) && !Copulas.Contains(word) && !ConditionWords.Contains(word) && word.Length > 1)
            .Select(Stem)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (content.Count > MaxContentWords)
        {
            return false;
        }

        var code = codeWords.Select(word => Stem(word.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
        var codeConcepts = code.Select(Concept).ToHashSet(StringComparer.Ordinal);
        // A restatement is an instruction that opens with the statement's action ("increment the counter");
        // a label that merely mentions it ("# Account delete") heads a section.
        if (content.Count == 0 || !Actions.Contains(Concept(content[0])) || !IsInCode(content[0], code, codeConcepts))
        {
            return false;
        }

        var judged = 0;
        var matched = 0;
        foreach (var word in content)
        {
            var found = IsInCode(word, code, codeConcepts);
            if (GenericNounStems.Contains(word))
            {
                continue;
            }

            judged++;
            matched += found ? 1 : 0;
        }

        return matched >= MinMatchedConcepts && matched * 5 >= judged * 4;
    }

    /// <summary>Splits text into identifier-like words, identifiers into their parts (<c>projects_table</c> → projects, table).</summary>
    public static IEnumerable<string> Words(string text) =>
        IdentifierWords.Tokens(text).SelectMany(IdentifierWords.Split).Where(word => word.Any(char.IsLetter));

    private static bool IsCandidate(string comment)
    {
        if (comment.Length == 0 || comment.Contains('?', StringComparison.Ordinal) || comment.Contains("e.g.", StringComparison.OrdinalIgnoreCase)
            || comment.Contains("i.e.", StringComparison.OrdinalIgnoreCase) || comment.Contains('`', StringComparison.Ordinal)
            || comment.Any(char.IsDigit))
        {
            // Questions, examples, quoted code and numbers (a unit, a limit, a version) add facts.
            return false;
        }

        var words = IdentifierWords.Tokens(comment).Select(token => token.ToLowerInvariant()).ToList();
        if (words.Count > 0 && TestPhases.Contains(words[0]))
        {
            // `# given a product with an attribute value`, `# when`, `# then`: the phases of a test, not a restatement.
            return false;
        }

        // "in order to" gives a purpose; "order" alone is a noun as good as any other ("create an order row").
        var givesPurpose = comment.Contains("in order", StringComparison.OrdinalIgnoreCase);
        return !givesPurpose && !words.Any(ReasonWords.Contains) && (!words.Any(Copulas.Contains) || words.Any(ConditionWords.Contains));
    }

    private static bool IsInCode(string word, HashSet<string> code, HashSet<string> codeConcepts)
    {
        if (code.Contains(word) || codeConcepts.Contains(Concept(word)))
        {
            return true;
        }

        // `incomplete` above `complete=False`, `unsaved` above `saved = False`: the code says it with a flag.
        foreach (var negation in (ReadOnlySpan<string>)["in", "un", "non", "not"])
        {
            if (word.Length > negation.Length + MinPrefix && word.StartsWith(negation, StringComparison.Ordinal)
                && code.Contains(word[negation.Length..]) && code.Contains("fals"))
            {
                return true;
            }
        }

        return word.Length >= MinPrefix && code.Any(other => other.Length >= MinPrefix && Math.Abs(other.Length - word.Length) <= MaxSuffix
            && (other.StartsWith(word, StringComparison.Ordinal) || word.StartsWith(other, StringComparison.Ordinal)));
    }

    private static string Concept(string stem) => Concepts.TryGetValue(stem, out var concept) ? concept : stem;

    private static Dictionary<string, string> BuildConcepts()
    {
        var concepts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in SynonymGroups)
        {
            var name = Stem(group[0]);
            foreach (var word in group)
            {
                concepts.TryAdd(Stem(word), name);
            }
        }

        return concepts;
    }

    /// <summary>
    /// A light suffix stripper that only has to agree with itself: plural and verb endings, then a final
    /// <c>e</c> (<c>creates</c>, <c>created</c>, <c>creating</c> and <c>create</c> all become <c>creat</c>).
    /// </summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal))
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal))
        {
            stem = Undouble(stem[..^3]);
        }
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal))
        {
            stem = Undouble(stem[..^2]);
        }
        else if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal) && !stem.EndsWith("us", StringComparison.Ordinal)
            && !stem.EndsWith("is", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }

        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    /// <summary><c>runn</c> → <c>run</c>, <c>gett</c> → <c>get</c>; <c>call</c> and <c>pass</c> keep their pairs.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o') && !char.IsDigit(stem[^1]) ? stem[..^1] : stem;
}
