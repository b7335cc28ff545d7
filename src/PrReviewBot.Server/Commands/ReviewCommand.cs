namespace PrReviewBot.Server.Commands;

/// <summary>
/// Who may give the commands (<see cref="PullRequestCommand"/>): the repository's owner, members and
/// collaborators, or anyone GitHub grants write, maintain or admin.
/// </summary>
public static class ReviewCommand
{
    public const string Word = "/review";

    private static readonly HashSet<string> TrustedAssociations = new(StringComparer.OrdinalIgnoreCase) { "OWNER", "MEMBER", "COLLABORATOR" };
    private static readonly HashSet<string> WritePermissions = new(StringComparer.OrdinalIgnoreCase) { "admin", "maintain", "write" };

    public static bool IsCommand(string? body) => PullRequestCommand.Parse(body) is not null;

    /// <summary>True when the comment's author association alone grants the command.</summary>
    public static bool IsTrustedAssociation(string? association) => association is not null && TrustedAssociations.Contains(association);

    /// <summary>True for the collaborator permissions (or role names) that grant the command.</summary>
    public static bool GrantsReview(string? permission) => permission is not null && WritePermissions.Contains(permission);
}
