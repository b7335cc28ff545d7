using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// Where the engine's CPU work runs: a few dedicated threads that the operating system schedules
/// behind everything else in the process (Linux nice +10), so a review that keeps every core busy
/// never delays a webhook's acknowledgement (GitHub waits 10 s at most, and a busy replica should
/// still answer in milliseconds). The engine's own file parallelism runs on these threads too:
/// <c>Parallel.ForEach</c> schedules on the current task scheduler, which is this one.
/// </summary>
/// <remarks>
/// <c>Thread.Priority</c> does nothing on Linux (dotnet/runtime#91165), hence <c>setpriority</c>: on
/// Linux the nice value belongs to the calling thread, and lowering it needs no privilege. Elsewhere
/// the threads ask for <see cref="ThreadPriority.BelowNormal"/>.
/// </remarks>
public sealed class ReviewCpu : TaskScheduler, IDisposable
{
    private const int NiceIncrement = 10;

    private const int MaxNice = 19;

    private const int ProcessPriority = 0;

    private readonly BlockingCollection<Task> queue = [];

    private readonly Thread[] threads;

    [ThreadStatic]
    private static bool isReviewThread;

    public ReviewCpu()
        : this(Environment.ProcessorCount)
    {
    }

    public ReviewCpu(int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        threads = [.. Enumerable.Range(0, threadCount).Select(index => new Thread(Work) { IsBackground = true, Name = $"review-cpu-{index}" })];
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => threads.Length;

    /// <summary>Runs <paramref name="work"/> on a review thread; the caller's thread is free meanwhile.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose() => queue.CompleteAdding();

    protected override void QueueTask(Task task) => queue.Add(task);

    // Only a review thread may run a queued task inline (a Parallel.ForEach waiting for its own replicas).
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => isReviewThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. queue];

    private void Work()
    {
        isReviewThread = true;
        LowerPriority();
        foreach (var task in queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    private static void LowerPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            // who = 0: the calling thread (Linux keeps nice per thread). Ten steps behind the process, whatever nice it
            // started with; failing leaves the thread as it was.
            _ = SetPriority(ProcessPriority, 0, Math.Min(MaxNice, GetPriority(ProcessPriority, 0) + NiceIncrement));
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    [DllImport("libc", EntryPoint = "getpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetPriority(int which, int who);

    // DllImport rather than LibraryImport: blittable arguments need no generated marshalling, nor unsafe code in the project.
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
