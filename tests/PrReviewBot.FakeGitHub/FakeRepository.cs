using System.Text;

namespace PrReviewBot.FakeGitHub;

/// <summary>An account as GitHub shows it on comments: <c>User</c> or <c>Bot</c>.</summary>
public sealed record FakeUser(string Login, string Type = "User");

/// <summary>
/// A file of a pull request as the files list returns it; <see cref="HeadText"/> is what the
/// contents API serves at the head, <see cref="BaseText"/> what it serves at the merge base
/// (under <see cref="PreviousPath"/> for a rename).
/// </summary>
public sealed record FakeFile(string Path, string Status, string? Patch, int Additions, int Deletions, string? HeadText, string? PreviousPath = null)
{
    public string? BaseText { get; init; }

    /// <summary>A changed file: its patch is one hunk from the first to the last changed line, with three lines of context, as git makes it.</summary>
    public static FakeFile Modified(string path, string before, string after) => Changed(path, "modified", before, after, previousPath: null);

    /// <summary>A file moved from <paramref name="previousPath"/> and changed on the way.</summary>
    public static FakeFile Renamed(string previousPath, string path, string before, string after) => Changed(path, "renamed", before, after, previousPath);

    private static FakeFile Changed(string path, string status, string before, string after, string? previousPath)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        string[] Lines(string text) => text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
        var old = Lines(before);
        var @new = Lines(after);
        var prefix = 0;
        while (prefix < old.Length && prefix < @new.Length && old[prefix] == @new[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Length - prefix && suffix < @new.Length - prefix && old[^(suffix + 1)] == @new[^(suffix + 1)])
        {
            suffix++;
        }

        const int Context = 3;
        var start = Math.Max(0, prefix - Context);
        var trailing = Math.Min(suffix, Context);
        var oldCount = old.Length - suffix + trailing - start;
        var newCount = @new.Length - suffix + trailing - start;
        var patch = new StringBuilder().Append("@@ -").Append(start + 1).Append(',').Append(oldCount).Append(" +").Append(start + 1).Append(',').Append(newCount).Append(" @@");
        foreach (var line in old[start..prefix])
        {
            patch.Append("\n ").Append(line);
        }

        foreach (var line in old[prefix..(old.Length - suffix)])
        {
            patch.Append("\n-").Append(line);
        }

        foreach (var line in @new[prefix..(@new.Length - suffix)])
        {
            patch.Append("\n+").Append(line);
        }

        foreach (var line in old[(old.Length - suffix)..(old.Length - suffix + trailing)])
        {
            patch.Append("\n ").Append(line);
        }

        return new FakeFile(path, status, patch.ToString(), @new.Length - suffix - prefix, old.Length - suffix - prefix, after, previousPath) { BaseText = before };
    }

    /// <summary>A new file: its patch is one hunk adding every line.</summary>
    public static FakeFile Added(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        var patch = new StringBuilder().Append("@@ -0,0 +1,").Append(lines.Length).Append(" @@");
        foreach (var line in lines)
        {
            patch.Append("\n+").Append(line);
        }

        return new FakeFile(path, "added", patch.ToString(), lines.Length, 0, text);
    }

    /// <summary>A file GitHub lists without a patch, as it does for binary files and very large diffs.</summary>
    public static FakeFile WithoutPatch(string path, int additions) => new(path, "modified", null, additions, 0, null);

    /// <summary>A changed file GitHub lists without a patch because its diff is too large; both versions can be read.</summary>
    public static FakeFile WithoutPatch(string path, string? before, string after) =>
        (before is null ? Added(path, after) : Modified(path, before, after)) with { Patch = null };
}

