using System.Text.Json;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// What the pull request's commands have set: reviews paused, rules ignored. It lives in our summary comment as a
/// hidden marker (<c>&lt;!-- prreviewbot:state {...} --&gt;</c>), so it is kept where the review is, survives any
/// replica, and every review that edits the summary carries it on.
/// </summary>
public sealed record PullRequestState(bool Paused, IReadOnlyList<string> IgnoredRules)
{
    private const string MarkerStart = "<!-- prreviewbot:state ";
    private const string MarkerEnd = " -->";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PullRequestState None { get; } = new(false, []);

    public bool IsNone => !Paused && IgnoredRules.Count == 0;

    /// <summary>The hidden marker that carries this state; empty for <see cref="None"/>.</summary>
    public string Marker => IsNone ? string.Empty : MarkerStart + JsonSerializer.Serialize(new Stored(Paused, [.. IgnoredRules]), Json) + MarkerEnd;

    /// <summary>The state a comment body carries; <see cref="None"/> when it carries none or a broken one.</summary>
    public static PullRequestState Of(string? body)
    {
        if (body is null || MarkerIn(body) is not (int start, int end))
        {
            return None;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(body[(start + MarkerStart.Length)..(end - MarkerEnd.Length)], Json);
            return stored is null ? None : new PullRequestState(stored.Paused, stored.IgnoredRules ?? []);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>
    /// A summary comment's body (ending with the summary marker) carrying this state's marker in place of any earlier one,
    /// just before the summary marker, and cut to GitHub's limit with both markers kept.
    /// </summary>
    public string InSummary(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (MarkerIn(body) is (int start, int end))
        {
            body = body[..start] + body[end..].TrimStart('\n');
        }

        if (IsNone)
        {
            return GitHubLimits.Fit(body, SummaryWriter.Marker);
        }

        var at = body.LastIndexOf(SummaryWriter.Marker, StringComparison.Ordinal);
        body = at < 0 ? body.TrimEnd() + "\n" + Marker + "\n" : body[..at] + Marker + "\n" + body[at..];
        return GitHubLimits.Fit(body, Marker + "\n" + SummaryWriter.Marker);
    }

    /// <summary>Where a state marker starts and ends (just past its closing) in <paramref name="body"/>, if it has one.</summary>
    private static (int Start, int End)? MarkerIn(string body)
    {
        var start = body.IndexOf(MarkerStart, StringComparison.Ordinal);
        var end = start < 0 ? -1 : body.IndexOf(MarkerEnd, start + MarkerStart.Length, StringComparison.Ordinal);
        return end < 0 ? null : (start, end + MarkerEnd.Length);
    }

    private sealed record Stored(bool Paused, string[]? IgnoredRules);
}
