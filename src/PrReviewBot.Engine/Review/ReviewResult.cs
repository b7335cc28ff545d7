using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Review;

/// <summary>A file the engine reviewed.</summary>
/// <param name="AddedLines">Lines the change added (every line for whole files).</param>
/// <param name="WholeFile">True when the full new content was analysed; false when only the diff's hunks were.</param>
public sealed record ReviewedFile(string Path, SourceLanguage Language, int AddedLines, bool WholeFile);

/// <summary>A changed file in a language without its own rules, checked only by the rules for every text file.</summary>
public sealed record TextCheckedFile(string Path, int AddedLines);

/// <summary>A changed file the engine did not review, and why.</summary>
public sealed record SkippedFile(string Path, string Reason, SourceLanguage? Language)
{
    /// <summary>
    /// True when the repository asked for the file to be left out (configuration <c>exclude</c>, <c>.gitattributes</c>
    /// <c>linguist-generated</c> or <c>linguist-vendored</c>): left out by choice, so not a gap in the review.
    /// </summary>
    public bool Chosen { get; init; }

    /// <summary>A file of a reviewed language that the review could not read: what keeps a verdict or a check from claiming everything.</summary>
    public bool IsGap => Language is not null && !Chosen;
}

/// <summary>What the review covered: the basis of every claim the summary makes.</summary>
/// <param name="Problems">Things that went wrong inside the engine (a rule failing on a file); never hidden.</param>
public sealed record Coverage(
    IReadOnlyList<ReviewedFile> Reviewed,
    IReadOnlyList<SkippedFile> Skipped,
    IReadOnlyList<string> Problems,
    int UnchangedFiles)
{
    /// <summary>Files of other languages that only the every-file text rules (secrets, conflict markers, indentation) read.</summary>
    public IReadOnlyList<TextCheckedFile> TextOnly { get; init; } = [];

    /// <summary>The languages that had security rules to run: the ones a clean verdict can speak for.</summary>
    public IReadOnlyList<SourceLanguage> ReviewedLanguages { get; init; } = [];

    /// <summary>
    /// Modified or renamed files with findings whose base version was not given: whether those
    /// findings were already there before the change could not be checked. A front door that can
    /// read base versions fetches these (and only these) and reviews again.
    /// </summary>
    public IReadOnlyList<string> BaseMissing { get; init; } = [];

    /// <summary>
    /// True when the security rules ran on every changed file of a supported language: the only
    /// condition under which the summary may say "No security defects are detected in the code."
    /// </summary>
    public bool SecurityComplete => Reviewed.Count > 0 && !Skipped.Any(file => file.IsGap) && Problems.Count == 0;

    public int AddedLines => Reviewed.Sum(file => file.AddedLines);
}

/// <summary>The engine's answer: findings on added lines, ordered as the summary shows them, and the coverage.</summary>
public sealed record ReviewResult(
    IReadOnlyList<Finding> Findings,
    Coverage Coverage,
    IReadOnlyList<RuleDescriptor> Rules,
    string? HeadCommit)
{
    /// <summary>Coverage was complete and at least one security rule was enabled.</summary>
    public bool SecurityComplete => Coverage.SecurityComplete && Rules.Any(rule => rule.Category == Category.Security);

    public IEnumerable<Finding> Security => Findings.Where(finding => finding.Category == Category.Security);

    public IEnumerable<Finding> Suggestions => Findings.Where(finding => finding.Category != Category.Security);

    /// <summary>True when a finding is at or above the threshold (null never fails).</summary>
    public bool Fails(Severity? threshold) => threshold is { } level && Findings.Any(finding => finding.Severity >= level);
}
