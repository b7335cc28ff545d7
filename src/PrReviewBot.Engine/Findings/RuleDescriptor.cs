namespace PrReviewBot.Engine.Findings;

/// <summary>
/// What a rule is: its stable id, the group it belongs to, how severe its findings are,
/// why it matters and how to fix what it finds. Shown in SARIF <c>tool.driver.rules</c>.
/// </summary>
/// <param name="Id">Stable id such as <c>cs/sql-injection</c>; never renamed once shipped.</param>
/// <param name="Title">A short noun phrase: "SQL built from non-constant strings".</param>
/// <param name="Why">One or two sentences on the risk or the cost to readers.</param>
/// <param name="Fix">One or two sentences on the usual fix.</param>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    Category Category,
    Severity Severity,
    string Why,
    string Fix)
{
    /// <summary>
    /// True for rules that judge a whole file's style (indentation against the file or
    /// <c>.editorconfig</c>): the engine reports them once per file and cause, and only when the
    /// change made the file worse than its base version.
    /// </summary>
    public bool JudgesWholeFile { get; init; }
}
