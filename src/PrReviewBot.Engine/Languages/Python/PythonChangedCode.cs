using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>The 1-based lines <see cref="First"/>..<see cref="Last"/> of a module.</summary>
public readonly record struct PythonLineSpan(int First, int Last);

/// <summary>
/// Which pieces of a module a change touched. The module's lines are cut into pieces: each statement
/// at module level, and inside a class at module level (or inside such a class) the class line with its
/// decorators, then each statement of the body, a nested class again cut the same way. A def is one
/// piece with everything inside it; comments and blank lines belong to the piece after them (the last
/// piece also takes the lines after it). Every line lies in exactly one piece, so a piece that holds an
/// added line is changed, and whatever a rule finds inside a statement of it is found either way.
/// </summary>
internal sealed class PythonChangedCode
{
    /// <summary>For each line (index 0 unused), how many lines up to it lie in a changed piece.</summary>
    private readonly int[] changedUpTo;

    private PythonChangedCode(int[] changedUpTo, IReadOnlyList<PythonLineSpan> changed, bool coversEveryPiece)
    {
        this.changedUpTo = changedUpTo;
        Spans = changed;
        CoversEveryPiece = coversEveryPiece;
    }

    /// <summary>The changed pieces, in order.</summary>
    public IReadOnlyList<PythonLineSpan> Spans { get; }

    /// <summary>True when every piece of the module is changed: reading the changed code is reading the whole file.</summary>
    public bool CoversEveryPiece { get; }

    public static PythonChangedCode Of(PythonTokenization tokenization, int lineCount, ChangedLines changedLines)
    {
        var pieces = Pieces(tokenization.Tokens, Math.Max(1, lineCount));
        var changed = new List<PythonLineSpan>();
        var upTo = new int[pieces[^1].Last + 2];
        foreach (var piece in pieces)
        {
            var touched = changedLines.TouchesAdded(piece.First, piece.Last);
            if (touched)
            {
                changed.Add(piece);
            }

            for (var line = piece.First; line <= piece.Last; line++)
            {
                upTo[line] = upTo[line - 1] + (touched ? 1 : 0);
            }
        }

        upTo[^1] = upTo[^2];
        return new PythonChangedCode(upTo, changed, changed.Count == pieces.Count);
    }

    /// <summary>True when any of the lines lies in a changed piece.</summary>
    public bool Touches(int firstLine, int lastLine)
    {
        var last = Math.Min(lastLine, changedUpTo.Length - 1);
        var first = Math.Max(firstLine, 1);
        return last >= first && changedUpTo[last] - changedUpTo[first - 1] > 0;
    }

    /// <summary>The pieces of the module, covering lines 1..<paramref name="lineCount"/> (or further, when tokens run past it).</summary>
    private static List<PythonLineSpan> Pieces(IReadOnlyList<PythonToken> tokens, int lineCount)
    {
        // The body levels of the containers the current line is in: the module, and classes cut into their statements.
        var containers = new List<int> { 0 };
        var pieces = new List<PythonLineSpan>();
        var level = 0;
        var pieceStart = 1;
        var pieceLast = 0;
        var afterDecorator = false;
        var inPiece = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case PythonTokenKind.Indent:
                    level++;
                    continue;
                case PythonTokenKind.Dedent:
                    level = Math.Max(0, level - 1);
                    continue;
                case PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline or PythonTokenKind.Newline or PythonTokenKind.EndMarker:
                    continue;
                default:
                    break;
            }

            // The first token of a logical line: find where its statement ends.
            var end = i;
            while (end + 1 < tokens.Count && tokens[end + 1].Kind is not (PythonTokenKind.Newline or PythonTokenKind.EndMarker))
            {
                end++;
            }

            var lastLine = LastCodeLine(tokens, i, end);
            while (containers.Count > 1 && level < containers[^1])
            {
                containers.RemoveAt(containers.Count - 1);
            }

            if (level == containers[^1] || !inPiece)
            {
                if (!afterDecorator && inPiece)
                {
                    pieces.Add(new PythonLineSpan(pieceStart, pieceLast));
                    pieceStart = pieceLast + 1;
                }

                inPiece = true;
                afterDecorator = token.IsOp("@");
                if (level == containers[^1] && IsClassStatement(tokens, i))
                {
                    containers.Add(level + 1);
                }
            }

            pieceLast = Math.Max(pieceLast, lastLine);
            i = end;
        }

        pieces.Add(new PythonLineSpan(pieceStart, Math.Max(pieceLast, lineCount)));
        return pieces;
    }

    private static int LastCodeLine(IReadOnlyList<PythonToken> tokens, int first, int last)
    {
        for (var i = last; i > first; i--)
        {
            if (tokens[i].Kind is not (PythonTokenKind.Comment or PythonTokenKind.NonLogicalNewline or PythonTokenKind.Indent or PythonTokenKind.Dedent))
            {
                return tokens[i].End.Line;
            }
        }

        return tokens[first].End.Line;
    }

    private static bool IsClassStatement(IReadOnlyList<PythonToken> tokens, int first) => tokens[first].IsName("class");
}
