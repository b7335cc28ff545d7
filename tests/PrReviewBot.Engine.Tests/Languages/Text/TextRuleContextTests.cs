using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.Text;

public sealed class TextRuleContextTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("one", new[] { "one" })]
    [InlineData("one\n", new[] { "one" })]
    [InlineData("one\r\ntwo\r\n", new[] { "one", "two" })]
    [InlineData("one\n\nthree", new[] { "one", "", "three" })]
    [InlineData("\n", new[] { "" })]
    public void Lines_have_no_line_endings_and_no_phantom_last_line(string text, string[] expected)
    {
        Assert.Equal(expected, TextRuleContext.SplitLines(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("one\n")]
    [InlineData("one\r\ntwo\r\n")]
    [InlineData("one\n\nthree")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("a lone \r stays\r")]
    [InlineData("\r")]
    [InlineData("last line ends in \r\r\n and then \r\nnothing")]
    public void Lines_made_as_they_are_read_are_the_split_lines(string text)
    {
        var lines = new TextLines(text);

        // Read out of order, and twice, as rules do: the later reads give the same lines.
        var backwards = Enumerable.Range(0, lines.Count).Reverse().Select(index => lines[index]).Reverse().ToList();
        Assert.Equal(TextRuleContext.SplitLines(text), backwards);
        Assert.Equal(TextRuleContext.SplitLines(text), lines);
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[lines.Count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[-1]);
    }
}
