using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;

/// <summary>
/// The indentation rules' view of the added lines alone, for a change that reads only what it changed.
/// The rules judge the whole file and the review keeps their findings only when one touches an added
/// line, so all a change needs first is whether any added line would be flagged; that depends on the
/// line, on the lines it is measured from and on the file's style, and is read here per line (a token
/// and a trivia lookup each) instead of from <see cref="IndentationProfile"/>'s walk over every token.
/// When the file's style or unit cannot be known without that walk (no <c>.editorconfig</c> says it and
/// the file indents with tabs somewhere, or with spaces of an unknown width), <see cref="Style"/> or
/// <see cref="Unit"/> is null and the rules read the whole profile.
/// </summary>
internal sealed class AddedLineIndentation
{
    private readonly CSharpRuleContext context;
    private readonly TextLineCollection lines;
    private readonly int[] firstCode;
    private readonly LineClassifier classifier;
    private readonly Dictionary<int, LineFacts> facts = [];
    private readonly Dictionary<int, int> corrected = [];
    private List<(int Position, int Depth)>? disabledBraces;

    private AddedLineIndentation(CSharpRuleContext context)
    {
        this.context = context;
        lines = context.Text.Lines;
        firstCode = new int[lines.Count];
        Array.Fill(firstCode, -1);
        classifier = new LineClassifier(lines, FirstCode, context.HasFullContent);
        var editorConfig = context.EditorConfig;

        // Without a tab in any line's indentation the file's dominant style cannot be tabs.
        Style = editorConfig.IndentStyle ?? (IndentsWithTab() ? null : IndentStyle.Space);
        TabWidth = editorConfig.IndentSize ?? 4;
        Unit = Style switch
        {
            IndentStyle.Tab => TabWidth,
            IndentStyle.Space => editorConfig.IndentSize,
            _ => null,
        };
    }

    /// <summary>The style lines are judged against, when it is known without reading every line; null otherwise.</summary>
    public IndentStyle? Style { get; }

    /// <summary>The one accepted unit, when it is known without reading every line (a tab, or <c>indent_size</c> for spaces); null otherwise.</summary>
    public int? Unit { get; }

    /// <summary>Columns per tab, as the profile has it wherever <see cref="Style"/> or <see cref="Unit"/> is known.</summary>
    public int TabWidth { get; }

    public static AddedLineIndentation For(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Fact(file => new AddedLineIndentation(file));
    }

    /// <summary>The added lines, 0-based, in order.</summary>
    public IEnumerable<int> AddedLines => context.ChangedLines.Added.Order().Select(line => line - 1).Where(line => line >= 0 && line < lines.Count);

    /// <summary>The line's leading whitespace as <see cref="IndentationProfile.Leading"/> has it: null for blank lines and lines inside strings, comments or inactive code.</summary>
    public string? Leading(int line) => Facts(line).Leading;

    /// <summary>Where the line should start, as <see cref="IndentationProfile.Expectations"/> has it.</summary>
    public IndentExpectation? Expectation(int line) => Facts(line).Expectation;

    /// <summary>True when the line's raw indentation holds a tab (whatever the line is).</summary>
    public bool HasTabInIndentation(int line)
    {
        var text = context.Text;
        for (var position = lines[line].Start; position < FirstCode(line); position++)
        {
            if (text[position] == '\t')
            {
                return true;
            }
        }

        return false;
    }

    public int Column(int line) => IndentationProfile.Columns(Leading(line) ?? string.Empty, TabWidth);

    public bool IsClean(int line)
    {
        var expected = Style == IndentStyle.Space ? ' ' : '\t';
        return Leading(line) is { } leading && leading.All(character => character == expected);
    }

    /// <summary>True when <see cref="IndentationWidthRule"/> flags the line (its width is off from the line it is measured from).</summary>
    public bool IsFlagged(int line)
    {
        Corrected(line, out var flagged);
        return flagged;
    }

    /// <summary>
    /// The column <see cref="IndentationWidthRule"/> measures the line's dependants from: where the line
    /// is, or where it should be when the rule flags it (so one misplaced block is one finding).
    /// </summary>
    /// <param name="flagged">True when the rule flags the line.</param>
    private int Corrected(int line, out bool flagged)
    {
        flagged = false;
        if (Leading(line) is null)
        {
            return 0;
        }

        var actual = Column(line);
        if (Expectation(line) is not { } expectation || !IsClean(line) || (expectation.AnchorLine >= 0 && Leading(expectation.AnchorLine) is null))
        {
            return actual;
        }

        // As the rule's pass over the lines in order sees it: an anchor below the line is not corrected yet.
        var anchor = expectation.AnchorLine switch
        {
            < 0 => 0,
            var above when above < line => CorrectedAbove(above),
            var same when same == line => actual,
            _ => 0,
        };
        var unit = Unit!.Value;
        if (expectation.Units.Any(units => anchor + (units * unit) == actual))
        {
            return actual;
        }

        flagged = true;
        return anchor + (expectation.Units[0] * unit);
    }

