namespace PrReviewBot.Engine.Findings;

/// <summary>
/// One thing a rule found, tied to lines of the new file.
/// </summary>
/// <param name="Rule">The rule that reported it.</param>
/// <param name="Path">Repository-relative path with forward slashes.</param>
/// <param name="StartLine">1-based first line in the new file.</param>
/// <param name="EndLine">1-based last line (inclusive), at least <paramref name="StartLine"/>.</param>
/// <param name="Message">What is wrong here, naming the real identifiers or values.</param>
/// <param name="Replacement">
/// When the fix is mechanical: the full text that replaces lines StartLine..EndLine
/// (without a trailing newline). Used for GitHub suggestion blocks.
/// </param>
/// <param name="Fingerprint">Stable identity that survives the code moving to other lines.</param>
public sealed record Finding(
    RuleDescriptor Rule,
    string Path,
    int StartLine,
    int EndLine,
    string Message,
    string? Replacement,
    string Fingerprint)
{
    public Category Category => Rule.Category;

    /// <summary>The rule's severity unless the engine lowered it for this finding (a credential format in test code).</summary>
    public Severity Severity { get; init; } = Rule.Severity;
}
