namespace PrReviewBot.Engine.Findings;

/// <summary>A finding as a rule reports it, before the engine filters it by the diff and fingerprints it.</summary>
public sealed record RawFinding(RuleDescriptor Rule, string Path, int StartLine, int EndLine, string Message, string? Replacement);
