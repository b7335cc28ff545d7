using BenchmarkDotNet.Running;
using PrReviewBot.Benchmarks;

// `--write-corpus DIR N [python]` writes the synthetic change to disk (a patch plus the new files) so the
// CLI can be timed end to end, e.g. with /usr/bin/time -v for peak memory.
if (args is ["--write-corpus", var directory, var count, ..] && args.Length <= 4)
{
    var python = args.Length == 4 && args[3] == "python";
    var diff = SyntheticChange.DiffText(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), out var contents, python);
    Directory.CreateDirectory(directory);
    File.WriteAllText(Path.Combine(directory, "change.patch"), diff);
    foreach (var (path, content) in contents)
    {
        var full = Path.Combine(directory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    Console.WriteLine($"wrote {contents.Count} files and change.patch to {directory}");
    return 0;
}

// `--profile N` times each rule alone on a warm N-file change: where the engine's time goes.
if (args is ["--profile", var files])
{
    RuleProfile.Run(int.Parse(files, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

// `--profile-real NAME` does the same on one of the real changes in RealChanges/, in CPU time.
if (args is ["--profile-real", var realChange])
{
    RuleProfile.RunReal(realChange);
    return 0;
}

// `security-suites CORPUS_DIR [--details FILE]` scores the engine's security findings against a
// labelled corpus of public rule-test suites (see SecuritySuites/README.md).
if (args is ["security-suites", ..])
{
    switch (args)
    {
        case [_, var corpus]:
            return PrReviewBot.Benchmarks.SecuritySuites.SecuritySuiteScorer.Run(corpus, detailsPath: null);
        case [_, var corpus, "--details", var details]:
            return PrReviewBot.Benchmarks.SecuritySuites.SecuritySuiteScorer.Run(corpus, details);
        default:
            Console.Error.WriteLine("usage: security-suites CORPUS_DIR [--details FILE]");
            return 2;
    }
}

// `real-changes [--cli PATH] [--against PATH] [--runs N] [--analysis changed-code|whole-files]` times the CLI, cold, on
// the real changes of open-source projects in RealChanges/ (see RealChanges/README.md).
if (args is ["real-changes", ..])
{
    return PrReviewBot.Benchmarks.RealChanges.ColdCliRuns.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
