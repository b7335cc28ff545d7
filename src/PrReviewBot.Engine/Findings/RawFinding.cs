namespace PrReviewBot.Engine.Findings;

/// <summary>A finding as a rule reports it, before the engine filters it by the diff and fingerprints it.</summary>
public sealed record RawFinding(RuleDescriptor Rule, string Path, int StartLine, int EndLine, string Message, string? Replacement)
{
    /// <summary>
    /// The enclosing declaration (<c>Namespace.Type.Member</c>, <c>Class.method</c>), null at file level.
    /// With the rule and the flagged code it tells whether the base version already had this finding.
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>The severity of this finding; the rule's unless the code's role lowers it (a known token format in a test).</summary>
    public Severity Severity { get; init; } = Rule.Severity;
}
