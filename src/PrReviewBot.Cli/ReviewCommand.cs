using System.CommandLine;
using System.Diagnostics;
using PrReviewBot.Cli.Inputs;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot review [PATHS…] [--diff FILE|-] [--root DIR] [--base-root DIR] [--git BASE..HEAD]
/// [--format markdown|json|sarif] [--output FILE] [--config FILE] [--fail-on error|warning|note|none]
/// [--analysis changed-code|whole-files]</c>.
/// </summary>
public static class ReviewCommand
{
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var paths = new Argument<string[]>("PATHS")
        {
            Description = "Files or folders to review whole; every line counts as changed (bin/, obj/ and .git/ are skipped).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var diff = new Option<string?>("--diff") { Description = "A unified diff to review (git diff output); '-' reads standard input.", HelpName = "FILE|-" };
        var root = new Option<string?>("--root") { Description = "Repository folder: full new-file contents for context, and the base of reported paths.", HelpName = "DIR" };
        var baseRoot = new Option<string?>("--base-root") { Description = "With --diff: a folder holding the files as they were before the change, so findings they already had are not blamed on it.", HelpName = "DIR" };
        var git = new Option<string?>("--git") { Description = "A range of the local repository to review, read-only: the change from the merge base of BASE and HEAD to HEAD, as a pull request shows it.", HelpName = "BASE..HEAD" };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "markdown", HelpName = "markdown|json|sarif" };
        format.AcceptOnlyFromAmong("markdown", "json", "sarif");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output.", HelpName = "FILE" };
        var config = new Option<string?>("--config") { Description = "Review configuration (YAML); defaults to ROOT/.github/prreviewbot.yml when present.", HelpName = "FILE" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a finding is at or above this severity (default: error).", HelpName = "error|warning|note|none" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var analysis = new Option<string>("--analysis")
        {
            Description = "How much of each changed file the rules read: the declarations the change touched (changed-code), or every line, keeping only findings on added lines (whole-files; slower, for checking).",
            DefaultValueFactory = _ => "changed-code",
            HelpName = "changed-code|whole-files",
        };
        analysis.AcceptOnlyFromAmong("changed-code", "whole-files");

        var review = new Command("review", "Review a patch, a git range or files, and print markdown, JSON or SARIF.")
        {
            paths, diff, root, baseRoot, git, format, output, config, failOn, analysis,
        };
        var rootCommand = new RootCommand("PrReviewBot: a pull-request reviewer for security defects and readability.") { review };

        var exitCode = ExitCodes.Ok;
        review.SetAction(parse =>
        {
            var request = new ReviewRequest(
                parse.GetValue(paths) ?? [],
                parse.GetValue(diff),
                parse.GetValue(root),
                parse.GetValue(baseRoot),
                parse.GetValue(git),
                parse.GetValue(format) ?? "markdown",
                parse.GetValue(output),
                parse.GetValue(config),
                parse.GetValue(failOn),
                parse.GetValue(analysis) == "whole-files" ? AnalysisScope.WholeFiles : AnalysisScope.ChangedCode);
            exitCode = Execute(request, stdin, stdout, stderr);
            return exitCode;
        });

        var parseResult = rootCommand.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("usage: prreviewbot review [PATHS…] [--diff FILE|-] [--root DIR] [--base-root DIR] [--git BASE..HEAD] [--format markdown|json|sarif] [--output FILE] [--config FILE] [--fail-on error|warning|note|none] [--analysis changed-code|whole-files]");
            return ExitCodes.UsageOrInputError;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        var code = parseResult.Invoke(invocation);
        return parseResult.Action is null || parseResult.CommandResult.Command != review ? code : exitCode;
    }

