using System.ComponentModel;
using System.Diagnostics;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>
/// A range of the local repository (<c>BASE..HEAD</c> or <c>BASE...HEAD</c>), read with plumbing
/// commands only: nothing is checked out, built or run.
/// </summary>
internal static class GitRangeInput
{
    public static PullRequestSnapshot Load(string range, string root, int maxBytes)
    {
        var separator = range.Contains("...", StringComparison.Ordinal) ? "..." : "..";
        var parts = range.Split(separator);
        if (parts.Length != 2 || parts.Any(part => part.Length == 0 || part.StartsWith('-') || part.Any(char.IsWhiteSpace)))
        {
            throw new InputException($"--git expects BASE..HEAD (for example main..HEAD), not '{range}'");
        }

        var head = Git(root, "rev-parse", "--verify", "--quiet", parts[1] + "^{commit}").Trim();
        Git(root, "rev-parse", "--verify", "--quiet", parts[0] + "^{commit}");
        var diffText = Git(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--full-index", range, "--");
        IReadOnlyList<FileDiff> diffs;
        try
        {
            diffs = UnifiedDiffParser.Parse(diffText);
        }
        catch (PatchFormatException exception)
        {
            throw new InputException($"git diff produced a patch that could not be read: {exception.Message}", exception);
        }

        using var blobs = new GitBlobReader(root);
        var files = new List<ChangedFile>();
        foreach (var diff in diffs)
        {
            if (diff.IsBinary || diff.NewPath is null)
            {
                files.Add(ChangedFile.FromDiff(diff));
                continue;
            }

            var content = blobs.Read(head, diff.NewPath, maxBytes, out var skip);
            files.Add(skip is null ? ChangedFile.FromDiff(diff, content) : ChangedFile.FromDiff(diff) with { SkipReason = skip });
        }

        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in ContextPaths(root, head, files.Select(file => file.Path)))
        {
            if (blobs.Read(head, path, maxBytes, out _) is { } text)
            {
                context[path] = text;
            }
        }

        return new PullRequestSnapshot(files, head) { ContextFiles = context };
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

    internal static string Git(string root, params string[] arguments) => SourceFiles.Decode(GitBytes(root, arguments));

    internal static ProcessStartInfo StartInfo(string root, IEnumerable<string> arguments)
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

    private static byte[] GitBytes(string root, params string[] arguments)
    {
        using var process = Start(StartInfo(root, arguments));
        {
            using var output = new MemoryStream();
            var errorTask = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var error = errorTask.Result.Trim();
                throw new InputException($"git {string.Join(' ', arguments.Take(2))} failed in {root}: {(error.Length > 0 ? error : "exit code " + process.ExitCode)}");
            }

            return output.ToArray();
        }
    }
}
