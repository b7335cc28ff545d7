using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PrReviewBot.Benchmarks.RealChanges;

/// <summary>
/// A real change of an open-source project, packed by <c>scripts/real-change-bundle.sh</c> as a git
/// bundle of two commits (see README.md here): clone it, and <see cref="Range"/> is the change.
/// </summary>
public sealed record RealChange(string Name, string BundlePath)
{
    /// <summary>The range that reviews the change in a clone of the bundle.</summary>
    public const string Range = "HEAD~1..HEAD";

    /// <summary>Names (or the start of names) of the changes to run, comma-separated; all when unset.</summary>
    public const string SelectionVariable = "PRREVIEWBOT_REAL_CHANGES";

    public override string ToString() => Name;

    /// <summary>
    /// The bundles in the repository's RealChanges folder, C# then Python, smallest first, narrowed by
    /// <see cref="SelectionVariable"/> when it is set.
    /// </summary>
    public static IReadOnlyList<RealChange> Selected()
    {
        var wanted = Environment.GetEnvironmentVariable(SelectionVariable)?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return Directory.GetFiles(Folder(), "*.bundle")
            .Select(path => new RealChange(Path.GetFileNameWithoutExtension(path), path))
            .Where(change => wanted.Length == 0 || wanted.Any(name => change.Name.StartsWith(name, StringComparison.Ordinal)))
            .OrderBy(change => change.Name[..change.Name.IndexOf('-', StringComparison.Ordinal)], StringComparer.Ordinal)
            .ThenBy(change => int.Parse(change.Name[(change.Name.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>The folder of the bundles, found from wherever the benchmark runs inside the repository.</summary>
    public static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PrReviewBot.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "PrReviewBot.Benchmarks", "RealChanges");
            }
        }

        throw new InvalidOperationException($"run the benchmarks from inside the repository: no PrReviewBot.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Clones the bundle into <paramref name="folder"/> (nothing is checked out: <c>--git</c> reads the objects).</summary>
    public string CloneTo(string folder)
    {
        Git(Directory.GetCurrentDirectory(), "clone", "-q", "--no-checkout", BundlePath, folder);
        return folder;
    }

    /// <summary>Files, megabytes of head files and added lines of the change in a clone, as the README's tables count them.</summary>
    public static RealChangeSize Measure(string clone)
    {
        var files = Git(clone, "diff", "--name-only", "-z", "-M", "-C", Range).Count(character => character == '\0');
        var added = Git(clone, "diff", "--numstat", "-M", "-C", Range)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[..line.IndexOf('\t', StringComparison.Ordinal)])
            .Sum(count => int.TryParse(count, CultureInfo.InvariantCulture, out var lines) ? lines : 0);
        var changedPaths = Git(clone, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", Range)
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var bytes = 0L;
        foreach (var line in Git(clone, ["--literal-pathspecs", "ls-tree", "-r", "--long", "-z", "HEAD", "--", .. changedPaths]).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            bytes += fields[1] == "blob" ? long.Parse(fields[3].Split('\t')[0], CultureInfo.InvariantCulture) : 0;
        }

        return new RealChangeSize(files, bytes / 1e6, added);
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("the real-change benchmarks need git on the PATH to unpack their bundles", exception);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0
                ? output
                : throw new InvalidOperationException($"git {string.Join(' ', arguments.Take(3))} failed: {error.Result.Trim()}");
        }
    }
}

/// <summary>How big a real change is: changed files, megabytes (10^6 bytes) of their head versions, added lines.</summary>
public sealed record RealChangeSize(int Files, double Megabytes, int AddedLines);
