using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Comments;

/// <summary>
/// Comment lines that read as Python statements (<c># return x + 1</c>, <c># import os</c>,
/// <c># x = compute()</c>), one finding per run. Prose, tool directives and doctest examples are left alone, and so
/// are a repository's own conventions: a commented call the file already carries on lines the change did not add
/// (<c># insert_assert(...)</c>, a marker tools regenerate), or a comment that repeats the <c>assert</c> below it.
/// </summary>
public sealed partial class PythonCommentedOutCodeRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/commented-out-code",
        "Commented-out code",
        Category.Comments,
        Severity.Note,
        "Commented-out code is never run or tested, goes stale at once, and leaves readers guessing whether it matters; version control already keeps the old code.",
        "Delete it; if it documents an alternative, say so in prose and link the commit or issue.");

    private const int MaxDeletableLines = 10;

    private static readonly HashSet<string> RunOnWords = new(StringComparer.Ordinal)
    {
        "of", "for", "as", "like", "with", "to", "in", "is", "are", "was", "the", "a", "an", "by", "from", "using", "via", "e.g.",
        "i.e.", "eg", "ie", "example", "say", "write", "writing", "call", "calling", "use", "such", "than", "when", "where",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "is", "if", "else", "elif", "for", "while", "import", "from", "as", "return", "yield", "lambda",
        "await", "async", "def", "class", "with", "raise", "del", "assert", "pass", "break", "continue", "global", "nonlocal",
        "None", "True", "False", "try", "except", "finally", "match", "case", "type",
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = PythonCommentLines.Runs(context);
        var establishedCalls = new Lazy<HashSet<string>>(() => context.HasFullContent && !context.ChangedLines.EveryLine
            ? runs.SelectMany(run => run).Where(comment => !context.ChangedLines.IsAdded(comment.Line) && IsCode(comment))
                .Select(comment => LeadingCall(comment.Text)).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : []);
        foreach (var run in runs)
        {
            // A finding lies within its run, and a run within one piece of the changed code.
            if (!context.InChange(run[0].Line))
            {
                continue;
            }

            if (run.Any(comment => comment.Text.StartsWith(">>>", StringComparison.Ordinal) || comment.Text.StartsWith("...", StringComparison.Ordinal)))
            {
                continue;
            }

            var start = -1;
            var quoted = false;
            var explained = false;
            for (var index = 0; index <= run.Count; index++)
            {
                // Code right after prose that runs on into it ("the common case of", "for example:") is an example the prose quotes.
                var looksLikeCode = index < run.Count && IsCode(run[index]) && !IsConvention(context, run[index], establishedCalls);
                quoted = looksLikeCode && start < 0 && index > 0 && (quoted || RunsOn(run[index - 1].Text));

                // "# TODO: re-add when X is fixed" above the code says why it is off and when it comes back: what the fix asks for.
                explained = index < run.Count && (looksLikeCode ? explained : DisabledCodeNotes.Explains(run[index].Text));
                var isCode = looksLikeCode && !quoted && !explained;
                if (isCode && start < 0)
                {
                    start = index;
                }
                else if (!isCode && start >= 0)
                {
                    var first = run[start].Line;
                    var last = run[index - 1].Line;
                    var count = last - first + 1;
                    context.Report(
                        this,
                        first,
                        last,
                        count == 1 ? $"Commented-out code `{run[start].Text}`; delete it." : $"{count} lines of commented-out code; delete them.",
                        count <= MaxDeletableLines ? string.Empty : null);
                    start = -1;
                }
            }
        }
    }

    /// <summary>
    /// Commented code the project writes on purpose: the same call as on unchanged commented lines of the file,
    /// or the expression of the <c>assert</c> right below (a note of how the expected value was produced).
    /// </summary>
    private static bool IsConvention(PythonRuleContext context, PythonCommentLine comment, Lazy<HashSet<string>> establishedCalls)
    {
        if (LeadingCall(comment.Text) is { } call && establishedCalls.Value.Contains(call))
        {
            return true;
        }

        var next = context.LineText(comment.Line + 1).Trim();
        if (!next.StartsWith("assert ", StringComparison.Ordinal))
        {
            return false;
        }

        // `# insert_assert(result.errors())` above `assert result.errors() == [...]`: the call wraps exactly what is asserted.
        var asserted = AssertedOperand(next[7..].Trim());
        return LeadingCall(comment.Text) is { } wrapper && !BareName().IsMatch(asserted)
            && string.Equals(comment.Text.Replace(" ", string.Empty, StringComparison.Ordinal), (wrapper + asserted + ")").Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The left operand of an assert: the text before its first comparison or comma outside brackets.</summary>
    private static string AssertedOperand(string expression)
    {
        var depth = 0;
        for (var index = 0; index < expression.Length; index++)
        {
            var character = expression[index];
            if (character is '(' or '[' or '{')
            {
                depth++;
            }
            else if (character is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && (character is ',' or '<' or '>' || (character is '=' or '!' && index + 1 < expression.Length && expression[index + 1] == '=')
                || (character == ' ' && ComparisonWord().IsMatch(expression[index..]))))
            {
                return expression[..index].Trim();
            }
        }

        return expression.Trim();
    }

    /// <summary>The dotted name a commented call statement starts with, with its parenthesis: <c>insert_assert(</c>.</summary>
    private static string? LeadingCall(string text)
    {
        var match = CallStatement().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var name = text.StartsWith("await ", StringComparison.Ordinal) ? text[6..].TrimStart() : text;
        return name[..(name.IndexOf('(', StringComparison.Ordinal) + 1)];
    }

    /// <summary>Prose whose sentence goes on into the next line: it ends with a colon, a comma or a word that needs an object.</summary>
    private static bool RunsOn(string text)
    {
        if (text.EndsWith(':') || text.EndsWith(','))
        {
            return !IsCode(new PythonCommentLine(0, text, "# " + text));
        }

        var last = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.ToLowerInvariant();
        return last is not null && RunOnWords.Contains(last);
    }

    internal static bool IsCode(PythonCommentLine comment)
    {
        var text = comment.Text;
        if (text.Length == 0 || PythonCommentLines.IsDirective(comment) || (text.EndsWith('.') && !text.EndsWith("...", StringComparison.Ordinal)) || IsProse(text)
            || text.Contains("://", StringComparison.Ordinal) || JuxtaposesOperands(text))
        {
            return false;
        }

        return ImportStatement().IsMatch(text) || Assignment().IsMatch(text) || CallStatement().IsMatch(text) || Decorator().IsMatch(text)
            || SimpleStatement().IsMatch(text) || CompoundHeader().IsMatch(text);
    }

    /// <summary>Two plain words in a row that are not keywords (<c>the value</c>, <c>Note: call</c>) make a sentence, not code.</summary>
    private static bool IsProse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var index = 1; index < words.Length; index++)
        {
            if (IsPlainWord(words[index - 1]) && IsPlainWord(words[index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two names or numbers side by side with no operator between them, outside strings and a trailing comment
    /// (<c>safe = RFC 5987 attr-char</c>): Python has no such expression, so the line is a note written like an assignment.
    /// </summary>
    private static bool JuxtaposesOperands(string text)
    {
        var code = QuotedText().Replace(text, "\"\"");
        var inlineComment = code.IndexOf('#', StringComparison.Ordinal);
        foreach (Match pair in AdjacentOperands().Matches(inlineComment < 0 ? code : code[..inlineComment]))
        {
            if (!Keywords.Contains(pair.Groups["left"].Value) && !Keywords.Contains(pair.Groups["right"].Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPlainWord(string word)
    {
        var bare = word.TrimEnd(',', ':', ';', '!', '?');
        return bare.Length > 0 && bare.All(char.IsLetter) && !Keywords.Contains(bare);
    }

    [GeneratedRegex(@"^(?:import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*|from\s+\.*[\w.]*\s+import\s+[\w*(][\w\s,()*]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ImportStatement();

    [GeneratedRegex(@"^[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\s*,\s*[A-Za-z_][\w.]*)*\s*(?::\s*[\w\[\], .|]+)?\s*(?:=|\+=|-=|\*=|/=|//=|%=|\|=|&=)\s*[^=\s].*$", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();

    /// <summary><c>@app.route("/")</c>, <c>@pytest.fixture</c>, <c>@cache()</c>; not doc tags such as <c>@todo</c> or <c>@deprecated</c>.</summary>
    [GeneratedRegex(@"^@[A-Za-z_]\w*(?:(?:\.[A-Za-z_]\w*)+(?:\(.*\))?|\(.*\))$", RegexOptions.CultureInvariant)]
    private static partial Regex Decorator();

    [GeneratedRegex(@"^(?:await\s+)?[A-Za-z_][\w.]*\(.*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex CallStatement();

    /// <summary>A name or number, spaces, then another; overlapping, so that <c>a b c</c> yields both pairs.</summary>
    [GeneratedRegex(@"(?<![\w.])(?<left>[A-Za-z_]\w*|\d+)\s+(?=(?<right>[A-Za-z_]\w*|\d+)(?!\w))", RegexOptions.CultureInvariant)]
    private static partial Regex AdjacentOperands();

    /// <summary>String literals, so that the words inside one are not read as operands.</summary>
    [GeneratedRegex("""[rbfuRBFU]*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"^\s+(?:is|in|not\s+in)\s", RegexOptions.CultureInvariant)]
    private static partial Regex ComparisonWord();

    [GeneratedRegex(@"^[A-Za-z_]\w*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareName();

    /// <summary><c>return x + 1</c>, <c>raise ValueError(name)</c>, <c>pass</c>; not <c>return early</c>, which reads as prose.</summary>
    [GeneratedRegex(@"^(?:(?:return|raise|yield|del|assert)(?:\s+(?:None|True|False|\w*_\w*|.*[^\w\s].*))?|pass|break|continue)$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleStatement();

    /// <summary>Block headers whose condition looks like code (<c>if x > 0:</c>, <c>for item in items:</c>, <c>def f(x):</c>); not <c>for example:</c>.</summary>
    [GeneratedRegex(@"^(?:(?:if|elif|while|with|async\s+with)\s+.*[^\w\s].*:|(?:async\s+)?for\s+[\w, ()]+\s+in\s+.+:|(?:async\s+)?def\s+\w+\s*\(.*\)(?:\s*->.*)?:|class\s+\w+\s*(?:\(.*\))?:|try:|else:|finally:|except(?:\s+[\w.(), ]+(?:\s+as\s+\w+)?)?:)$", RegexOptions.CultureInvariant)]
    private static partial Regex CompoundHeader();
}
