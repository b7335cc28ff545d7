using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.Python.Rules.Comments;

/// <summary>
/// A lone <c>#</c> comment that only says what the next line says: once both are reduced to
/// content words (identifiers split into words, filler dropped), at least 80 % of the comment's
/// words are in the code. Comments that give a reason, a reference or a directive are never flagged.
/// </summary>
public sealed partial class PythonRedundantCommentRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/redundant-comment",
        "Comment restates the code",
        Category.Comments,
        Severity.Note,
        "A comment that repeats the next line costs reading time, says nothing the code does not, and is the first thing to go stale when the code changes.",
        "Delete it, or replace it with what the code cannot say: why it is done this way, what would break otherwise, or a reference to the requirement.");

    private const int MinContentWords = 2;

    private const int MaxContentWords = 10;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "to", "of", "for", "and", "or", "this", "that", "these", "those", "new", "set", "sets", "get", "gets",
        "call", "calls", "calling", "create", "creates", "creating", "return", "returns", "in", "on", "with", "from", "by", "into",
        "it", "its", "is", "are", "be", "our", "we", "my", "then", "now", "here", "some", "up", "out", "as", "at", "method", "function",
        "self", "variable", "value", "list", "dict",
    };

    private static readonly HashSet<string> ReasonWords = new(StringComparer.Ordinal)
    {
        "because", "since", "so", "otherwise", "workaround", "note", "hack", "todo", "fixme", "warning", "important", "see",
        "why", "unless", "instead", "must", "never", "avoid", "only", "assume", "assumes", "required", "need", "needs", "bug",
        "issue", "temporary", "careful", "intentionally", "deliberately", "though", "although", "however", "until", "xxx", "nb",
        "caution", "legacy", "compat", "compatibility", "should", "may", "might", "cannot", "http", "https", "www",
    };

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var run in PythonCommentLines.Runs(context))
        {
            if (run.Count != 1 || PythonCommentLines.IsDirective(run[0]) || PythonCommentedOutCodeRule.IsCode(run[0]))
            {
                continue;
            }

            var comment = run[0];
            var next = context.LineText(comment.Line + 1).Trim();
            if (next.Length == 0 || next.StartsWith('#'))
            {
                continue;
            }

            var raw = Words(comment.Text).Select(word => word.ToLowerInvariant()).ToList();
            if (raw.Any(ReasonWords.Contains))
            {
                continue;
            }

            var content = raw.Where(word => !StopWords.Contains(word)).Select(Stem).Distinct(StringComparer.Ordinal).ToList();
            if (content.Count is < MinContentWords or > MaxContentWords)
            {
                continue;
            }

            var code = Words(CodePart(next)).Select(word => Stem(word.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
            var matched = content.Count(code.Contains);
            if (matched * 5 >= content.Count * 4)
            {
                context.Report(this, comment.Line, comment.Line, $"Comment `{comment.Text}` only restates the next line.", string.Empty);
            }
        }
    }

    /// <summary>The next line without its own trailing comment.</summary>
    private static string CodePart(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash > 0 ? line[..hash] : line;
    }

    private static IEnumerable<string> Words(string text) =>
        RawWord().Matches(text).Select(match => match.Value).SelectMany(IdentifierStyle.Words).Where(word => word.Any(char.IsLetter));

    private static string Stem(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_']*", RegexOptions.CultureInvariant)]
    private static partial Regex RawWord();
}
