using System.ComponentModel;
using System.Diagnostics;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Cli.Inputs;

/// <summary>
/// A range of the local repository, read with plumbing commands only: nothing is checked out,
/// built or run. <c>BASE..HEAD</c> and <c>BASE...HEAD</c> both mean what a pull request means:
/// the change from the merge base of the two to HEAD, so a branch is never blamed for what BASE
/// did meanwhile. Base versions of the changed files come from that merge base.
/// </summary>
internal static class GitRangeInput
{
    private const string FetchHint = "in GitHub Actions: actions/checkout with fetch-depth: 0";

    /// <summary>
    /// The change and its head files. Base versions are read on demand through the returned input
    /// (only the files with findings need one), so it must be disposed after the review.
    /// </summary>
    /// <param name="readBesideThePatchFrom">From this many changed files on, their head versions are read while git writes the patch.</param>
    /// <param name="parseAhead">
    /// Parses the head versions of such a change once they are read, while git is still writing the patch; the review takes its trees.
    /// </param>
    public static LoadedInput Load(string range, string root, int maxBytes, int readBesideThePatchFrom = 200, ParseAhead? parseAhead = null)
    {
        var separator = range.Contains("...", StringComparison.Ordinal) ? "..." : "..";
        var parts = range.Split(separator);
        if (parts.Length != 2 || parts.Any(part => part.Length == 0 || part.StartsWith('-') || part.Any(char.IsWhiteSpace)))
        {
            throw new InputException($"--git expects BASE..HEAD (for example main..HEAD), not '{range}'");
        }

        var (mergeBase, head) = Range(root, parts[0], parts[1]);

        // The patch is the slowest of git's answers: asked first, it is written while the paths are listed and read (its
        // rename and copy detection writes nothing until it is done, so git does not wait for its reader meanwhile).
        using var patch = new RunningGit(root, ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "-C", "--full-index", mergeBase, head, "--"], PatchSettings);
        var blobs = new GitBlobReader(root);
        try
        {
            var (diffs, headVersions) = ReadChange(root, mergeBase, head, patch, blobs, maxBytes, readBesideThePatchFrom, parseAhead);
            var snapshot = Snapshot(diffs, headVersions, blobs, root, head, maxBytes) with
            {
                ReadBaseVersion = file => file.Status.HasBaseVersion() ? blobs.Read(mergeBase, file.OldPath ?? file.Path, maxBytes, out _) : null,
            };
            if (headVersions.Count >= readBesideThePatchFrom)
            {
                // Made side by side, the patch's garbage (its text, 18 MB for 2,000 files, the parse's, and the texts of the
                // lines each file holds itself, which its hunks now read from it) lies between the head versions the review
                // keeps: collected now, the review does not grow on top of it (saleor's 2,324 files: peak 352-362 MB without
                // this collection, 326-337 MB with it).
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            return new LoadedInput(snapshot, blobs);
        }
        catch
        {
            blobs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The patch's settings: every built-in diff driver's function-name pattern is set to one that matches any line. Its
    /// match is the text git writes after a hunk's line numbers, which the review never reads. A driver named in
    /// .gitattributes (<c>*.cs diff=csharp</c>, in half the .NET repositories tried) otherwise has git compile its pattern
    /// for each file and match it on line after line above every hunk: a real 1,691-file range of WPF was written in 1.14-1.21 s
    /// with the C# pattern and 0.51-0.52 s with this one, the same patch but for that text.
    /// </summary>
    private static readonly string[] PatchSettings =
    [
        .. new[]
        {
            "ada", "bash", "bibtex", "cpp", "csharp", "css", "dts", "elixir", "fortran", "fountain", "golang", "html", "ini", "java",
            "kotlin", "markdown", "matlab", "objc", "pascal", "perl", "php", "python", "r", "ruby", "rust", "scheme", "tex",
        }.Select(driver => $"diff.{driver}.xfuncname=^"),
    ];

    /// <summary>
    /// The patch <paramref name="patch"/> is writing, and the head version of every path it changes. Those of a large change are read while git writes the
    /// patch, whose rename and copy detection is most of its time (0.4 of 0.8 s on a 2,000-file range). Listed without
    /// that detection (milliseconds), the changed paths that still exist at HEAD are exactly those the patch has a head
    /// version of, renamed or copied ones included, under their new names. Once they are read, that thread parses them ahead
    /// of the review while git is still at work.
    /// </summary>
    private static (IReadOnlyList<FileDiff> Diffs, Dictionary<string, (string? Text, string? SkipReason)> HeadVersions) ReadChange(
        string root,
        string mergeBase,
        string head,
        RunningGit patch,
        GitBlobReader blobs,
        int maxBytes,
        int readBesideThePatchFrom,
        ParseAhead? parseAhead)
    {
        var headPaths = HeadPaths(root, mergeBase, head);
        if (headPaths.Count < readBesideThePatchFrom)
        {
            // A few files: git answers in milliseconds, and a second thread would only take a core from the
            // analyzers' warm-up (21 files: 0.05 s slower).
            var diffs = Diffs(patch);
            return (diffs, Answers(headPaths, blobs.ReadAll(head, headPaths, maxBytes)));
        }

        // On a thread of its own: the pool's first threads are busy warming the analyzers up, and a pool thread
        // would be given to it only after the pool's starvation delay (0.15 s).
        var read = new TaskCompletionSource<Dictionary<string, (string? Text, string? SkipReason)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Factory.StartNew(
            () =>
            {
                IReadOnlyList<(string? Text, string? SkipReason)> answers;
                try
                {
                    answers = blobs.ReadAll(head, headPaths, maxBytes);
                    read.SetResult(Answers(headPaths, answers));
                }
                catch (Exception exception)
                {
                    read.SetException(exception);
                    return;
                }

                // The patch is still being written: its rename and copy detection leaves a core to parse with.
                parseAhead?.Run([.. headPaths.Select((path, index) => (path, answers[index].Text))]);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var reading = read.Task;
        try
        {
            return (Diffs(patch), reading.GetAwaiter().GetResult());
        }
        catch
        {
            // The reader may still be answering: it finishes (or fails) before git is stopped.
            try
            {
                reading.Wait();
            }
            catch (AggregateException)
            {
                // Its failure is not the one to report.
            }

            throw;
        }
    }

    /// <summary>
    /// The patch, parsed as git writes it: never held as one string (44 MB of patch for PowerShell's 3,025-file range,
    /// twice that as text, and as much again while it was gathered).
    /// </summary>
    private static IReadOnlyList<FileDiff> Diffs(RunningGit patch)
    {
        try
        {
            return patch.Finish(UnifiedDiffParser.Parse);
        }
        catch (PatchFormatException exception)
        {
            throw new InputException($"git diff produced a patch that could not be read: {exception.Message}", exception);
        }
    }

    /// <summary>The paths the range adds or changes (not those it deletes), from git's raw listing without rename detection.</summary>
    private static List<string> HeadPaths(string root, string mergeBase, string head)
    {
        // With -z each entry is ":modes ids STATUS\0PATH\0", the path unquoted.
        var fields = Git(root, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", mergeBase, head, "--").Split('\0');
        var paths = new List<string>();
        for (var index = 0; index + 1 < fields.Length; index += 2)
        {
            if (!fields[index].EndsWith('D'))
            {
                paths.Add(fields[index + 1]);
            }
        }

        return paths;
    }

    private static Dictionary<string, (string? Text, string? SkipReason)> Answers(List<string> paths, IReadOnlyList<(string? Text, string? SkipReason)> answers)
    {
        var byPath = new Dictionary<string, (string? Text, string? SkipReason)>(paths.Count, StringComparer.Ordinal);
        for (var index = 0; index < paths.Count; index++)
        {
            byPath.TryAdd(paths[index], answers[index]);
        }

        return byPath;
    }

    private static PullRequestSnapshot Snapshot(
        IReadOnlyList<FileDiff> diffs,
        Dictionary<string, (string? Text, string? SkipReason)> contents,
        GitBlobReader blobs,
        string root,
        string head,
        int maxBytes)
    {
        var files = new List<ChangedFile>();
        foreach (var diff in diffs)
        {
            if (!HasHeadText(diff))
            {
                files.Add(ChangedFile.FromDiff(diff));
                continue;
            }

            // A path the listing spelled otherwise than the patch (bytes that are not UTF-8) is asked for on its own.
            var path = diff.NewPath!;
            if (!contents.TryGetValue(path, out var answer))
            {
                answer.Text = blobs.Read(head, path, maxBytes, out answer.SkipReason);
            }

            files.Add(answer.SkipReason is { } skip ? ChangedFile.FromDiff(diff) with { SkipReason = skip } : ChangedFile.FromDiff(diff, answer.Text));
        }

        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        var contextPaths = ContextPaths(root, head, files.Select(file => file.Path)).ToList();
        foreach (var (path, answer) in contextPaths.Zip(blobs.ReadAll(head, contextPaths, maxBytes)))
        {
            if (answer.Text is { } text)
            {
                context[path] = text;
            }
        }

        return new PullRequestSnapshot(files, head) { ContextFiles = context };
    }

    /// <summary>
    /// The range's merge base and head as commit ids, asked of one git process (each process costs a cold review tens of
    /// milliseconds): <c>rev-parse</c> of <c>BASE...HEAD</c> names the merge base as <c>^id</c>. Two merge bases, or none,
    /// are left to <c>merge-base</c>, which picks one or says why there is none; when the ends do not resolve, they are
    /// asked one by one, to say which end is wrong.
    /// </summary>
    private static (string MergeBase, string Head) Range(string root, string baseReference, string headReference)
    {
        // After "--", git takes every argument as a revision only, never as a path.
        if (TryGit(root, out var answer, "rev-parse", "--git-dir", baseReference + "^{commit}", headReference + "^{commit}", $"{baseReference}^{{commit}}...{headReference}^{{commit}}", "--")
            && answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [_, var baseCommit, var head, .. var symmetric])
        {
            var mergeBases = symmetric.Where(line => line.StartsWith('^')).ToList();
            return (mergeBases.Count == 1 ? mergeBases[0][1..] : MergeBase(root, baseReference, headReference, baseCommit, head), head);
        }

        var (resolvedBase, resolvedHead) = Commits(root, baseReference, headReference);
        return (MergeBase(root, baseReference, headReference, resolvedBase, resolvedHead), resolvedHead);
    }

    /// <summary>Both ends of the range as commit ids, asked one by one, to say which end is wrong.</summary>
    private static (string Base, string Head) Commits(string root, string baseReference, string headReference)
    {
        if (!TryGit(root, out _, "rev-parse", "--git-dir"))
        {
            throw new InputException($"--git: {root} is not inside a git repository (use --root DIR to name the repository folder)");
        }

        return (Commit(root, baseReference), Commit(root, headReference));
    }

    private static bool HasHeadText(FileDiff diff) => !diff.IsBinary && diff.NewPath is not null;

    private static string Commit(string root, string reference) =>
        TryGit(root, out var sha, "rev-parse", "--verify", "--quiet", reference + "^{commit}")
            ? sha.Trim()
            : throw new InputException($"--git: '{reference}' is not a commit in this repository; fetch it first ({FetchHint})");

    private static string MergeBase(string root, string baseReference, string headReference, string baseCommit, string head)
    {
        if (TryGit(root, out var mergeBase, "merge-base", baseCommit, head) && mergeBase.Trim().Length > 0)
        {
            return mergeBase.Trim();
        }

        var shallow = TryGit(root, out var answer, "rev-parse", "--is-shallow-repository") && answer.Trim() == "true";
        throw new InputException(shallow
            ? $"--git: '{baseReference}' and '{headReference}' have no common ancestor in this shallow clone: its history is cut too short; fetch the full history first (git fetch --unshallow; {FetchHint})"
            : $"--git: '{baseReference}' and '{headReference}' have no common ancestor (unrelated histories), so there is no change from one to the other to review");
    }

    private static IEnumerable<string> ContextPaths(string root, string head, IEnumerable<string> changed)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { string.Empty };
        foreach (var path in changed)
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                folders.Add(path[..slash]);
            }
        }

        var listing = Git(root, ["ls-tree", "--name-only", head, "--", .. folders.Select(folder => folder.Length == 0 ? "." : folder + "/")]);
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(PullRequestSnapshot.IsContextFile);
    }

    /// <summary>How git is started here: in <paramref name="root"/>, paths quoted as C strings, with <paramref name="settings"/> (<c>-c</c>) besides.</summary>
    internal static ProcessStartInfo StartInfo(string root, IEnumerable<string> arguments, IEnumerable<string>? settings = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("core.quotepath=true");
        foreach (var setting in settings ?? [])
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    internal static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InputException("could not start git");
        }
        catch (Win32Exception exception)
        {
            throw new InputException("--git needs git on the PATH", exception);
        }
    }

    /// <summary>Runs git and says whether it succeeded, for the questions whose "no" is an answer rather than a failure.</summary>
    private static bool TryGit(string root, out string output, params string[] arguments)
    {
        var run = Run(root, arguments);
        output = run.Output;
        return run.ExitCode == 0;
    }

    /// <summary>Runs git and returns what it wrote; a failure is an <see cref="InputException"/> with git's own words.</summary>
    internal static string Git(string root, params string[] arguments)
    {
        var run = Run(root, arguments);
        return run.ExitCode == 0 ? run.Output : throw Failed(root, arguments, run.ExitCode, run.Error);
    }

    /// <summary>A failed git command, in git's own words.</summary>
    private static InputException Failed(string root, string[] arguments, int exitCode, string error)
    {
        error = error.Trim();
        return new InputException($"git {string.Join(' ', arguments.Take(2))} failed in {root}: {(error.Length > 0 ? error : "exit code " + exitCode)}");
    }

    private static (int ExitCode, string Output, string Error) Run(string root, string[] arguments)
    {
        using var git = new RunningGit(root, arguments);
        return git.Run(output => output.ReadToEnd());
    }

    /// <summary>
    /// A git command started now and read later. Its output is decoded as <see cref="SourceFiles.Decode(ReadOnlySpan{byte})"/>
    /// does (a BOM dropped, bad UTF-8 replaced) and read as it arrives, never collected as bytes first: a 2,000-file patch is
    /// 18 MB, and every copy of it made on the way is as large again for the collector.
    /// </summary>
    private sealed class RunningGit : IDisposable
    {
        private readonly string root;
        private readonly string[] arguments;
        private readonly Process process;
        private readonly Task<string> error;
        private bool ended;

        public RunningGit(string root, string[] arguments, IEnumerable<string>? settings = null)
        {
            this.root = root;
            this.arguments = arguments;
            var start = StartInfo(root, arguments, settings);
            start.StandardOutputEncoding = SourceFiles.LenientUtf8;
            process = Start(start);
            error = process.StandardError.ReadToEndAsync();
        }

        /// <summary>Runs git to the end, <paramref name="read"/> taking its output as it arrives.</summary>
        public (int ExitCode, T Output, string Error) Run<T>(Func<TextReader, T> read)
        {
            T output;
            try
            {
                output = read(process.StandardOutput);
            }
            catch
            {
                Stop();
                throw;
            }

            process.WaitForExit();
            ended = true;
            return (process.ExitCode, output, error.GetAwaiter().GetResult());
        }

        /// <summary>What git wrote, read by <paramref name="read"/>; a failure is an <see cref="InputException"/> with git's own words.</summary>
        public T Finish<T>(Func<TextReader, T> read)
        {
            var run = Run(read);
            return run.ExitCode == 0 ? run.Output : throw Failed(root, arguments, run.ExitCode, run.Error);
        }

        /// <summary>Stops git, which may still be writing, rather than reading it to the end.</summary>
        public void Stop()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
            ended = true;
        }

        /// <summary>Stops git when its output was never read (the review failed before it), so that it does not wait on a full pipe.</summary>
        public void Dispose()
        {
            if (!ended)
            {
                Stop();
            }

            process.Dispose();
        }
    }
}
