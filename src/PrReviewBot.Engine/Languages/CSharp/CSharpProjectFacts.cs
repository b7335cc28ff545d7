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
}
