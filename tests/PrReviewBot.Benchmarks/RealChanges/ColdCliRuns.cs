using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace PrReviewBot.Benchmarks.RealChanges;

/// <summary>
/// <c>real-changes [--cli PATH] [--against PATH] [--runs N] [--analysis changed-code|whole-files]</c>: reviews each
/// real change the way a CI job does, in a fresh CLI process per run, and prints a markdown table of the
/// median wall time, CPU time (user + system, of the CLI and the git processes it waits for) and
/// peak resident memory, with the engine time the JSON report states. With <c>--against</c>, a second
/// CLI is run alternately with the first on every change, so that both meet the same machine.
/// </summary>
public static class ColdCliRuns
{
    private const string Usage = "usage: real-changes [--cli PATH_TO_prreviewbot_OR_prreviewbot.dll] [--against ANOTHER_CLI] [--runs N] [--analysis changed-code|whole-files]";

    public static int Run(IReadOnlyList<string> args)
    {
        string? cli = null;
        string? against = null;
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
                case ("--against", { } other):
                    against = Path.GetFullPath(other);
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

        if (against is not null && !File.Exists(against))
        {
            Console.Error.WriteLine($"no CLI at {against} (--against)");
            return 2;
        }

        var changes = RealChange.Selected();
        if (changes.Count == 0)
        {
            Console.Error.WriteLine($"no real change matches {RealChange.SelectionVariable}");
            return 2;
        }

        if (against is not null)
        {
            return Compare(cli, against, changes, runs, analysis);
        }

        Console.WriteLine($"{cli}, --analysis {analysis}, median of {runs} cold runs on {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| change | files | MB | added lines | findings | wall | CPU | peak RSS | engine |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        ForEachClone(changes, (change, clone, size, scratch) =>
        {
            var samples = Enumerable.Range(0, runs)
                .Select(_ => ReviewOnce(cli, clone, analysis, Path.Combine(scratch, change.Name + ".json")))
                .ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"| {change.Name} | {size.Files:N0} | {size.Megabytes:F1} | {size.AddedLines:N0} | {samples[0].Findings:N0} " +
                $"| {Median(samples, sample => sample.Wall.TotalSeconds):F2} s | {Median(samples, sample => sample.Cpu.TotalSeconds):F2} s " +
                $"| {Median(samples, sample => sample.PeakBytes) / 1e6:F0} MB | {Median(samples, sample => sample.EngineMilliseconds) / 1000:F2} s |");
        });
        return 0;
    }

    /// <summary>
    /// Two CLIs on the same changes, run by turns (A then B, then B then A, and so on), so that a machine whose speed
    /// drifts slows both alike; wall times as median and fastest, and whether both wrote the same report.
    /// </summary>
    private static int Compare(string cli, string against, IReadOnlyList<RealChange> changes, int runs, string analysis)
    {
        Console.WriteLine($"A = {cli}");
        Console.WriteLine($"B = {against}");
        Console.WriteLine($"--analysis {analysis}, {runs} cold runs of each, by turns, on {Environment.ProcessorCount} cores; wall as median (fastest)");
        Console.WriteLine();
        Console.WriteLine("| change | files | A wall | B wall | A CPU | B CPU | A peak RSS | B peak RSS | same report |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        ForEachClone(changes, (change, clone, size, scratch) =>
        {
            var first = new List<ColdRun>();
            var second = new List<ColdRun>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var takeFirst in run % 2 == 0 ? (bool[])[true, false] : [false, true])
                {
                    var (tool, samples, name) = takeFirst ? (cli, first, "a") : (against, second, "b");
                    samples.Add(ReviewOnce(tool, clone, analysis, Path.Combine(scratch, $"{change.Name}.{name}.json")));
                }
            }

            var same = JsonNode.DeepEquals(first[^1].Report, second[^1].Report) ? "yes" : "**no**";
            return string.Create(CultureInfo.InvariantCulture,
                $"| {change.Name} | {size.Files:N0} " +
                $"| {Median(first, sample => sample.Wall.TotalSeconds):F2} s ({first.Min(sample => sample.Wall.TotalSeconds):F2}) " +
                $"| {Median(second, sample => sample.Wall.TotalSeconds):F2} s ({second.Min(sample => sample.Wall.TotalSeconds):F2}) " +
                $"| {Median(first, sample => sample.Cpu.TotalSeconds):F2} s | {Median(second, sample => sample.Cpu.TotalSeconds):F2} s " +
                $"| {Median(first, sample => sample.PeakBytes) / 1e6:F0} MB | {Median(second, sample => sample.PeakBytes) / 1e6:F0} MB | {same} |");
        });
        return 0;
    }

    /// <summary>
    /// Clones each change into a scratch folder, prints the table row <paramref name="row"/> makes of it (from the change,
    /// its clone, its size and the scratch folder for reports), and deletes the folder at the end.
    /// </summary>
    private static void ForEachClone(IReadOnlyList<RealChange> changes, Func<RealChange, string, RealChangeSize, string, string> row)
    {
        var scratch = Directory.CreateTempSubdirectory("prreviewbot-real-changes-");
        try
        {
            foreach (var change in changes)
            {
                var clone = change.CloneTo(Path.Combine(scratch.FullName, change.Name));
                Console.WriteLine(row(change, clone, RealChange.Measure(clone), scratch.FullName));
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
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
        var engineMilliseconds = json["coverage"]!["engineMilliseconds"]!.GetValue<double>();

        // The engine's own timing is the one part of a report that differs between two runs of the same review.
        json["coverage"]!.AsObject().Remove("engineMilliseconds");
        return new ColdRun(stopwatch.Elapsed, cpu, peak, json["findings"]!.AsArray().Count, engineMilliseconds, json);
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

    /// <param name="Report">The JSON report without its timing, to compare two CLIs' findings and coverage.</param>
    private sealed record ColdRun(TimeSpan Wall, TimeSpan Cpu, long PeakBytes, int Findings, double EngineMilliseconds, JsonNode Report);
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
