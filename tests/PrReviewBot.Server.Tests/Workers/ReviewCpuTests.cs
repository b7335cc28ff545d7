using System.Collections.Concurrent;
using System.Globalization;
using PrReviewBot.Server.Workers;

namespace PrReviewBot.Server.Tests.Workers;

public sealed class ReviewCpuTests
{
    [Fact]
    public async Task Work_and_the_parallel_loops_it_schedules_on_its_own_scheduler_run_on_the_review_threads_only()
    {
        using var cpu = new ReviewCpu(threadCount: 2);
        var threads = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        var sum = await cpu.RunAsync(
            () =>
            {
                var total = 0L;
                // As the engine's file parallelism asks: on the scheduler the work runs on.
                Parallel.For(0, 200, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, index =>
                {
                    threads[Thread.CurrentThread.Name ?? "unnamed"] = true;
                    Interlocked.Add(ref total, index);
                    Thread.SpinWait(2_000);
                });
                return total;
            },
            CancellationToken.None);

        Assert.Equal(19_900, sum);
        Assert.All(threads.Keys, name => Assert.StartsWith("review-cpu-", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_linux_the_review_threads_run_behind_the_rest_of_the_process()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var cpu = new ReviewCpu(threadCount: 1);

        var processNice = NiceOfThisThread();
        var nice = await cpu.RunAsync(NiceOfThisThread, CancellationToken.None);

        Assert.Equal(Math.Min(19, processNice + 10), nice);
    }

    private static int NiceOfThisThread()
    {
        // /proc/thread-self/stat: the 19th field is the calling thread's nice value (after the parenthesised name).
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_exception_in_the_work_reaches_the_caller()
    {
        using var cpu = new ReviewCpu(threadCount: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cpu.RunAsync<int>(() => throw new InvalidOperationException("engine failed"), CancellationToken.None));

        Assert.Equal("engine failed", error.Message);
    }
}
