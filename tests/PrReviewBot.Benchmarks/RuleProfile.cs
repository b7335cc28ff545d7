using System.Diagnostics;
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
