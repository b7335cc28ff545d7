using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>A finding the engine reports today on a real change, with the judgement that matches it (if any).</summary>
public sealed record JudgedFinding(RealWorldCase Case, Finding Finding, FindingKey Key, Judgement? Judgement)
{
    public Verdict? Verdict => Judgement?.Verdict;

    public string Location => $"{Case.Repository}@{Case.ShortCommit} {Finding.Path}:{Finding.StartLine}";

    /// <summary>The judgements-file line for this finding, with its verdict and reason when judged.</summary>
    public string ToLine() => (Judgement ?? new Judgement(Key, null, string.Empty)).ToLine();
}
