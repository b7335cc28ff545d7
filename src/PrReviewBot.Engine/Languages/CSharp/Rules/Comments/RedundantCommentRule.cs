using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Comments;

/// <summary>
/// A one-line <c>//</c> comment that only says what the next line says: once both are reduced
/// to content words (identifiers split into words, filler such as "the", "create", "return"
/// dropped, operators read as words), nearly every word of the comment is in the code.
/// Comments that give a reason, a warning, a reference or a test phase are never flagged.
/// </summary>
public sealed class RedundantCommentRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/redundant-comment",
        "Comment restates the code",
        Category.Comments,
        Severity.Note,
        "A comment that repeats the next line costs reading time, says nothing the code does not, and is the first thing to go stale when the code changes.",
        "Delete it, or replace it with what the code cannot say: why it is done this way, what would break otherwise, or a reference to the requirement.");

    private const int MaxContentWords = 8;

    /// <summary>One matching word is too little evidence: <c>// Dates</c> is a section heading, not a restatement.</summary>
    private const int MinContentWords = 2;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "to", "of", "for", "and", "or", "this", "that", "these", "new", "var", "set", "sets", "get", "gets",
        "call", "calls", "calling", "create", "creates", "creating", "return", "returns", "in", "on", "with", "from", "by", "into",
        "it", "its", "is", "are", "be", "our", "we", "my", "then", "now", "here", "some", "up", "out", "as", "at", "method", "function",
    };

    /// <summary>Verbs a narrating comment starts with (<c>Create …</c>, <c>Loading …</c>, <c>Checks …</c>), in their stemmed form too.</summary>
    private static readonly HashSet<string> ActionVerbs = new(StringComparer.Ordinal)
    {
        "add", "append", "apply", "assign", "build", "calculate", "calculat", "call", "cancel", "check", "clean", "clear", "close", "compare",
        "compute", "comput", "configure", "configur", "connect", "construct", "convert", "copy", "count", "create", "creat", "decrement",
        "decrease", "delete", "delet", "deserialize", "deserializ", "dispose", "dispos", "do", "download", "drop", "emit", "enable", "disable",
        "ensure", "ensur", "execute", "execut", "exclude", "exclud", "fetch", "fill", "filter", "find", "flush", "format", "generate",
        "generat", "get", "handle", "handl", "increment", "increase", "increas", "initialize", "initializ", "initialise", "insert", "invoke",
        "invok", "iterate", "iterat", "include", "includ", "load", "log", "loop", "make", "mak", "map", "merge", "merg", "move", "mov",
        "normalize", "normaliz", "notify", "open", "parse", "pars", "print", "process", "push", "put", "query", "read", "register", "remove",
        "remov", "render", "replace", "replac", "reset", "resolve", "resolv", "retrieve", "retriev", "return", "run", "save", "sav", "search",
        "send", "serialize", "serializ", "set", "setup", "sort", "split", "start", "stop", "store", "stor", "subscribe", "subtract", "throw",
        "trim", "try", "unsubscribe", "update", "updat", "upload", "use", "us", "validate", "validat", "verify", "wait", "write",
    };

    private static readonly HashSet<string> ReasonWords = new(StringComparer.Ordinal)
    {
        "because", "since", "so", "otherwise", "workaround", "note", "hack", "todo", "fixme", "warning", "important", "see",
        "why", "unless", "instead", "must", "never", "don't", "dont", "avoid", "only", "assume", "assumes", "assuming", "required",
        "need", "needs", "bug", "issue", "temporary", "careful", "intentionally", "deliberately", "though", "although", "however",
        "until", "xxx", "nb", "caution", "legacy", "compat", "compatibility", "should", "may", "might", "cannot", "can't", "won't",
    };

    /// <summary>
    /// A statement of fact (`// Limit is in current buffer`) describes a state the code relies on,
    /// not the action it takes; inside a condition (`// Check if name is null`) the verb is filler.
    /// </summary>
    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal) { "is", "are", "was", "were", "been", "isn't", "aren't" };

    private static readonly HashSet<string> ConditionWords = new(StringComparer.Ordinal) { "if", "whether", "when" };

    private static readonly HashSet<string> TestPhases = new(StringComparer.OrdinalIgnoreCase)
    {
        "arrange", "act", "assert", "act & assert", "act and assert", "arrange & act", "given", "when", "then", "setup", "teardown", "cleanup",
    };

    /// <summary>What keywords and operators say in words, so <c>// increment counter</c> matches <c>counter++;</c>.</summary>
    private static readonly Dictionary<string, string[]> Readings = new(StringComparer.Ordinal)
    {
        ["++"] = ["increment", "increase", "add", "bump"],
        ["--"] = ["decrement", "decrease"],
        ["+="] = ["add", "append", "increase", "increment"],
        ["-="] = ["subtract", "decrease", "remove"],
        ["=="] = ["equal", "equals", "compare"],
        ["!="] = ["not", "equal", "different"],
        ["="] = ["assign", "store"],
        ["+"] = ["plus", "add", "sum", "append"],
        ["-"] = ["minus", "subtract"],
        ["*"] = ["times", "multiply"],
        ["/"] = ["divide"],
        ["&&"] = ["and", "both"],
        ["||"] = ["or", "either"],
        [">"] = ["greater", "more", "above"],
        ["<"] = ["less", "fewer", "below"],
        ["!"] = ["not"],
        ["if"] = ["check", "whether", "verify"],
        ["foreach"] = ["loop", "iterate", "each", "every", "all", "through"],
        ["for"] = ["loop", "iterate", "each", "every", "through"],
        ["while"] = ["loop", "repeat"],
        ["new"] = ["initialize", "initialise", "instantiate", "construct"],
        ["throw"] = ["raise", "fail"],
        ["try"] = ["attempt"],
        ["catch"] = ["handle"],
        ["await"] = ["wait"],
        ["using"] = ["dispose"],
        ["lock"] = ["synchronize"],
        ["break"] = ["stop", "exit"],
        ["continue"] = ["skip"],
        ["null"] = ["nothing"],
    };

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GeneratedCode.IsGeneratedFile(context))
        {
            return;
        }

        var firstToken = context.Root.GetFirstToken(includeZeroWidth: true);
        foreach (var run in CommentLines.Runs(context))
        {
            if (run.Count != 1)
            {
                continue;
            }

            var comment = run[0];
            if (!context.HasFullContent && !(context.ChangedLines.IsInDiff(comment.Line - 1) && context.ChangedLines.IsInDiff(comment.Line + 1)))
            {
                // Outside the hunks lines are blank: this may be the end of a longer comment.
                continue;
            }

            var next = comment.Trivia.Token;
            // Labels of test data rows (`// unknown member` above `[InlineData(...)]`) and braces are not restated code.
            if (next == firstToken || next.IsKind(SyntaxKind.EndOfFileToken) || next.IsKind(SyntaxKind.CloseBraceToken) || next.IsKind(SyntaxKind.OpenBraceToken)
                || next.IsKind(SyntaxKind.OpenBracketToken)
                || context.LineOf(next.SpanStart) != comment.Line + 1 || !IsCandidate(comment.Text))
            {
                continue;
            }

            // `// 4K` above a switch arm or a case label names the branch, as a heading does; it restates nothing.
            if (RawWords(comment.Text).Count(word => word.Any(char.IsLetter)) < MinContentWords || StartsBranch(next) || IsHeading(comment.Text))
            {
                continue;
            }

            var commentWords = ContentWords(comment.Text);
            if (commentWords.Count is < MinContentWords or > MaxContentWords)
            {
                continue;
            }

            var codeWords = CodeWords(context.LineText(comment.Line + 1));
            var matched = commentWords.Count(codeWords.Contains);
            if (matched * 5 >= commentWords.Count * 4)
            {
                var shown = comment.Text.Length > 60 ? comment.Text[..57] + "..." : comment.Text;
                context.Report(this, comment.Line, comment.Line, $"Comment `{shown}` restates the next line; delete it, or say why the code does this.", string.Empty);
            }
        }
    }

    /// <summary>
    /// A label that names what follows (<c>// Min official rating</c>, <c>// Static stream</c> above an
    /// <c>if</c> block) rather than narrating an action: sections of a long method read better with
    /// them, and no reviewer asks to delete them. Only comments that start with a verb can restate a
    /// statement the way the reference review means (<c>// Create a record in the projects table</c>).
    /// </summary>
    private static bool IsHeading(string text)
    {
        var first = RawWords(text).FirstOrDefault()?.ToLowerInvariant();
        return first is null || !(ActionVerbs.Contains(first) || ActionVerbs.Contains(Stem(first)) || (first.EndsWith("ed", StringComparison.Ordinal) && ActionVerbs.Contains(first[..^2])));
    }

    /// <summary>True when the token opens a switch arm or a <c>case</c>/<c>default</c> label.</summary>
    private static bool StartsBranch(SyntaxToken token) =>
        token.Parent?.AncestorsAndSelf().Any(node => node is SwitchExpressionArmSyntax or SwitchLabelSyntax && node.SpanStart == token.SpanStart) == true;

    private static bool IsCandidate(string text)
    {
        if (text.Length == 0 || IsTestPhase(text) || CodeInComments.IsMarked(text) || CodeInComments.IsExample(text)
            || text.Contains('?', StringComparison.Ordinal) || text.StartsWith('/') || text.StartsWith('<') || text.StartsWith('#')
            || text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("===", StringComparison.Ordinal) || text.StartsWith("***", StringComparison.Ordinal)
            || text.StartsWith("region", StringComparison.OrdinalIgnoreCase) || text.StartsWith("endregion", StringComparison.OrdinalIgnoreCase)
            || CodeInComments.ShapeOf(text) == CodeShape.Code)
        {
            return false;
        }

        var words = RawWords(text).Select(word => word.ToLowerInvariant()).ToList();
        if (words.Any(ReasonWords.Contains))
        {
            return false;
        }

        return !words.Any(Copulas.Contains) || words.Any(ConditionWords.Contains);
    }

    /// <summary><c>// Arrange</c>, <c>// Act &amp; Assert</c>, <c>// Arrange - advance the clock</c>.</summary>
    private static bool IsTestPhase(string text)
    {
        var phase = text.TrimEnd(':', '.');
        var dash = phase.IndexOfAny([':', '-', '–']);
        return TestPhases.Contains(phase) || (dash > 0 && TestPhases.Contains(phase[..dash].Trim()));
    }

    private static List<string> ContentWords(string comment) =>
        [.. RawWords(comment)
            .SelectMany(IdentifierStyle.Words)
            .Select(word => word.ToLowerInvariant())
            .Where(word => !StopWords.Contains(word))
            .Select(Stem)
            .Distinct(StringComparer.Ordinal)];

    private static HashSet<string> CodeWords(string line)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in RawWords(line).SelectMany(IdentifierStyle.Words))
        {
            var lower = word.ToLowerInvariant();
            words.Add(Stem(lower));
            AddReadings(words, lower);
        }

        foreach (var token in SyntaxFactory.ParseTokens(line))
        {
            if (SyntaxFacts.IsPunctuation(token.Kind()) || SyntaxFacts.IsKeywordKind(token.Kind()))
            {
                AddReadings(words, token.Text);
            }
        }

        return words;
    }

    private static void AddReadings(HashSet<string> words, string key)
    {
        if (Readings.TryGetValue(key, out var readings))
        {
            foreach (var reading in readings)
            {
                words.Add(Stem(reading));
            }
        }
    }

    /// <summary>Words as written, split on anything that is not a letter, digit or apostrophe.</summary>
    private static IEnumerable<string> RawWords(string text)
    {
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            var isWordCharacter = index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '\'' || text[index] == '_');
            if (isWordCharacter && start < 0)
            {
                start = index;
            }
            else if (!isWordCharacter && start >= 0)
            {
                yield return text[start..index].Trim('\'');
                start = -1;
            }
        }
    }

    /// <summary>A crude stem, the same on both sides: projects → project, saving/saved/save → sav.</summary>
    private static string Stem(string word)
    {
        var stem = word;
        if (stem.Length > 4 && stem.EndsWith("ies", StringComparison.Ordinal))
        {
            stem = stem[..^3] + "y";
        }
        else if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }

        if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal))
        {
            stem = stem[..^3];
        }
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal))
        {
            stem = stem[..^2];
        }

        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }
}
