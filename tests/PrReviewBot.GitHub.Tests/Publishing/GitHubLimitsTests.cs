using PrReviewBot.GitHub.Publishing;

namespace PrReviewBot.GitHub.Tests.Publishing;

public sealed class GitHubLimitsTests
{
    private const string Marker = "<!-- prreviewbot:summary -->";

    [Fact]
    public void A_body_within_the_limit_is_left_as_it_is()
    {
        var body = new string('a', GitHubLimits.MaxBodyLength);

        Assert.Same(body, GitHubLimits.Fit(body, Marker));
    }

    [Fact]
    public void A_longer_body_is_cut_below_the_limit_says_so_and_keeps_its_marker()
    {
        var fitted = GitHubLimits.Fit(new string('a', 200_000) + "\n" + Marker, Marker);

        // Below 65,536 for comments and below 65,535 for check run summaries.
        Assert.True(fitted.Length < GitHubLimits.MaxBodyLength, $"{fitted.Length} characters");
        Assert.Contains("cut to fit GitHub's limit", fitted, StringComparison.Ordinal);
        Assert.EndsWith(Marker + "\n", fitted, StringComparison.Ordinal);
    }
}
