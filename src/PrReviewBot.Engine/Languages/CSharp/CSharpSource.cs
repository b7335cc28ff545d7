using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>One C# file handed to the analyzer: its text (whole, or rebuilt from hunks) and what changed.</summary>
public sealed record CSharpSource(
    string Path,
    string Text,
    ChangedLines ChangedLines,
    bool HasFullContent,
    EditorConfigSettings EditorConfig)
{
    public CSharpProjectFacts Project { get; init; } = CSharpProjectFacts.Unknown;

    /// <summary>What the file is for (product, test, migration, …).</summary>
    public CodeRole Role { get; init; } = CodeRole.Product;

    /// <summary>The ids of the rules to run on the file; null for every enabled rule. A base version is read only with the rules that reported on its head.</summary>
    public IReadOnlySet<string>? OnlyRules { get; init; }
}
