namespace PrReviewBot.GitHub.Publishing;

/// <summary>Limits GitHub enforces on what we write.</summary>
public static class GitHubLimits
{
    /// <summary>The longest body of a comment, review or check run summary.</summary>
    public const int MaxBodyLength = 65_536;

    /// <summary>Comments per review we post: keeps each review request small and within secondary limits.</summary>
    public const int CommentsPerReview = 30;

    /// <summary>Annotations GitHub accepts in one check run request.</summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>Cuts a body to GitHub's limit, saying so, and keeps a trailing hidden marker intact.</summary>
    public static string Fit(string body, string? marker = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length <= MaxBodyLength)
        {
            return body;
        }

        const string cut = "\n\n…(cut to fit GitHub's limit)\n";
        var tail = marker is null ? string.Empty : "\n" + marker + "\n";
        return body[..(MaxBodyLength - cut.Length - tail.Length - 1)] + cut + tail;
    }
}
