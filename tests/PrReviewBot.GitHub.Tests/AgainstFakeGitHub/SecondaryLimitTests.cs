using Microsoft.Extensions.Time.Testing;
using Octokit;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>Secondary rate limits met through the real Octokit client; the clock is a fake one, so nothing really waits.</summary>
public sealed class SecondaryLimitTests
{
    private const string Head = "c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8c8";
    private const string Comments = "/repos/acme/shop/issues/1/comments";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_secondary_limit_without_retry_after_is_waited_out_for_at_least_a_minute_before_the_request_goes_again()
    {
        await using var session = await StartAsync();
        session.GitHub.HitSecondaryLimitNext("POST", Comments);

        var posting = session.Conversation.PostNoticeAsync(session.Target(1), "A notice.", CancellationToken.None);
        var waited = await AdvanceUntilAsync(() => Posts(session) == 2, posting);
        await posting;

        Assert.InRange(waited, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(10));
        Assert.Equal(1, session.GitHub.Inspect(() => session.Repository.IssueComments.Count));
    }

    [Fact]
    public async Task A_secondary_limit_with_retry_after_waits_as_long_as_GitHub_asks()
    {
        await using var session = await StartAsync();
        session.GitHub.HitSecondaryLimitNext("POST", Comments, status: 429, retryAfterSeconds: 5);

        var posting = session.Conversation.PostNoticeAsync(session.Target(1), "A notice.", CancellationToken.None);
        var waited = await AdvanceUntilAsync(() => Posts(session) == 2, posting);
        await posting;

        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(59));
    }

    [Fact]
    public async Task Secondary_limits_that_go_on_wait_twice_as_long_and_hold_every_request_of_the_installation_meanwhile()
    {
        await using var session = await StartAsync();
        session.GitHub.HitSecondaryLimitNext("POST", Comments, times: 2);

        var posting = session.Conversation.PostNoticeAsync(session.Target(1), "A notice.", CancellationToken.None);
        await AdvanceUntilAsync(() => Posts(session) == 2, posting);

        // The second limit asks for two minutes, longer than a request may wait: the job is to come back then.
        var limited = await Assert.ThrowsAsync<RateLimitExceededException>(() => posting);
        Assert.InRange(limited.Reset - clock.GetUtcNow(), TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(125));
        var reads = Reads(session);
        await Assert.ThrowsAsync<RateLimitExceededException>(() => session.Loader.LoadAsync(session.Target(1), CancellationToken.None));
        Assert.Equal(reads, Reads(session));

        clock.Advance(TimeSpan.FromSeconds(125));
        var pull = await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);

        Assert.Equal(Head, pull.HeadSha);
        Assert.Equal(2, Posts(session));
        Assert.Empty(session.GitHub.Inspect(() => session.Repository.IssueComments.ToList()));
    }

    private async Task<FakeGitHubSession> StartAsync()
    {
        var session = await FakeGitHubSession.StartAsync(configure: options => options.MaxRateLimitWait = TimeSpan.FromSeconds(60), timeProvider: clock);
        session.GitHub.OpenPullRequest(session.Repository, 1, Head, FakeFile.Added("a.py", "x = 1\n"));

        // The installation token is fetched before the clock moves, while the App's token is still fresh for the fake's real clock.
        await session.Loader.LoadAsync(session.Target(1), CancellationToken.None);
        return session;
    }

    /// <summary>Moves the fake clock a second at a time until <paramref name="done"/> holds; returns how far it moved.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> done, Task work)
    {
        var moved = TimeSpan.Zero;
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not done after the clock moved {moved}");
            if (work.IsFaulted)
            {
                await work;
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return moved;
    }

    private static int Posts(FakeGitHubSession session) => session.GitHub.Requests.Count(request => request.Method == "POST" && request.Path == Comments);

    private static int Reads(FakeGitHubSession session) => session.GitHub.Requests.Count(request => request.Method == "GET");
}