    private int CorrectedAbove(int line)
    {
        // Anchors lie above their lines: walk up the chain first and correct it top down, so a long
        // `else if` ladder costs no deep recursion.
        var chain = new Stack<int>();
        for (var current = line; !corrected.ContainsKey(current);)
        {
            chain.Push(current);
            if (Leading(current) is null || Expectation(current) is not { AnchorLine: var anchor } || anchor < 0 || anchor >= current)
            {
                break;
            }

            current = anchor;
        }

        while (chain.Count > 0)
        {
            var next = chain.Pop();
            corrected[next] = Corrected(next, out _);
        }

        return corrected[line];
    }

    private LineFacts Facts(int line)
    {
        if (!facts.TryGetValue(line, out var found))
        {
            found = Read(line);
            facts[line] = found;
        }

        return found;
    }

    /// <summary>Where the line's code starts, past its spaces and tabs (the line's end when it has none).</summary>
    private int FirstCode(int line)
    {
        if (firstCode[line] < 0)
        {
            var text = context.Text;
            var end = lines[line].End;
            var position = lines[line].Start;
            while (position < end && text[position] is ' ' or '\t')
            {
                position++;
            }

            firstCode[line] = position;
        }

        return firstCode[line];
    }

    /// <summary>True when some line's indentation holds a tab; most files have no tab at all.</summary>
    private bool IndentsWithTab()
    {
        var text = SinkSyntax.TextOf(context.Tree);
        for (var tab = text.IndexOf('\t', StringComparison.Ordinal); tab >= 0; tab = text.IndexOf('\t', tab + 1))
        {
            var line = lines.IndexOf(tab);
            if (tab < FirstCode(line))
            {
                return true;
            }
        }

        return false;
    }

    private LineFacts Read(int line)
    {
        var position = FirstCode(line);
        var lineStart = lines[line].Start;
        if (position >= lines[line].End || char.IsWhiteSpace(context.Text[position]))
        {
            return default;
        }

        var root = context.Root;
        var token = root.FindToken(position);
        SyntaxToken host;
        if (token.Span.Contains(position))
        {
            if (token.SpanStart < lineStart && IndentationProfile.IsMultiLineString(token.Kind()))
            {
                return default;
            }

            host = token;
        }
        else
        {
            var trivia = root.FindTrivia(position);
            if (trivia.IsKind(SyntaxKind.DisabledTextTrivia)
                || (trivia.SpanStart < lineStart && (trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))))
            {
                return default;
            }

            host = trivia.Token;
        }

        // Inside an interpolated string that began on an earlier line (its text, or code in its holes).
        for (var node = host.Parent; node is not null; node = node.Parent)
        {
            if (node is InterpolatedStringExpressionSyntax interpolated && interpolated.SpanStart < lineStart && interpolated.Span.Contains(position))
            {
                return default;
            }
        }

        var leading = position == lineStart ? string.Empty : context.Text.ToString(TextSpan.FromBounds(lineStart, position));
        var expectation = token.SpanStart == position && !token.IsKind(SyntaxKind.EndOfFileToken) ? classifier.Classify(token) : null;
        if (expectation is not null)
        {
            var from = expectation.AnchorLine < 0 ? 0 : lines[expectation.AnchorLine].End;
            expectation = IndentationProfile.WithInactiveNesting(expectation, DisabledBraces(), from, lineStart);
        }

        return new LineFacts(leading, expectation);
    }

    /// <summary>Inactive <c>#if</c> text that opens or closes braces, with how many.</summary>
    private List<(int Position, int Depth)> DisabledBraces()
    {
        if (disabledBraces is null)
        {
            disabledBraces = [];
            foreach (var text in FileDirectives.Of(context).InactiveText)
            {
                IndentationProfile.AddDisabledBraces(text, disabledBraces);
            }
        }

        return disabledBraces;
    }

    private readonly record struct LineFacts(string? Leading, IndentExpectation? Expectation);
}
