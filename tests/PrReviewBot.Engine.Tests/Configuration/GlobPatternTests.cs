using PrReviewBot.Engine.Configuration;

namespace PrReviewBot.Engine.Tests.Configuration;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.cs", "src/a/B.cs", true)]
    [InlineData("*.cs", "B.csx", false)]
    [InlineData("*.{cs,vb}", "x/y.vb", true)]
    [InlineData("src/**/*.cs", "src/a/b/C.cs", true)]
    [InlineData("src/**/*.cs", "src/C.cs", true)]
    [InlineData("src/*.cs", "src/a/C.cs", false)]
    [InlineData("**/Migrations/**", "app/Migrations/0001.cs", true)]
    [InlineData("Migrations/**", "app/Migrations/0001.cs", false)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("[ab].cs", "b.cs", true)]
    [InlineData("[!ab].cs", "b.cs", false)]
    public void Matches_like_editorconfig_and_gitignore(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));
    }
}
