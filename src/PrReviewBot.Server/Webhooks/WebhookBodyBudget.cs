using Microsoft.Extensions.Options;
using PrReviewBot.Server.Configuration;

namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// The bytes of delivery bodies held at once, counted in segments of <see cref="SegmentBytes"/>.
/// Bodies must be held whole until their signature is checked; without a bound, many concurrent
/// large unsigned bodies would take the process's memory.
/// </summary>
public sealed class WebhookBodyBudget : IDisposable
{
    /// <summary>Below the large object heap's threshold, so held segments are ordinary pooled arrays.</summary>
    public const int SegmentBytes = 64 * 1024;

    private readonly SemaphoreSlim segments;

    public WebhookBodyBudget(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Segments = (int)Math.Clamp(options.Value.MaxBufferedBytes / SegmentBytes, 1, int.MaxValue);
        segments = new SemaphoreSlim(Segments, Segments);
    }

    /// <summary>How many segments the budget holds in all.</summary>
    public int Segments { get; }

    /// <summary>Takes room for one segment, waiting until <paramref name="deadline"/> at most; false when there was none.</summary>
    public async Task<bool> TryTakeSegmentAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        await segments.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, cancellationToken).ConfigureAwait(false);

    public void Return(int count)
    {
        if (count > 0)
        {
            segments.Release(count);
        }
    }

    public void Dispose() => segments.Dispose();
}
