using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>
/// Which unchanged context files a pull request's review can use: the CLI's rule (the context files
/// in the folders above the changed files, the root included), narrowed to what the engine reads.
/// Every reviewed source file takes the <c>.editorconfig</c> and <c>.gitattributes</c> files above it (its
/// indentation settings; whether it is marked generated or vendored); only C# files take the
/// <c>*.csproj</c> and <c>Directory.Build.props</c> files above them. Context files the pull request
/// changes or deletes are left out: the engine takes those from the change itself.
/// </summary>
internal sealed class ContextFileSelection
{
    private const string EditorConfig = ".editorconfig";
    private const string BuildProps = "Directory.Build.props";
    private const string Attributes = ".gitattributes";

    private readonly Dictionary<string, int> editorConfigFolders;
    private readonly Dictionary<string, int> projectFolders;
    private readonly HashSet<string> changed;
    private readonly string repositoryName;

    private ContextFileSelection(Dictionary<string, int> editorConfigFolders, Dictionary<string, int> projectFolders, HashSet<string> changed, string repositoryName)
    {
        this.editorConfigFolders = editorConfigFolders;
        this.projectFolders = projectFolders;
        this.changed = changed;
        this.repositoryName = repositoryName;
    }

    /// <summary>True when no changed file is reviewed as source, so no context file can matter.</summary>
    public bool IsEmpty => editorConfigFolders.Count == 0;

    /// <param name="files">The pull request's files as loaded: deleted files and files that went unreviewed need no context.</param>
    /// <param name="repositoryName">The repository's name, the usual name of a project file at its root.</param>
    public static ContextFileSelection For(IEnumerable<ChangedFile> files, string repositoryName)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(repositoryName);
        var editorConfigFolders = new Dictionary<string, int>(StringComparer.Ordinal);
        var projectFolders = new Dictionary<string, int>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            changed.Add(file.Path);
            if (file.Status == ChangeStatus.Deleted || file.SkipReason is not null || SourceLanguages.FromPath(file.Path) is not { } language)
            {
                continue;
            }

            foreach (var folder in FoldersAbove(file.Path))
            {
                Count(editorConfigFolders, folder);
                if (language == SourceLanguage.CSharp)
                {
                    Count(projectFolders, folder);
                }
            }
        }

        return new ContextFileSelection(editorConfigFolders, projectFolders, changed, repositoryName);
    }

    /// <summary>True for a file of the repository the review should read as context.</summary>
    public bool Wants(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (changed.Contains(path) || !PullRequestSnapshot.IsContextFile(path))
        {
            return false;
        }

        var folder = FolderOf(path);
        var name = NameOf(path);
        return name.Equals(EditorConfig, StringComparison.Ordinal) || name.Equals(Attributes, StringComparison.Ordinal)
            ? editorConfigFolders.ContainsKey(folder)
            : projectFolders.ContainsKey(folder);
    }

    /// <summary>
    /// When GitHub cannot list the whole tree: the paths worth asking for one by one, at most
    /// <paramref name="limit"/>. The wanted files the partial listing did show come first (they
    /// exist); then in each folder, most shared first, the names a context file there would have:
    /// <c>.editorconfig</c>, <c>Directory.Build.props</c> and the project file named after the
    /// folder (after the repository at the root), as <c>dotnet new</c> names it.
    /// </summary>
    public IReadOnlyList<string> Candidates(IEnumerable<string> listed, int limit)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var seen = listed.Where(Wants).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var guesses = editorConfigFolders
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .SelectMany(pair => GuessesIn(pair.Key));
        return seen.Concat(guesses.Where(Wants)).Distinct(StringComparer.Ordinal).Take(limit).ToList();
    }

    private IEnumerable<string> GuessesIn(string folder)
    {
        yield return Join(folder, EditorConfig);
        yield return Join(folder, Attributes);
        if (projectFolders.ContainsKey(folder))
        {
            yield return Join(folder, BuildProps);
            yield return Join(folder, (folder.Length == 0 ? repositoryName : NameOf(folder)) + ".csproj");
        }
    }

    /// <summary>The folders that hold <paramref name="path"/>, nearest first, ending with the root (<c>""</c>).</summary>
    private static IEnumerable<string> FoldersAbove(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            yield return path[..slash];
        }

        yield return string.Empty;
    }

    private static void Count(Dictionary<string, int> folders, string folder) =>
        folders[folder] = folders.GetValueOrDefault(folder) + 1;

    private static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