public sealed class FakeIssueComment
{
    public required long Id { get; init; }
    public required int IssueNumber { get; init; }
    public required FakeUser User { get; init; }
    public required string Body { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Edits { get; set; }
}

public sealed class FakeReviewComment
{
    public required long Id { get; init; }
    public required int PullNumber { get; init; }
    public long? ReviewId { get; init; }
    public required string CommitId { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public int? StartLine { get; init; }
    public required string Side { get; init; }
    public required string Body { get; set; }
    public required FakeUser User { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Edits { get; set; }

    /// <summary>Whether the review thread this comment starts is resolved (GraphQL <c>resolveReviewThread</c>).</summary>
    public bool ThreadResolved { get; set; }

    /// <summary>Who resolved or unresolved the thread last; null when nobody did.</summary>
    public string? ThreadResolvedBy { get; set; }
}

public sealed record FakeReview(long Id, int PullNumber, string CommitId, string Body, string Event, FakeUser User, IReadOnlyList<long> CommentIds);

public sealed record FakeAnnotation(string Path, int StartLine, int EndLine, string Level, string Message, string? Title);

public sealed class FakeCheckRun
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string HeadSha { get; init; }
    public string? ExternalId { get; init; }
    public string? Status { get; set; }
    public string? Conclusion { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public List<FakeAnnotation> Annotations { get; } = [];

    /// <summary>How many annotations each create or update request carried (GitHub takes at most 50).</summary>
    public List<int> AnnotationBatches { get; } = [];
}

public sealed record FakeReaction(long Id, long CommentId, string Content, FakeUser User);

/// <summary>A pull request: its head, its files, and the lines GitHub refuses comments on although they are in the patch.</summary>
public sealed class FakePullRequest
{
    public required int Number { get; init; }
    public required string HeadSha { get; set; }
    public string BaseRef { get; init; } = "main";

    /// <summary>The base branch's commit, as <c>base.sha</c> reports it.</summary>
    public string BaseSha { get; set; } = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

    /// <summary>Where the branch left the base: the compare API's <c>merge_base_commit</c>; the files' <see cref="FakeFile.BaseText"/> live here.</summary>
    public string MergeBaseSha { get; set; } = "ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e";
    public string State { get; set; } = "open";
    public bool Draft { get; set; }
    public string Title { get; init; } = "A change";
    public FakeUser Author { get; init; } = new("octocat");
    public IReadOnlyList<FakeFile> Files { get; set; } = [];

    /// <summary>Lines (path, line) GitHub answers 422 for, as when the diff it holds moved since the patch was read.</summary>
    public HashSet<(string Path, int Line)> RefusedLines { get; } = [];

    /// <summary>Every head this pull request has had, oldest first.</summary>
    public List<string> Heads { get; } = [];

    /// <summary>The files the pull request listed at each of its heads.</summary>
    public Dictionary<string, IReadOnlyList<FakeFile>> FilesAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The base commits <c>base.sha</c> named before, each with the merge base it had then.</summary>
    public Dictionary<string, string> FormerBases { get; } = new(StringComparer.Ordinal);

    /// <summary>Heads a force-push made: the heads before them are not their ancestors.</summary>
    public HashSet<string> Rewrites { get; } = new(StringComparer.Ordinal);
}

/// <summary>A repository with its installation, its collaborators' permissions, contents per ref, and everything posted on it.</summary>
public sealed class FakeRepository
{
    private readonly Dictionary<string, Dictionary<string, byte[]>> contents = new(StringComparer.Ordinal);

    public required string Owner { get; init; }
    public required string Name { get; init; }
    public required long InstallationId { get; init; }
    public string DefaultBranch { get; init; } = "main";
    public long Id { get; init; }

    /// <summary>login → role (<c>admin</c>, <c>maintain</c>, <c>write</c>, <c>triage</c>, <c>read</c>).</summary>
    public Dictionary<string, string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<int, FakePullRequest> PullRequests { get; } = [];
    public List<FakeIssueComment> IssueComments { get; } = [];
    public List<FakeReviewComment> ReviewComments { get; } = [];
    public List<FakeReview> Reviews { get; } = [];
    public List<FakeCheckRun> CheckRuns { get; } = [];
    public List<FakeReaction> Reactions { get; } = [];

    public string FullName => $"{Owner}/{Name}";

    public void SetContent(string reference, string path, string text) => SetContent(reference, path, Encoding.UTF8.GetBytes(text));

    public void SetContent(string reference, string path, byte[] bytes)
    {
        if (!contents.TryGetValue(reference, out var files))
        {
            contents[reference] = files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        }

        files[path] = bytes;
    }

    public byte[]? Content(string reference, string path) =>
        contents.TryGetValue(reference, out var files) && files.TryGetValue(path, out var bytes) ? bytes : null;

    /// <summary>Every file at <paramref name="reference"/> by path; null when nothing was stored there.</summary>
    public IReadOnlyDictionary<string, byte[]>? ContentsAt(string reference) =>
        contents.TryGetValue(reference, out var files) ? files : null;

    /// <summary>How many entries a tree listing holds before it is cut and marked truncated (GitHub: 100,000).</summary>
    public int MaxTreeEntries { get; set; } = 100_000;
}
