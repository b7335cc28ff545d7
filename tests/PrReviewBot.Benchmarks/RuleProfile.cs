using System.Diagnostics;
using PrReviewBot.Benchmarks.RealChanges;
using PrReviewBot.Cli.Inputs;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Benchmarks;

/// <summary>A quick per-rule breakdown (not a benchmark: one warm run each) to find hot rules.</summary>
public static class RuleProfile
{
    public static void Run(int files)
    {
        var snapshot = SyntheticChange.Snapshot(files, withFullContent: true);
        Time("cold, parse + compile only", new ReviewEngine(new CSharpAnalyzer([])), snapshot, attempts: 1);
        Time("cold, all rules", new ReviewEngine(), snapshot, attempts: 1);
        Time("warm, all rules", new ReviewEngine(), snapshot);
        Time("parse + compile only", new ReviewEngine(new CSharpAnalyzer([])), snapshot);
        foreach (var rule in CSharpAnalyzer.AllRules)
        {
            Time(rule.Descriptor.Id, new ReviewEngine(new CSharpAnalyzer([rule])), snapshot);
        }
    }

    /// <summary>
    /// The same breakdown on a real change (<c>--profile-real NAME</c>), in CPU time of the whole process
    /// (every thread; the totals the best of three, each rule one run): unlike wall time it stays put when other work shares the machine.
    /// </summary>
    public static void RunReal(string name)
    {
        var change = RealChange.Selected().FirstOrDefault(candidate => candidate.Name == name)
            ?? throw new ArgumentException($"no real change named {name}", nameof(name));
        var scratch = Directory.CreateTempSubdirectory("prreviewbot-rule-profile-");
        try
        {
            using var input = GitRangeInput.Load(RealChange.Range, change.CloneTo(Path.Combine(scratch.FullName, name)), ReviewOptions.Default.MaxFileBytes);
            var snapshot = input.Snapshot;
            Cpu("cold, all rules", new ReviewEngine(), snapshot, attempts: 1);
            Cpu("warm, all rules", new ReviewEngine(), snapshot);
            Cpu("parse + compile only", new ReviewEngine(new CSharpAnalyzer([])), snapshot);
            var rows = CSharpAnalyzer.AllRules
                .Select(rule => (rule.Descriptor.Id, Cpu: Cpu(null, new ReviewEngine(new CSharpAnalyzer([rule])), snapshot, attempts: 1)))
                .OrderByDescending(row => row.Cpu)
                .ToList();
            foreach (var (id, cpu) in rows)
            {
                Console.WriteLine($"{id,-40} {cpu,6:F0} ms CPU with parse + compile");
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static double Cpu(string? label, ReviewEngine engine, PrReviewBot.Engine.Input.PullRequestSnapshot snapshot, int attempts = 3)
    {
        var best = double.MaxValue;
        var findings = 0;
        using var process = Process.GetCurrentProcess();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            findings = engine.Review(snapshot).Findings.Count;
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalMilliseconds);
        }

        if (label is not null)
        {
            Console.WriteLine($"{label,-40} {best,6:F0} ms CPU  {findings,5} findings");
        }

        return best;
    }

    private static void Time(string label, ReviewEngine engine, PrReviewBot.Engine.Input.PullRequestSnapshot snapshot, int attempts = 3)
    {
        var best = long.MaxValue;
        var findings = 0;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var stopwatch = Stopwatch.StartNew();
            findings = engine.Review(snapshot).Findings.Count;
            best = Math.Min(best, stopwatch.ElapsedMilliseconds);
        }

        Console.WriteLine($"{label,-40} {best,6} ms  {findings,5} findings");
    }
}
