using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Languages.Text;

/// <summary>One text file handed to the analyzer: its text (whole, or rebuilt from hunks) and what changed.</summary>
public sealed record TextSource(string Path, string Text, ChangedLines ChangedLines);
