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
}
