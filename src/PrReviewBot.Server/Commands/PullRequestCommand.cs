namespace PrReviewBot.Server.Commands;

public enum CommandKind
{
    /// <summary><c>/review</c>: a fresh review.</summary>
    Review,

    /// <summary><c>/review full</c>: a fresh review of every file of the pull request.</summary>
    ReviewFull,

    /// <summary><c>/prreviewbot help</c> (or an unknown <c>/prreviewbot</c> word): a reply listing the commands.</summary>
    Help,

    /// <summary><c>/prreviewbot ignore RULE-ID</c>: the rule stays quiet on this pull request.</summary>
    Ignore,

    /// <summary><c>/prreviewbot pause</c>: no reviews on this pull request until resumed.</summary>
    Pause,

    /// <summary><c>/prreviewbot resume</c>: reviews again, starting with one now.</summary>
    Resume,
}

/// <summary>A command in a pull request comment: its first line, <c>/review …</c> or <c>/prreviewbot …</c>.</summary>
/// <param name="Argument">The rule id of <see cref="CommandKind.Ignore"/>; otherwise null.</param>
public sealed record PullRequestCommand(CommandKind Kind, string? Argument = null)
{
    public const string Bot = "/prreviewbot";

    /// <summary>The reply to <c>/prreviewbot help</c>.</summary>
    public const string Help = """
        **PrReviewBot commands** (from anyone with write access to the repository):

        - `/review`: review the pull request again now.
        - `/review full`: review every file of the pull request again, not only what changed since the last review.
        - `/prreviewbot ignore RULE-ID`: keep that rule quiet on this pull request (the summary says so).
        - `/prreviewbot pause`: no reviews on this pull request until `/prreviewbot resume`.
        - `/prreviewbot resume`: review again, starting now.
        - `/prreviewbot help`: this list.

        Rule ids are listed in the summary's findings and in the project's README.
        """;

    /// <summary>A comment's first non-blank line, where a command is written; empty for an empty comment.</summary>
    public static string FirstLine(string? body) => body?.TrimStart().Split('\n', 2)[0].Trim() ?? string.Empty;

    /// <summary>The command the comment gives, or null when its first line is not one.</summary>
    public static PullRequestCommand? Parse(string? body)
    {
        var line = FirstLine(body);
        if (line.Length == 0)
        {
            return null;
        }

        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words[0].Equals(ReviewCommand.Word, StringComparison.OrdinalIgnoreCase))
        {
            return new PullRequestCommand(words.Length > 1 && words[1].Equals("full", StringComparison.OrdinalIgnoreCase) ? CommandKind.ReviewFull : CommandKind.Review);
        }

        if (!words[0].Equals(Bot, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return (words.Length > 1 ? words[1].ToLowerInvariant() : "help") switch
        {
            "ignore" when words.Length > 2 => new PullRequestCommand(CommandKind.Ignore, words[2]),
            "pause" => new PullRequestCommand(CommandKind.Pause),
            "resume" => new PullRequestCommand(CommandKind.Resume),
            _ => new PullRequestCommand(CommandKind.Help),
        };
    }
}
