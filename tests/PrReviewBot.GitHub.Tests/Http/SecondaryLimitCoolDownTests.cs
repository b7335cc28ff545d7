using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Tests.Http;

public sealed class SecondaryLimitCoolDownTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_first_secondary_limit_waits_a_minute_and_each_one_after_twice_as_long_until_an_answer_that_is_not_one()
    {
        var coolDown = new SecondaryLimitCoolDown(clock);

        Assert.Equal(TimeSpan.FromMinutes(1), coolDown.Strike(null));
        Assert.Equal(TimeSpan.FromMinutes(2), coolDown.Strike(null));
        Assert.Equal(TimeSpan.FromMinutes(4), coolDown.Strike(null));
        Assert.Equal(TimeSpan.FromMinutes(4), coolDown.Remaining);
        coolDown.Clear();
        Assert.Equal(TimeSpan.FromMinutes(1), coolDown.Strike(null));
    }

    [Fact]
    public void The_wait_GitHub_names_is_the_wait()
    {
        var coolDown = new SecondaryLimitCoolDown(clock);

        Assert.Equal(TimeSpan.FromSeconds(90), coolDown.Strike(TimeSpan.FromSeconds(90)));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(60), coolDown.Remaining);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(TimeSpan.Zero, coolDown.Remaining);
    }

    [Fact]
    public void Waits_stop_growing_at_the_longest_wait()
    {
        var coolDown = new SecondaryLimitCoolDown(clock);

        var waits = Enumerable.Range(0, 40).Select(_ => coolDown.Strike(null)).ToList();

        Assert.Equal(SecondaryLimitCoolDown.LongestWait, waits[^1]);
        Assert.All(waits, wait => Assert.InRange(wait, SecondaryLimitCoolDown.FirstWait, SecondaryLimitCoolDown.LongestWait));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "You have exceeded a secondary rate limit.", true)]
    [InlineData(HttpStatusCode.Forbidden, "Resource not accessible by integration", false)]
    [InlineData(HttpStatusCode.BadGateway, "secondary rate limit", false)]
    public async Task A_secondary_limit_is_known_by_its_message_even_without_rate_limit_headers(HttpStatusCode status, string message, bool secondary)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent("{\"message\":\"" + message + "\"}", Encoding.UTF8, "application/json") };

        Assert.Equal(secondary, await GitHubResilience.IsSecondaryLimitAsync(response, CancellationToken.None));
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
