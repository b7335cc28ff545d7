using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>Files and folders named on the command line: every line of every file counts as changed.</summary>
internal static class PathInput
{
    public static PullRequestSnapshot Load(IReadOnlyList<string> paths, string root, int maxBytes)
    {
        var files = new List<ChangedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                foreach (var file in Walk(full))
                {
                    Add(file);
                }
            }
            else if (File.Exists(full))
            {
                Add(full);
            }
            else
            {
                throw new InputException($"no such file or directory: {path}");
            }
        }

        return new PullRequestSnapshot(files) { ContextFiles = ContextFiles.For(root, files.Select(file => file.Path), maxBytes) };

        void Add(string full)
        {
            var relative = SourceFiles.Relative(root, full);
            if (!seen.Add(relative))
            {
                return;
            }

            var (text, skip) = SourceFiles.Read(full, maxBytes);
            files.Add(text is null
                ? new ChangedFile(relative, Engine.Diffs.ChangeStatus.Added, [], EveryLineChanged: true, SkipReason: skip)
                : ChangedFile.WholeFile(relative, text));
        }
    }

    /// <summary>Every file under the folder in a stable order, skipping build output and VCS folders.</summary>
    public static IEnumerable<string> Walk(string directory)
    {
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current).Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(current).Order(StringComparer.Ordinal).Reverse())
            {
                var name = Path.GetFileName(child);
                var attributes = File.GetAttributes(child);
                if (!SourceFiles.SkippedFolders.Contains(name) && !attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
