using System.Threading.Channels;

namespace PrReviewBot.Server.Queue;

/// <summary>
/// Commits many concurrent enqueues in one transaction, so one fsync acknowledges them all. One
/// writer loop takes whatever arrived while the previous commit was on its way to disk (up to
/// <see cref="MaxBatch"/>): a lone delivery is committed at once, a burst shares its commits. Each
/// caller is answered only after the commit that holds its job returned. When a group fails, its
/// jobs are committed one by one, so one bad job cannot fail the others.
/// </summary>
public sealed class GroupCommit
{
    public const int MaxBatch = 64;

    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<JobRequest>, CancellationToken, Task<IReadOnlyList<EnqueueOutcome>>> commit;
    private readonly Lazy<Task> writer;

    /// <param name="commit">Commits the jobs in one transaction, answering each in order; throws when the transaction failed.</param>
    public GroupCommit(Func<IReadOnlyList<JobRequest>, CancellationToken, Task<IReadOnlyList<EnqueueOutcome>>> commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        this.commit = commit;
        writer = new Lazy<Task>(() => Task.Run(WriteAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<EnqueueOutcome> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = writer.Value;
        var item = new Pending(request, new TaskCompletionSource<EnqueueOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!pending.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The job store is shutting down; the delivery was not stored.");
        }

        // A caller that stops waiting does not withdraw its job: it may already be on disk.
        return await item.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes no more enqueues and waits for the writer to commit those it holds.</summary>
    public async ValueTask StopAsync()
    {
        pending.Writer.TryComplete();
        if (writer.IsValueCreated)
        {
            await writer.Value.ConfigureAwait(false);
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var outcomes = await commit(batch.ConvertAll(item => item.Request), CancellationToken.None).ConfigureAwait(false);
            for (var index = 0; index < batch.Count; index++)
            {
                batch[index].Outcome.TrySetResult(outcomes[index]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Alone, a job that committed after all is answered as a duplicate, which is still acknowledged.
            foreach (var item in batch)
            {
                await CommitAsync([item]).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            batch[0].Outcome.TrySetException(exception);
        }
    }

    private sealed record Pending(JobRequest Request, TaskCompletionSource<EnqueueOutcome> Outcome);
}
