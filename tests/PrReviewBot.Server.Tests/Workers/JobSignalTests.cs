using Microsoft.Extensions.Options;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Workers;

namespace PrReviewBot.Server.Tests.Workers;

public sealed class JobSignalTests
{
    [Fact]
    public async Task A_burst_of_enqueues_leaves_at_most_one_wake_per_worker()
    {
        using var signal = new JobSignal(Options.Create(new QueueOptions { Workers = 2 }));

        for (var delivery = 0; delivery < 500; delivery++)
        {
            signal.Notify();
        }

        Assert.Equal(2, signal.Pending);
        await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(0, signal.Pending);
    }

    [Fact]
    public async Task A_worker_waiting_is_woken_by_one_enqueue()
    {
        using var signal = new JobSignal(Options.Create(new QueueOptions { Workers = 3 }));
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        signal.Notify();

        await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, signal.Pending);
    }
}
