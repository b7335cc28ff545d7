namespace PrReviewBot.GitHub.Snapshots;

/// <summary>Which pull request, and the installation that may act on it.</summary>
public sealed record PullRequestTarget(long InstallationId, string Owner, string Repository, int Number)
{
    public override string ToString() => $"{Owner}/{Repository}#{Number}";
}
