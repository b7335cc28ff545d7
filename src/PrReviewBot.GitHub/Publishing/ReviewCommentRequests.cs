namespace PrReviewBot.GitHub.Publishing;

// Octokit 14's review models carry only the deprecated `position`; these records are the request
// bodies GitHub documents today (line, side, start_line, start_side), posted through IApiConnection.
// Octokit's serializer writes the property names in snake_case and leaves out null values.

/// <summary>One comment inside <c>POST /repos/{owner}/{repo}/pulls/{number}/reviews</c>.</summary>
public sealed record DraftReviewComment(string Path, string Body, int Line, string Side, int? StartLine, string? StartSide)
{
    public static DraftReviewComment From(InlinePlacement placement, string body)
    {
        ArgumentNullException.ThrowIfNull(placement);
        return new DraftReviewComment(placement.Path, body, placement.Line, "RIGHT", placement.StartLine, placement.StartLine is null ? null : "RIGHT");
    }
}

/// <summary>The body of <c>POST /repos/{owner}/{repo}/pulls/{number}/reviews</c>.</summary>
public sealed record NewReviewRequest(string CommitId, string Body, string Event, IReadOnlyList<DraftReviewComment> Comments);

/// <summary>The body of <c>POST /repos/{owner}/{repo}/pulls/{number}/comments</c>: one comment on its own.</summary>
public sealed record NewReviewCommentRequest(string CommitId, string Path, string Body, int Line, string Side, int? StartLine, string? StartSide)
{
    public static NewReviewCommentRequest From(string commitId, DraftReviewComment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new NewReviewCommentRequest(commitId, comment.Path, comment.Body, comment.Line, comment.Side, comment.StartLine, comment.StartSide);
    }
}
