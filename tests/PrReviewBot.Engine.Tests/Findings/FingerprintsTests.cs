using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Tests.Findings;

public sealed class FingerprintsTests
{
    [Fact]
    public void Ignores_whitespace_differences()
    {
        Assert.Equal(
            Fingerprints.Compute("r", "a.cs", "var x =  1;", "m", 0),
            Fingerprints.Compute("r", "a.cs", "\t var x = 1;  ", "m", 0));
    }

    [Theory]
    [InlineData("r2", "a.cs", "var x = 1;", "m", 0)]
    [InlineData("r", "b.cs", "var x = 1;", "m", 0)]
    [InlineData("r", "a.cs", "var y = 1;", "m", 0)]
    [InlineData("r", "a.cs", "var x = 1;", "m2", 0)]
    [InlineData("r", "a.cs", "var x = 1;", "m", 1)]
    public void Differs_when_anything_but_position_differs(string rule, string path, string text, string message, int occurrence)
    {
        Assert.NotEqual(Fingerprints.Compute("r", "a.cs", "var x = 1;", "m", 0), Fingerprints.Compute(rule, path, text, message, occurrence));
    }
}
