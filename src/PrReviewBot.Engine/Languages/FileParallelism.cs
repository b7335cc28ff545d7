using System.Collections.Concurrent;

namespace PrReviewBot.Engine.Languages;

/// <summary>
/// How the analyzers spread files over the machine: one worker per core (more only queue on the
/// same cores and hold more files in memory at once), largest files first so that no big file
/// starts last and keeps one core busy after the others finish; on the task scheduler the review
/// was called on.
/// </summary>
internal static class FileParallelism
{
    public static void ForEach(int count, Func<int, int> size, Action<int> body, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, count).OrderByDescending(size).ThenBy(index => index).ToArray();
        // On the caller's scheduler: a host that runs reviews on threads of its own (the server keeps them behind its
        // webhook threads) gets the files spread over those threads, not over the shared pool.
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount, TaskScheduler = TaskScheduler.Current };
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), options, body);
    }
}
