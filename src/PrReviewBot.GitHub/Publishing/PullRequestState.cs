using System.Text.Json;

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
        var start = body?.IndexOf(MarkerStart, StringComparison.Ordinal) ?? -1;
        var end = start < 0 ? -1 : body!.IndexOf(MarkerEnd, start + MarkerStart.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            return None;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(body![(start + MarkerStart.Length)..end], Json);
            return stored is null ? None : new PullRequestState(stored.Paused, stored.IgnoredRules ?? []);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>The body with this state's marker in place of any earlier one, just before <paramref name="before"/> when it is there.</summary>
    public string Into(string body, string before)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = body.IndexOf(MarkerStart, StringComparison.Ordinal);
        var end = start < 0 ? -1 : body.IndexOf(MarkerEnd, start + MarkerStart.Length, StringComparison.Ordinal);
        if (end >= 0)
        {
            body = body[..start] + body[(end + MarkerEnd.Length)..].TrimStart('\n');
        }

        if (IsNone)
        {
            return body;
        }

        var at = body.LastIndexOf(before, StringComparison.Ordinal);
        return at < 0 ? body.TrimEnd() + "\n" + Marker + "\n" : body[..at] + Marker + "\n" + body[at..];
    }

    private sealed record Stored(bool Paused, string[]? IgnoredRules);
}
