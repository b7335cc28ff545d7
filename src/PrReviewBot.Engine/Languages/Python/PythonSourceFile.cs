using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>One Python file handed to the analyzer: its text (whole, or rebuilt from hunks) and what changed.</summary>
public sealed record PythonSourceFile(string Path, string Text, ChangedLines ChangedLines, bool HasFullContent);
