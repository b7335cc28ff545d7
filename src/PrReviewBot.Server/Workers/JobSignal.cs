namespace PrReviewBot.Server.Workers;

/// <summary>Wakes idle workers when a job was queued, so a review starts at once rather than at the next poll.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public void Notify() => signal.Release();

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    public void Dispose() => signal.Dispose();
}
