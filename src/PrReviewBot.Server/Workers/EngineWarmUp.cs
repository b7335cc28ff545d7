using System.Diagnostics;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Server.Workers;

/// <summary>
/// Reviews a small made-up change (C#, Python and a text file) once before the server listens, on the
/// review threads: Roslyn's reference assemblies, the rules' patterns and the engine's code are then
/// loaded and compiled before the first real delivery, instead of competing with the acknowledgements
/// of the first seconds under load. A failure here only costs that head start.
/// </summary>
public static partial class EngineWarmUp
{
    private const string CSharp = """
        using System.Diagnostics;

        namespace WarmUp;

        public sealed class Runner
        {
            public string Run(string name) => Process.Start("echo", name)?.StandardOutput.ReadToEnd() ?? string.Empty;
        }
        """;

    private const string Python = """
        import subprocess


        def run(name):
            return subprocess.run(["echo", name], capture_output=True, check=False).stdout
        """;

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EngineWarmUp));
        var engine = services.GetRequiredService<ReviewEngine>();
        var cpu = services.GetRequiredService<ReviewCpu>();
        var snapshot = new PullRequestSnapshot(
        [
            ChangedFile.WholeFile("src/WarmUp/Runner.cs", CSharp),
            ChangedFile.WholeFile("tools/warm_up.py", Python),
            ChangedFile.WholeFile("docs/warm-up.md", "# Warm-up\n"),
        ]);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await cpu.RunAsync(() => engine.Review(snapshot, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogWarm(logger, elapsed.TotalMilliseconds, result.Findings.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review engine warmed up in {Milliseconds:0} ms ({Findings} findings on the warm-up change)")]
    private static partial void LogWarm(ILogger logger, double milliseconds, int findings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the review engine failed; the first reviews will be slower")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
