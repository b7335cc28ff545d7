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
    [InlineData("[!ab].cs", "c.cs", true)]
    [InlineData("v[0-9].txt", "docs/v7.txt", true)]
    [InlineData("v[0-9].txt", "docs/vx.txt", false)]
    [InlineData("*.{cs,{props,targets}}", "Directory.Build.targets", true)]
    [InlineData("*.{cs,{props,targets}}", "a.csproj", false)]
    [InlineData("{src,test}/**/*.cs", "test/A.cs", true)]
    [InlineData("{src,test}/**/*.cs", "lib/test/A.cs", false)]
    [InlineData("**", "a/b/c.txt", true)]
    [InlineData("a}b,c", "x/a}b,c", true)]
    [InlineData("[abc", "[abc", true)]
    [InlineData("*.cs", "src\\a\\B.cs", true)]
    [InlineData("/src/*.cs", "src/B.cs", true)]
    [InlineData("/src/*.cs", "lib/src/B.cs", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("*", "", true)]
    public void Matches_like_editorconfig_and_gitignore(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, new GlobPattern(pattern).IsMatch(path));
    }

    [Theory]
    [InlineData("*.{cs,vb")]
    [InlineData("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}")]
    public void Refuses_an_unclosed_group_or_one_that_expands_past_the_limit(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new GlobPattern(pattern));
    }

    [Fact]
    public void A_pattern_of_many_stars_against_a_long_path_that_almost_matches_answers_no()
    {
        // A backtracking matcher takes exponential time here; the position-set walk is linear in the pattern times the path.
        var pattern = new GlobPattern(string.Concat(Enumerable.Repeat("*a", 30)) + "b");

        Assert.False(pattern.IsMatch(new string('a', 5_000)));
        Assert.True(pattern.IsMatch(new string('a', 40) + "b"));
    }
}
