namespace PrReviewBot.Server.Commands;

/// <summary>
/// The <c>/review</c> command: a pull request comment whose first word is <c>/review</c>, and who may
/// give it: the repository's owner, members and collaborators, or anyone GitHub grants write,
/// maintain or admin.
/// </summary>
public static class ReviewCommand
{
    public const string Word = "/review";

    private static readonly HashSet<string> TrustedAssociations = new(StringComparer.OrdinalIgnoreCase) { "OWNER", "MEMBER", "COLLABORATOR" };
    private static readonly HashSet<string> WritePermissions = new(StringComparer.OrdinalIgnoreCase) { "admin", "maintain", "write" };

    public static bool IsCommand(string? body)
    {
        var text = body?.TrimStart();
        return text is not null
            && text.StartsWith(Word, StringComparison.OrdinalIgnoreCase)
            && (text.Length == Word.Length || char.IsWhiteSpace(text[Word.Length]));
    }

    /// <summary>True when the comment's author association alone grants the command.</summary>
    public static bool IsTrustedAssociation(string? association) => association is not null && TrustedAssociations.Contains(association);

    /// <summary>True for the collaborator permissions (or role names) that grant the command.</summary>
    public static bool GrantsReview(string? permission) => permission is not null && WritePermissions.Contains(permission);
}
