using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Comments;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Comments;

/// <summary>
/// A one-line <c>//</c> comment that only says what the next line says, judged as Python's are
/// (<see cref="CommentRestatement"/>): it opens with the line's action and nearly every concept
/// of it is in the code, once identifiers are split into words and C# keywords and operators are
/// read as words. This rule only decides which comments and lines to compare: never test phases,
/// region markers, tool directives, commented-out code, headings of switch branches, data rows or braces.
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

    /// <summary>One matching word is too little evidence: <c>// Dates</c> is a section heading, not a restatement.</summary>
    private const int MinContentWords = 2;

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

        foreach (var (line, message) in CommentLines.Judge(context, runs => Find(context, runs), found => (found.Line, found.Line)))
        {
            context.Report(this, line, line, message, string.Empty);
        }
    }

    /// <summary>The one-line comments of the runs that restate the next line: their line and the message.</summary>
    private static List<(int Line, string Message)> Find(CSharpRuleContext context, IReadOnlyList<List<CommentLine>> runs)
    {
        var found = new List<(int Line, string Message)>();
        var firstToken = context.Root.GetFirstToken(includeZeroWidth: true);
        foreach (var run in runs)
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
            if (IdentifierWords.Tokens(comment.Text).Count(word => word.Any(char.IsLetter)) < MinContentWords || StartsBranch(next))
            {
                continue;
            }

            if (CommentRestatement.Restates(comment.Text, CodeWords(context.LineText(comment.Line + 1))))
            {
                var shown = comment.Text.Length > 60 ? comment.Text[..57] + "..." : comment.Text;
                found.Add((comment.Line, $"Comment `{shown}` restates the next line; delete it, or say why the code does this."));
            }
        }

        return found;
    }

    /// <summary>True when the token opens a switch arm or a <c>case</c>/<c>default</c> label.</summary>
    private static bool StartsBranch(SyntaxToken token) =>
        token.Parent?.AncestorsAndSelf().Any(node => node is SwitchExpressionArmSyntax or SwitchLabelSyntax && node.SpanStart == token.SpanStart) == true;

    /// <summary>Comments that are C# syntax rather than prose: test phases, tool markers, examples, rulers, regions and code.</summary>
    private static bool IsCandidate(string text) =>
        !(text.Length == 0 || IsTestPhase(text) || CodeInComments.IsMarked(text) || CodeInComments.IsExample(text)
            || text.Contains('?', StringComparison.Ordinal) || text.StartsWith('/') || text.StartsWith('<') || text.StartsWith('#')
            || text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("===", StringComparison.Ordinal) || text.StartsWith("***", StringComparison.Ordinal)
            || text.StartsWith("region", StringComparison.OrdinalIgnoreCase) || text.StartsWith("endregion", StringComparison.OrdinalIgnoreCase)
            || CodeInComments.ShapeOf(text) == CodeShape.Code || CodeInComments.IsCodeExpression(text));

    /// <summary><c>// Arrange</c>, <c>// Act &amp; Assert</c>, <c>// Arrange - advance the clock</c>.</summary>
    private static bool IsTestPhase(string text)
    {
        var phase = text.TrimEnd(':', '.');
        var dash = phase.IndexOfAny([':', '-', '–']);
        return TestPhases.Contains(phase) || (dash > 0 && TestPhases.Contains(phase[..dash].Trim()));
    }

    /// <summary>The line's words, identifiers split, with its keywords and operators read as words.</summary>
    private static List<string> CodeWords(string line)
    {
        var words = CommentRestatement.Words(line).ToList();
        foreach (var word in words.ToList())
        {
            AddReadings(words, word.ToLowerInvariant());
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

    private static void AddReadings(List<string> words, string key)
    {
        if (Readings.TryGetValue(key, out var readings))
        {
            words.AddRange(readings);
        }
    }
}
