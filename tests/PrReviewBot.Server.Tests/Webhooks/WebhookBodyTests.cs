using System.Text;
using Microsoft.Extensions.Options;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Server.Tests.Webhooks;

public sealed class WebhookBodyTests
{
    private const string Secret = "It's a Secret to Everybody";

    [Fact]
    public async Task A_body_read_in_segments_checks_against_the_signature_GitHub_documents()
    {
        using var budget = Budget(1024 * 1024);

        using var body = await WebhookBody.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("Hello, World!")), Secret, 1000, budget, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(WebhookBodyRead.Complete, body.Result);
        Assert.True(body.IsSignedBy("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        Assert.Equal("Hello, World!", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_body_spanning_many_segments_is_kept_whole_and_verified()
    {
        using var budget = Budget(1024 * 1024);
        var bytes = new byte[(WebhookBodyBudget.SegmentBytes * 3) + 17];
        Random.Shared.NextBytes(bytes);

        using var body = await WebhookBody.ReadAsync(new TrickleStream(bytes, 1000), Secret, bytes.Length, budget, TimeSpan.Zero, CancellationToken.None);

        Assert.True(body.IsSignedBy(WebhookSignature.Compute(Secret, bytes)));
        Assert.Equal(bytes, body.ToArray());
    }

    [Fact]
    public async Task A_body_past_the_cap_is_too_large_and_never_verifies()
    {
        using var budget = Budget(1024 * 1024);
        var bytes = new byte[1001];

        using var body = await WebhookBody.ReadAsync(new MemoryStream(bytes), Secret, 1000, budget, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(WebhookBodyRead.TooLarge, body.Result);
        Assert.False(body.IsSignedBy(WebhookSignature.Compute(Secret, bytes)));
    }

    [Fact]
    public async Task A_body_that_finds_the_budget_spent_is_busy_and_the_budget_comes_back_when_the_holder_is_done()
    {
        using var budget = Budget(WebhookBodyBudget.SegmentBytes * 2);
        var large = new byte[WebhookBodyBudget.SegmentBytes * 2];

        var holder = await WebhookBody.ReadAsync(new MemoryStream(large), Secret, large.Length, budget, TimeSpan.Zero, CancellationToken.None);
        using (var refused = await WebhookBody.ReadAsync(new MemoryStream([1, 2, 3]), Secret, 1000, budget, TimeSpan.Zero, CancellationToken.None))
        {
            Assert.Equal(WebhookBodyRead.Busy, refused.Result);
        }

        holder.Dispose();
        using var later = await WebhookBody.ReadAsync(new MemoryStream([1, 2, 3]), Secret, 1000, budget, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(WebhookBodyRead.Complete, later.Result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void A_header_that_is_not_sha256_and_64_hex_digits_is_refused_before_the_body_is_read(string? header) =>
        Assert.False(WebhookSignature.TryParse(header, out _));

    private static WebhookBodyBudget Budget(long bytes) => new(Options.Create(new WebhookOptions { MaxBufferedBytes = bytes }));

    /// <summary>Gives at most a few bytes per read, as a slow chunked sender does.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
