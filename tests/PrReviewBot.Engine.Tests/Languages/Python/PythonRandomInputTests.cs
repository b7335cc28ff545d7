using System.Text;
using PrReviewBot.Engine.Languages.Python;

namespace PrReviewBot.Engine.Tests.Languages.Python;

/// <summary>Seeded random soups of Python fragments: the tokenizer and model must survive them with consistent positions.</summary>
public sealed class PythonRandomInputTests
{
    private static readonly string[] Fragments =
    [
        "f'", "f\"", "rf'", "b'", "'''", "\"\"\"", "'", "\"", "{", "}", "{{", "}}", "(", ")", "[", "]", "\n", "\r\n", "\r", "\t",
        "    ", " ", "\f", "\0", "\uD800", "\\", "\\\n", "#", "# noqa", "# type: List[X]", "def ", "class ", "async ", "import ",
        "from ", " as ", ":", "=", ":=", "->", "**", "*", ",", ".", "...", "@", "lambda", "if ", "else", "try", "except",
        "x", "self", "TYPE_CHECKING", "__all__", "1", "0x1F", "1.5e3j", "!r", "%", "+", "é", "名",
    ];

    [Fact]
    public void Random_fragment_soups_never_throw_and_positions_match_offsets()
    {
        var random = new Random(20_26);
        for (var round = 0; round < 1000; round++)
        {
            var source = new StringBuilder();
            var count = random.Next(1, 120);
            for (var i = 0; i < count; i++)
            {
                source.Append(Fragments[random.Next(Fragments.Length)]);
            }

            var text = source.ToString();
            var module = PythonModule.Parse(text);
            AssertConsistent(text, module.Tokens);
        }
    }

    private static void AssertConsistent(string text, IReadOnlyList<PythonToken> tokens)
    {
        var lineStarts = LineStarts(text);
        Assert.Equal(PythonTokenKind.EndMarker, tokens[^1].Kind);
        var previousEnd = 0;
        foreach (var token in tokens)
        {
            Assert.True(token.StartOffset >= previousEnd || token.Kind is PythonTokenKind.Dedent or PythonTokenKind.EndMarker or PythonTokenKind.Newline,
                $"token {token} overlaps the previous one in {Escape(text)}");
            Assert.Equal(text[token.StartOffset..token.EndOffset], token.Text);
            // As in CPython, a line break token ends on its own line, one past its last character.
            var expectedEnd = token.Kind is PythonTokenKind.Newline or PythonTokenKind.NonLogicalNewline
                ? token.Start with { Column = token.Start.Column + token.Text.Length }
                : PositionOf(lineStarts, token.EndOffset);
            Assert.True(
                PositionOf(lineStarts, token.StartOffset) == token.Start && expectedEnd == token.End,
                $"positions of {token} disagree with offsets in {Escape(text)}");
            previousEnd = Math.Max(previousEnd, token.EndOffset);
            foreach (var field in token.FStringFields)
            {
                Assert.True(
                    string.CompareOrdinal(text, field.Offset, field.Expression, 0, field.Expression.Length) == 0
                    && PositionOf(lineStarts, field.Offset) == field.Start,
                    $"field {field} disagrees with the source {Escape(text)}");
            }
        }
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                starts.Add(i + 1);
            }
            else if (text[i] is '\r' or '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static PythonPosition PositionOf(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new PythonPosition(index + 1, offset - lineStarts[index]);
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
