using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Languages.Text;

/// <summary>One text file handed to the analyzer: its text (whole, or rebuilt from hunks) and what changed.</summary>
public sealed record TextSource(string Path, string Text, ChangedLines ChangedLines)
{
    /// <summary>What the file is for (product, test, fixture, …).</summary>
    public CodeRole Role { get; init; } = CodeRole.Product;

    /// <summary>The ids of the rules to run on the file; null for every enabled rule. A base version is read only with the rules that reported on its head.</summary>
    public IReadOnlySet<string>? OnlyRules { get; init; }
}