    internal static int Execute(ReviewRequest request, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (request.Paths.FirstOrDefault(path => path.StartsWith('-') && path.Length > 1 && !File.Exists(path) && !Directory.Exists(path)) is { } unknown)
            {
                throw new InputException($"unknown option '{unknown}'");
            }

            var sources = (request.Paths.Count > 0 ? 1 : 0) + (request.Diff is null ? 0 : 1) + (request.Git is null ? 0 : 1);
            if (sources != 1)
            {
                throw new InputException(sources == 0
                    ? "nothing to review: give PATHS, --diff FILE|- or --git BASE..HEAD"
                    : "give only one of PATHS, --diff and --git");
            }

            if (request.BaseRoot is not null && request.Diff is null)
            {
                throw new InputException("--base-root goes with --diff (--git reads the base versions from the merge base itself)");
            }

            var root = ResolveRoot(request);
            var options = LoadOptions(request, root);
            using var parseAhead = new ParseAhead();
            using var input = LoadSnapshot(request, root, options, stdin, parseAhead);
            var snapshot = input.Snapshot;

            CollectionFreeReview.StartIfItFits(snapshot);
            var stopwatch = Stopwatch.StartNew();
            var result = new ReviewEngine().Review(snapshot, options, parseAhead);
            stopwatch.Stop();

            var report = request.Format switch
            {
                "json" => JsonReportWriter.Write(result, stopwatch.Elapsed),
                "sarif" => SarifWriter.Write(result),
                _ => SummaryWriter.Write(result, new SummaryContext(EngineTime: stopwatch.Elapsed, MaxExamplesPerGroup: options.MaxExamplesPerGroup)),
            };

            if (request.Output is { } outputPath)
            {
                File.WriteAllText(outputPath, report);
            }
            else
            {
                stdout.Write(report);
            }

            return result.Fails(options.FailOn) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is InputException or ConfigurationException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {exception.Message}");
            return ExitCodes.UsageOrInputError;
        }
    }

    private static string ResolveRoot(ReviewRequest request)
    {
        if (request.Root is { } root)
        {
            return Directory.Exists(root) ? Path.GetFullPath(root) : throw new InputException($"--root folder does not exist: {root}");
        }

        var current = Directory.GetCurrentDirectory();
        if (request.Paths.Count == 0)
        {
            return current;
        }

        // Report paths relative to the working folder when the inputs are inside it, else to their common folder.
        var full = request.Paths.Select(path => Path.GetFullPath(path)).ToList();
        if (full.All(path => IsUnder(path, current)))
        {
            return current;
        }

        var common = full.Select(path => Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? path).ToList();
        var candidate = common[0];
        while (!common.All(path => IsUnder(path, candidate) || path == candidate))
        {
            candidate = Path.GetDirectoryName(candidate) ?? candidate;
            if (candidate == Path.GetPathRoot(candidate))
            {
                break;
            }
        }

        return candidate;
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static ReviewOptions LoadOptions(ReviewRequest request, string root)
    {
        var options = ReviewOptions.Default;
        var configPath = request.Config ?? Path.Combine(root, ReviewConfigurationFile.RepositoryPath);
        if (request.Config is not null && !File.Exists(configPath))
        {
            throw new InputException($"--config file does not exist: {request.Config}");
        }

        if (File.Exists(configPath))
        {
            options = ReviewConfigurationFile.Parse(File.ReadAllText(configPath), request.Config ?? ReviewConfigurationFile.RepositoryPath);
        }

        if (request.FailOn is { } failOn)
        {
            options = options with { FailOn = ReviewConfigurationFile.ParseFailOn(failOn, "--fail-on") };
        }

        return options with { Scope = request.Scope };
    }

    private static LoadedInput LoadSnapshot(ReviewRequest request, string root, ReviewOptions options, TextReader stdin, ParseAhead parseAhead)
    {
        if (request.Git is { } range)
        {
            return GitRangeInput.Load(range, root, options.MaxFileBytes, parseAhead: parseAhead);
        }

        if (request.Diff is { } diff)
        {
            if (diff != "-" && !File.Exists(diff))
            {
                throw new InputException($"--diff file does not exist: {diff}");
            }

            var baseRoot = request.BaseRoot is null ? null
                : Directory.Exists(request.BaseRoot) ? Path.GetFullPath(request.BaseRoot) : throw new InputException($"--base-root folder does not exist: {request.BaseRoot}");

            // Read as it is parsed, UTF-8 as every input (a byte-order mark dropped, bad bytes replaced).
            using var file = diff == "-" ? null : new StreamReader(diff, SourceFiles.LenientUtf8, detectEncodingFromByteOrderMarks: true);
            return new LoadedInput(PatchInput.Load(file ?? stdin, request.Root is null ? null : root, baseRoot, options.MaxFileBytes));
        }

        return new LoadedInput(PathInput.Load(request.Paths, root, options.MaxFileBytes));
    }
}

/// <summary>What the user asked for on the command line.</summary>
internal sealed record ReviewRequest(
    IReadOnlyList<string> Paths,
    string? Diff,
    string? Root,
    string? BaseRoot,
    string? Git,
    string Format,
    string? Output,
    string? Config,
    string? FailOn,
    AnalysisScope Scope = AnalysisScope.ChangedCode);
