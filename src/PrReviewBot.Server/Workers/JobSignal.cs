using Microsoft.Extensions.Options;
using PrReviewBot.Server.Configuration;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// Wakes idle workers when a job was queued, so a review starts at once rather than at the next
/// poll. Level-triggered: at most one pending wake per worker, however many jobs were queued, so a
/// burst of deliveries wakes each idle worker once instead of making it lease once per delivery (a
/// worker that found a job asks again as soon as it is done with it).
/// </summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim signal;
    private readonly int maxPending;

    public JobSignal(IOptions<QueueOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        maxPending = Math.Max(1, options.Value.Workers);
        signal = new SemaphoreSlim(0, maxPending);
    }

    /// <summary>Wakes that are waiting to be taken; never more than the number of workers.</summary>
    public int Pending => signal.CurrentCount;

    public void Notify()
    {
        if (signal.CurrentCount >= maxPending)
        {
            return;
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another enqueue filled the last place between the check and the release: the wake is pending either way.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    public void Dispose() => signal.Dispose();
}
