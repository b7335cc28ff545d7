using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Reviews;
using PrReviewBot.Server.Tests.Queue;

namespace PrReviewBot.Server.Tests.Reviews;

/// <summary>The review records' contract, run against every store, as the queue's is (see <see cref="TestPostgres"/>).</summary>
public sealed class ReviewRecordStoreTests : IAsyncDisposable
{
    private readonly TestStores stores = new();

    public ValueTask DisposeAsync() => stores.DisposeAsync();

    /// <summary>A store on this test's database; a second call is a second process on the same data, as after a restart.</summary>
    private async Task<IReviewRecordStore> OpenAsync(string kind) => await stores.OpenAsync(kind);

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task A_saved_record_is_read_back_after_a_restart_and_replaced_by_the_next(string kind)
    {
        var store = await OpenAsync(kind);
        await store.SaveReviewAsync("acme", "shop", 7, "{\"first\":1}", CancellationToken.None);
        await store.SaveReviewAsync("acme", "shop", 7, "{\"second\":2}", CancellationToken.None);

        var restarted = await OpenAsync(kind);

        Assert.Equal("{\"second\":2}", await restarted.ReadReviewAsync("acme", "shop", 7, CancellationToken.None));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task Records_are_kept_per_pull_request_and_a_forgotten_one_is_gone(string kind)
    {
        var store = await OpenAsync(kind);
        await store.SaveReviewAsync("acme", "shop", 7, "seven", CancellationToken.None);
        await store.SaveReviewAsync("acme", "shop", 8, "eight", CancellationToken.None);
        await store.SaveReviewAsync("acme", "other", 7, "other seven", CancellationToken.None);

        await store.ForgetReviewAsync("acme", "shop", 7, CancellationToken.None);

        Assert.Null(await store.ReadReviewAsync("acme", "shop", 7, CancellationToken.None));
        Assert.Equal("eight", await store.ReadReviewAsync("acme", "shop", 8, CancellationToken.None));
        Assert.Equal("other seven", await store.ReadReviewAsync("acme", "other", 7, CancellationToken.None));
        Assert.Null(await store.ReadReviewAsync("acme", "shop", 9, CancellationToken.None));
    }

    [Theory]
    [InlineData("sqlite")]
    [PostgresCase]
    public async Task Records_untouched_for_sixty_days_are_dropped_at_start(string kind)
    {
        var store = await OpenAsync(kind);
        await store.SaveReviewAsync("acme", "shop", 7, "old", CancellationToken.None);
        stores.Clock.Advance(TimeSpan.FromDays(59));
        await store.SaveReviewAsync("acme", "shop", 8, "recent", CancellationToken.None);
        stores.Clock.Advance(TimeSpan.FromDays(2));

        var restarted = await OpenAsync(kind);

        Assert.Null(await restarted.ReadReviewAsync("acme", "shop", 7, CancellationToken.None));
        Assert.Equal("recent", await restarted.ReadReviewAsync("acme", "shop", 8, CancellationToken.None));
    }
}
