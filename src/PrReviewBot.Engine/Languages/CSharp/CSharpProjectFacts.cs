namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// What the project files in the change set (or under <c>--root</c>) say about the C# project:
/// read as text from <c>*.csproj</c> and <c>Directory.Build.props</c>, never evaluated.
/// </summary>
/// <param name="NullableEnabled">A project file sets <c>&lt;Nullable&gt;enable&lt;/Nullable&gt;</c>.</param>
/// <param name="GeneratesDocumentation">A project file sets <c>&lt;GenerateDocumentationFile&gt;true&lt;/GenerateDocumentationFile&gt;</c>.</param>
public sealed record CSharpProjectFacts(bool NullableEnabled, bool GeneratesDocumentation)
{
    public static CSharpProjectFacts Unknown { get; } = new(false, false);

    /// <summary>The facts that apply to the C# file at <paramref name="path"/>, read from the project files by repository path.</summary>
    /// <param name="projectFiles"><c>*.csproj</c>, <c>Directory.Build.props</c> and <c>.editorconfig</c> texts by repository-relative path.</param>
    public static CSharpProjectFacts For(string path, IReadOnlyDictionary<string, string> projectFiles)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(projectFiles);
        var projects = projectFiles
            .Where(pair => !pair.Key.EndsWith(".editorconfig", StringComparison.Ordinal))
            .Select(pair => pair.Value)
            .ToArray();
        return new CSharpProjectFacts(
            projects.Any(content => content.Contains("<Nullable>enable</Nullable>", StringComparison.OrdinalIgnoreCase)),
            projects.Any(content => content.Contains("<GenerateDocumentationFile>true</GenerateDocumentationFile>", StringComparison.OrdinalIgnoreCase)));
    }
}
