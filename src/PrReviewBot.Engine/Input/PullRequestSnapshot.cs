namespace PrReviewBot.Engine.Input;

/// <summary>Everything the engine needs to review a change; built by the CLI or the GitHub loader.</summary>
/// <param name="Files">The changed files, in the order the diff lists them.</param>
/// <param name="HeadCommit">The commit reviewed, shown in the coverage footer when known.</param>
public sealed record PullRequestSnapshot(IReadOnlyList<ChangedFile> Files, string? HeadCommit = null);
