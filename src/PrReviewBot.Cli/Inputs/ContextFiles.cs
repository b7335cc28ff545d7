using PrReviewBot.Engine.Input;

namespace PrReviewBot.Cli.Inputs;

/// <summary>
/// Project files (<c>.editorconfig</c>, <c>*.csproj</c>, <c>Directory.Build.props</c>) that inform
/// the review, looked up in the folders of the changed files and their parents up to the root.
/// Read as text, never evaluated.
/// </summary>
internal static class ContextFiles
{
    public static Dictionary<string, string> For(string root, IEnumerable<string> changedPaths, int maxBytes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in changedPaths)
        {
            var folder = Path.GetDirectoryName(path.Replace('/', Path.DirectorySeparatorChar)) ?? string.Empty;
            while (visited.Add(folder))
            {
                var full = Path.Combine(root, folder);
                if (Directory.Exists(full))
                {
                    foreach (var file in Directory.EnumerateFiles(full))
                    {
                        var relative = SourceFiles.Relative(root, file);
                        if (PullRequestSnapshot.IsContextFile(relative) && SourceFiles.Read(file, maxBytes).Text is { } text)
                        {
                            result[relative] = text;
                        }
                    }
                }

                if (folder.Length == 0)
                {
                    break;
                }

                folder = Path.GetDirectoryName(folder) ?? string.Empty;
            }
        }

        return result;
    }
}
