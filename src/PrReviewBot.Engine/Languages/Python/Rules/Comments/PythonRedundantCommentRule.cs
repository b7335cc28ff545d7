using PrReviewBot.Engine.Detection.Comments;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Comments;

/// <summary>
/// A lone <c>#</c> comment that only says what the next statement says, in the same or in other
/// words (<see cref="CommentRestatement"/>, the judgement C# shares): "increment the counter" above <c>count += 1</c>, "create a
/// record in the projects table" above <c>projects.insert()</c>. Comments that give a reason, a
/// fact the code does not state, a reference or a directive are never flagged, nor are labels that
/// head a block of statements: in tests the phases arrange/act/assert written in words
/// ("# Send the request", "# Check the metric"), and anywhere a function outlined by two or more such labels.
/// </summary>
public sealed class PythonRedundantCommentRule : PythonRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "py/redundant-comment",
        "Comment restates the code",
        Category.Comments,
        Severity.Note,
        "A comment that repeats the next line costs reading time, says nothing the code does not, and is the first thing to go stale when the code changes.",
        "Delete it, or replace it with what the code cannot say: why it is done this way, what would break otherwise, or a reference to the requirement.");

    /// <summary>The concepts a Python keyword or operator of the statement stands for.</summary>
    private static readonly Dictionary<string, string[]> Readings = new(StringComparer.Ordinal)
    {
        ["+="] = ["increment", "add"],
        ["-="] = ["decrement"],
        ["*="] = ["multiply"],
        ["/="] = ["divide"],
        ["="] = ["set", "init", "store"],
        ["=="] = ["equal"],
        ["return"] = ["return"],
        ["yield"] = ["return"],
        ["del"] = ["delete"],
        ["raise"] = ["raise"],
        ["for"] = ["loop"],
        ["while"] = ["loop"],
        ["if"] = ["check"],
        ["elif"] = ["check"],
        ["assert"] = ["check"],
        ["import"] = ["import"],
        ["continue"] = ["skip"],
        ["break"] = ["stop"],
        ["await"] = ["wait"],
        ["None"] = ["empty"],
        ["not"] = ["not"],
        ["print"] = ["print"],
    };

    /// <summary>Statements a comment must head, up to the next blank line, comment or dedent, to label a block rather than a line.</summary>
    private const int BlockStatements = 2;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = PythonCommentLines.Runs(context);
        bool IsCandidate(List<PythonCommentLine> run) => run.Count == 1 && !PythonCommentLines.IsDirective(run[0]) && !PythonCommentedOutCodeRule.IsCode(run[0]);

        // Only the changed comments are judged; whether a label outlines its function is seen among all the module's labels.
        var blockLabels = new Lazy<List<PythonCommentLine>>(() => [.. runs.Where(IsCandidate).Select(run => run[0]).Where(comment => HeadsBlock(context, comment))]);
        foreach (var comment in runs.Where(run => context.InChange(run[0].Line) && IsCandidate(run)).Select(run => run[0]))
        {
            if (HeadsBlock(context, comment) && IsPhaseLabel(context, comment, blockLabels.Value))
            {
                continue;
            }

            if (!context.HasFullContent && !(context.ChangedLines.IsInDiff(comment.Line - 1) && context.ChangedLines.IsInDiff(comment.Line + 1)))
            {
                // Outside the hunks lines are blank: this may be the end of a longer comment.
                continue;
            }

            var next = context.LineText(comment.Line + 1).Trim();
            if (next.Length == 0 || next.StartsWith('#'))
            {
                continue;
            }

            if (CommentRestatement.Restates(comment.Text, StatementWords(context.Module, comment.Line + 1)))
            {
                context.Report(this, comment.Line, comment.Line, $"Comment `{comment.Text}` only restates the next line.", string.Empty);
            }
        }
    }

    /// <summary>
    /// A block label is a phase of the code, not a restatement of its first line, when it is in a test (tests
    /// are written as arrange/act/assert steps), or when another label in the same function heads a block at
    /// the same depth: the comments outline the function.
    /// </summary>
    private static bool IsPhaseLabel(PythonRuleContext context, PythonCommentLine comment, List<PythonCommentLine> blockLabels)
    {
        if (context.Role is CodeRole.Test or CodeRole.Fixture)
        {
            return true;
        }

        var scope = context.ScopeAt(comment.Line);
        var column = Column(context, comment);
        return blockLabels.Any(other => other != comment && Column(context, other) == column
            && string.Equals(context.ScopeAt(other.Line), scope, StringComparison.Ordinal));
    }

    private static int Column(PythonRuleContext context, PythonCommentLine comment)
    {
        var line = context.LineSpan(comment.Line);
        return line.Length - line.TrimStart().Length;
    }

    /// <summary>
    /// Whether at least <see cref="BlockStatements"/> statements start at the comment's depth after it before
    /// a blank line, another comment line or a dedent (nested bodies belong to the statement that opens them).
    /// </summary>
    private static bool HeadsBlock(PythonRuleContext context, PythonCommentLine comment)
    {
        var column = Column(context, comment);
        var tokens = context.Module.Tokens;
        var (low, high) = (0, tokens.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = tokens[middle].Start.Line <= comment.Line ? (middle + 1, high) : (low, middle);
        }

        var index = low;
        var statements = 0;
        var atStatementStart = true;
        for (; index < tokens.Count; index++)
        {
            var token = tokens[index];
            switch (token.Kind)
            {
                case PythonTokenKind.EndMarker:
                    return false;
                case PythonTokenKind.NonLogicalNewline when token.BracketDepth == 0:
                case PythonTokenKind.Comment when token.BracketDepth == 0 && atStatementStart:
                    // A blank or comment-only line ends the block.
                    return false;
                case PythonTokenKind.Newline:
                    atStatementStart = true;
                    continue;
                case PythonTokenKind.Indent or PythonTokenKind.Dedent or PythonTokenKind.NonLogicalNewline or PythonTokenKind.Comment:
                    continue;
                default:
                    break;
            }

            if (!atStatementStart)
            {
                continue;
            }

            atStatementStart = false;
            if (token.Start.Column < column)
            {
                return false;
            }

            if (token.Start.Column == column && ++statements >= BlockStatements)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The words of the statement that starts on <paramref name="line"/> (all its lines, up to the end of the
    /// logical line; inside brackets, the line itself), with keywords and operators read as words.
    /// </summary>
    private static List<string> StatementWords(PythonModule module, int line)
    {
        var words = new List<string>();
        var tokens = module.Tokens;
        var index = module.Tokenization.FirstTokenFrom(line);

        var insideBrackets = index < tokens.Count && tokens[index].BracketDepth > 0;
        for (; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Kind is PythonTokenKind.Newline or PythonTokenKind.EndMarker || (insideBrackets && token.Start.Line > line))
            {
                break;
            }

            if (token.Kind == PythonTokenKind.Comment)
            {
                continue;
            }

            if (Readings.TryGetValue(token.Text, out var readings)
                && (token.Kind == PythonTokenKind.Name || (token.Kind == PythonTokenKind.Op && (token.Text != "=" || token.BracketDepth == 0))))
            {
                words.AddRange(readings);
            }

            if (token.Kind == PythonTokenKind.Name || token.Kind == PythonTokenKind.StringLiteral)
            {
                words.AddRange(CommentRestatement.Words(token.Kind == PythonTokenKind.StringLiteral ? token.Text.TrimStart('r', 'R', 'b', 'B', 'u', 'U', 'f', 'F') : token.Text));
            }

            // `Project(...)` builds a new object: "create the project".
            if (token.Kind == PythonTokenKind.Name && char.IsUpper(token.Text[0]) && token.Text.Any(char.IsLower)
                && index + 1 < tokens.Count && tokens[index + 1].IsOp("("))
            {
                words.Add("create");
            }
        }

        return words;
    }
}
