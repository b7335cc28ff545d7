using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace PrReviewBot.Benchmarks.RealChanges;

/// <summary>
/// <c>real-changes [--cli PATH] [--runs N] [--analysis changed-code|whole-files]</c>: reviews each real
/// change the way a CI job does, in a fresh CLI process per run, and prints a markdown table of the
/// median wall time, CPU time (user + system, of the CLI and the git processes it waits for) and
/// peak resident memory, with the engine time the JSON report states.
/// </summary>
public static class ColdCliRuns
{
    private const string Usage = "usage: real-changes [--cli PATH_TO_prreviewbot_OR_prreviewbot.dll] [--runs N] [--analysis changed-code|whole-files]";

    public static int Run(IReadOnlyList<string> args)
    {
        string? cli = null;
        var runs = 3;
        var analysis = "changed-code";
        for (var index = 0; index < args.Count; index += 2)
        {
            var value = index + 1 < args.Count ? args[index + 1] : null;
            switch (args[index], value)
            {
                case ("--cli", { } path):
                    cli = Path.GetFullPath(path);
                    break;
                case ("--runs", { } count) when int.TryParse(count, CultureInfo.InvariantCulture, out runs) && runs > 0:
                    break;
                case ("--analysis", "changed-code" or "whole-files"):
                    analysis = value;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        cli ??= Path.GetFullPath(Path.Combine(RealChange.Folder(), "..", "..", "..", "src", "PrReviewBot.Cli", "bin", "Release", "net10.0", "prreviewbot.dll"));
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"no CLI at {cli}: build it (dotnet build -c Release src/PrReviewBot.Cli) or name one with --cli");
            return 2;
        }

        var changes = RealChange.Selected();
        if (changes.Count == 0)
        {
            Console.Error.WriteLine($"no real change matches {RealChange.SelectionVariable}");
            return 2;
        }

        Console.WriteLine($"{cli}, --analysis {analysis}, median of {runs} cold runs on {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| change | files | MB | added lines | findings | wall | CPU | peak RSS | engine |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var scratch = Directory.CreateTempSubdirectory("prreviewbot-real-changes-");
        try
        {
            foreach (var change in changes)
            {
                var clone = change.CloneTo(Path.Combine(scratch.FullName, change.Name));
                var size = RealChange.Measure(clone);
                var samples = Enumerable.Range(0, runs)
                    .Select(_ => ReviewOnce(cli, clone, analysis, Path.Combine(scratch.FullName, change.Name + ".json")))
                    .ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {change.Name} | {size.Files:N0} | {size.Megabytes:F1} | {size.AddedLines:N0} | {samples[0].Findings:N0} " +
                    $"| {Median(samples, sample => sample.Wall.TotalSeconds):F2} s | {Median(samples, sample => sample.Cpu.TotalSeconds):F2} s " +
                    $"| {Median(samples, sample => sample.PeakBytes) / 1e6:F0} MB | {Median(samples, sample => sample.EngineMilliseconds) / 1000:F2} s |"));
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return 0;
    }

    private static double Median(IReadOnlyList<ColdRun> samples, Func<ColdRun, double> measure)
    {
        var sorted = samples.Select(measure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static ColdRun ReviewOnce(string cli, string clone, string analysis, string report)
    {
        var start = new ProcessStartInfo(cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? "dotnet" : cli)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = clone,
        };
        var arguments = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? [cli] : Array.Empty<string>();
        foreach (var argument in (string[])[.. arguments, "review", "--root", clone, "--git", RealChange.Range, "--format", "json", "--output", report, "--fail-on", "none", "--analysis", analysis])
        {
            start.ArgumentList.Add(argument);
        }

        var cpuBefore = ChildrenCpu();
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {cli}");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var peak = 0L;
        // VmHWM is the process's own high-water mark, so a sample now and then misses only the last moments.
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
        }

        stopwatch.Stop();
        var cpu = ChildrenCpu() - cpuBefore;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the review of {clone} exited with {process.ExitCode}: {error.Result.Trim()}");
        }

        var json = JsonNode.Parse(File.ReadAllText(report))!;
        return new ColdRun(
            stopwatch.Elapsed,
            cpu,
            peak,
            json["findings"]!.AsArray().Count,
            json["coverage"]!["engineMilliseconds"]!.GetValue<double>());
    }

    /// <summary>Bytes from <c>/proc/PID/status</c>; 0 where there is no /proc or the process has just gone.</summary>
    private static long HighWaterMark(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>
    /// User + system time of every child this process has waited for, and of the children they waited
    /// for: the runtime reaps the CLI before <c>WaitForExit</c> returns, so the difference around one
    /// run is that run's CPU, git included.
    /// </summary>
    private static TimeSpan ChildrenCpu()
    {
        const int children = -1;
        return UnixResourceUsage.GetRUsage(children, out var usage) == 0
            ? TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicroseconds + (usage.SystemSeconds * 1e6) + usage.SystemMicroseconds)
            : TimeSpan.Zero;
    }

    private sealed record ColdRun(TimeSpan Wall, TimeSpan Cpu, long PeakBytes, int Findings, double EngineMilliseconds);
}

/// <summary>getrusage(2): the CPU time of waited-for children, which .NET does not expose.</summary>
internal static class UnixResourceUsage
{
    [DllImport("libc", EntryPoint = "getrusage")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int GetRUsage(int who, out ResourceUsage usage);

    /// <summary><c>struct rusage</c> on 64-bit Linux (144 bytes): two <c>timeval</c>s, then fourteen longs this code does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    internal struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}
