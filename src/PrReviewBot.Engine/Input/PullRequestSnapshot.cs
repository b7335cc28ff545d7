using PrReviewBot.Engine.Configuration;

namespace PrReviewBot.Engine.Input;

/// <summary>Everything the engine needs to review a change; built by the CLI or the GitHub loader.</summary>
/// <param name="Files">The changed files, in the order the diff lists them.</param>
/// <param name="HeadCommit">The commit reviewed, shown in the coverage footer when known.</param>
public sealed record PullRequestSnapshot(IReadOnlyList<ChangedFile> Files, string? HeadCommit = null)
{
    /// <summary>
    /// Unchanged files that inform the review without being reviewed, by repository-relative path:
    /// <c>.editorconfig</c>, <c>.gitattributes</c>, <c>*.csproj</c>, <c>Directory.Build.props</c>. Changed versions in
    /// <see cref="Files"/> take precedence.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContextFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Reads a file's base version on demand, for a front door that can do so cheaply (the CLI reading
    /// its local repository). The engine asks only for the files with findings on added lines and only
    /// when <see cref="ChangedFile.OldContent"/> is null, so the other bases are never read or held.
    /// Returns null when there is none to read (binary, too large, missing).
    /// </summary>
    public Func<ChangedFile, string?>? ReadBaseVersion { get; init; }

    /// <summary>True for the files whose content the front doors should pass as context.</summary>
    public static bool IsContextFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Equals(".editorconfig", StringComparison.Ordinal)
            || GitAttributes.IsAttributesFile(path)
            || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase);
    }
}
