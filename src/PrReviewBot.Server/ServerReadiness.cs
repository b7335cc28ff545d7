using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server;

/// <summary>
/// What <c>/healthz</c> reports: not ready until the acknowledgement path is warm and GitHub has
/// confirmed the App's identity, and unhealthy while the store does not accept writes. The write
/// probe runs at most once per <see cref="ProbeInterval"/>, however often the endpoint is asked.
/// </summary>
public sealed class ServerReadiness(IJobStore store, TimeProvider timeProvider) : IDisposable
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim probing = new(1, 1);
    private volatile string? waitingFor = "the acknowledgement path to warm up";
    private DateTimeOffset probedAt = DateTimeOffset.MinValue;
    private Exception? storeFault;

    /// <summary>Why the server is not ready yet; null once it is.</summary>
    public string? WaitingFor => waitingFor;

    public void WaitFor(string what) => waitingFor = what;

    public void Ready() => waitingFor = null;

    /// <summary>Null when the store took a write within the last <see cref="ProbeInterval"/>; otherwise what failed.</summary>
    public async Task<Exception?> StoreFaultAsync(CancellationToken cancellationToken)
    {
        await probing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (now - probedAt >= ProbeInterval)
            {
                try
                {
                    await store.ProbeWritableAsync(cancellationToken).ConfigureAwait(false);
                    storeFault = null;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    storeFault = exception;
                }

                probedAt = now;
            }

            return storeFault;
        }
        finally
        {
            probing.Release();
        }
    }

    public void Dispose() => probing.Dispose();
}
