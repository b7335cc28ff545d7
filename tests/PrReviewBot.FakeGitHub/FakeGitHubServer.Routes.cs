using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PrReviewBot.FakeGitHub;

// The REST endpoints the App uses, answered the way GitHub documents them.
public sealed partial class FakeGitHubServer
{
    private const int MaxListedFiles = 3000;
    private const int MaxAnnotationsPerRequest = 50;
    private static readonly string[] LineNotResolved = ["Line could not be resolved"];

    private void MapApi(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/app", () => Ok(new { Id = AppId, Slug = AppSlug, Name = "PrReviewBot (test)", Owner = UserJson(new FakeUser("prreviewbot-org", "Organization")) }));
        routes.MapPost("/app/installations/{installationId:long}/access_tokens", (long installationId) => IssueToken(installationId));

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}", (string owner, string repo, int number, HttpContext context) =>
            WithPull(owner, repo, number, (repository, pull) => Ok(PullJson(context, repository, pull))));
        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/files", (string owner, string repo, int number, HttpContext context) =>
            WithPull(owner, repo, number, (_, pull) => Page(context, pull.Files.Take(MaxListedFiles).Select(FileJson).ToList())));
        routes.MapGet("/repos/{owner}/{repo}/compare/{basehead}", (string owner, string repo, string basehead) =>
            WithRepository(owner, repo, repository => Compare(repository, Uri.UnescapeDataString(basehead))));
        routes.MapGet("/repos/{owner}/{repo}/git/trees/{sha}", (string owner, string repo, string sha, HttpContext context) =>
            WithRepository(owner, repo, repository => Tree(context, repository, Uri.UnescapeDataString(sha))));
        routes.MapGet("/repos/{owner}/{repo}/contents/{**path}", (string owner, string repo, string path, HttpContext context) =>
            WithRepository(owner, repo, repository => Contents(context, repository, Uri.UnescapeDataString(path))));
        MapArchives(routes);

        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/comments", (string owner, string repo, int number, HttpContext context) =>
            WithPull(owner, repo, number, (repository, pull) => Page(context, repository.ReviewComments.Where(comment => comment.PullNumber == pull.Number).Select(ReviewCommentJson).ToList())));
        routes.MapPost("/repos/{owner}/{repo}/pulls/{number:int}/comments", (string owner, string repo, int number, RequestJson body) =>
            WithPull(owner, repo, number, (repository, pull) => CreateReviewComment(repository, pull, body.Value)));
        routes.MapPatch("/repos/{owner}/{repo}/pulls/comments/{id:long}", (string owner, string repo, long id, RequestJson body) =>
            WithRepository(owner, repo, repository => EditReviewComment(repository, id, body.Value)));
        routes.MapGet("/repos/{owner}/{repo}/pulls/{number:int}/reviews", (string owner, string repo, int number, HttpContext context) =>
            WithPull(owner, repo, number, (repository, pull) => Page(context, repository.Reviews.Where(review => review.PullNumber == pull.Number).Select(ReviewJson).ToList())));
        routes.MapPost("/repos/{owner}/{repo}/pulls/{number:int}/reviews", (string owner, string repo, int number, RequestJson body) =>
            WithPull(owner, repo, number, (repository, pull) => CreateReview(repository, pull, body.Value)));

        routes.MapGet("/repos/{owner}/{repo}/issues/{number:int}/comments", (string owner, string repo, int number, HttpContext context) =>
            WithRepository(owner, repo, repository => Page(context, repository.IssueComments.Where(comment => comment.IssueNumber == number).Select(IssueCommentJson).ToList())));
        routes.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", (string owner, string repo, int number, RequestJson body) =>
            WithPull(owner, repo, number, (repository, pull) => CreateIssueComment(repository, pull, body.Value)));
        routes.MapPatch("/repos/{owner}/{repo}/issues/comments/{id:long}", (string owner, string repo, long id, RequestJson body) =>
            WithRepository(owner, repo, repository => EditIssueComment(repository, id, body.Value)));
        routes.MapDelete("/repos/{owner}/{repo}/issues/comments/{id:long}", (string owner, string repo, long id) =>
            WithRepository(owner, repo, repository => repository.IssueComments.RemoveAll(comment => comment.Id == id) > 0 ? Results.NoContent() : NotFound()));
        routes.MapPost("/repos/{owner}/{repo}/issues/comments/{id:long}/reactions", (string owner, string repo, long id, RequestJson body) =>
            WithRepository(owner, repo, repository => React(repository, id, body.Value)));

        routes.MapGet("/repos/{owner}/{repo}/collaborators/{login}/permission", (string owner, string repo, string login) =>
            WithRepository(owner, repo, repository => Permission(repository, login)));

        routes.MapPost("/repos/{owner}/{repo}/check-runs", (string owner, string repo, RequestJson body) =>
            WithRepository(owner, repo, repository => CreateCheckRun(repository, body.Value)));
        routes.MapGet("/repos/{owner}/{repo}/commits/{reference}/check-runs", (string owner, string repo, string reference, HttpContext context) =>
            WithRepository(owner, repo, repository => CheckRunsFor(context, repository, Uri.UnescapeDataString(reference))));
        routes.MapGet("/repos/{owner}/{repo}/check-runs/{id:long}", (string owner, string repo, long id) =>
            WithRepository(owner, repo, repository => repository.CheckRuns.FirstOrDefault(run => run.Id == id) is { } run ? Ok(CheckRunJson(run)) : NotFound()));
        routes.MapPatch("/repos/{owner}/{repo}/check-runs/{id:long}", (string owner, string repo, long id, RequestJson body) =>
            WithRepository(owner, repo, repository => UpdateCheckRun(repository, id, body.Value)));
    }

    private IResult IssueToken(long installationId)
    {
        lock (gate)
        {
            if (repositories.All(repository => repository.InstallationId != installationId))
            {
                return NotFound();
            }

            var token = "ghs_" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
            var expiresAt = DateTimeOffset.UtcNow + TokenLifetime;
            tokens[token] = (installationId, expiresAt);
            return Results.Json(new { Token = token, ExpiresAt = expiresAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Permissions = new { PullRequests = "write" } }, Json, statusCode: 201);
        }
    }

    private IResult WithRepository(string owner, string repo, Func<FakeRepository, IResult> answer)
    {
        lock (gate)
        {
            return Find(owner, repo) is { } repository ? answer(repository) : NotFound();
        }
    }

    private IResult WithPull(string owner, string repo, int number, Func<FakeRepository, FakePullRequest, IResult> answer) =>
        WithRepository(owner, repo, repository => repository.PullRequests.TryGetValue(number, out var pull) ? answer(repository, pull) : NotFound());

    private static IResult Contents(HttpContext context, FakeRepository repository, string path)
    {
        var reference = context.Request.Query["ref"].ToString();
        var bytes = repository.Content(reference.Length > 0 ? reference : repository.DefaultBranch, path);
        if (bytes is null)
        {
            return NotFound();
        }

        // GitHub answers a raw request with the media type it was asked for.
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains(".raw", StringComparison.Ordinal)
            ? Results.Bytes(bytes, accept.Contains("v3.raw", StringComparison.Ordinal) ? "application/vnd.github.v3.raw; charset=utf-8" : "application/vnd.github.raw; charset=utf-8")
            : Ok(new { Type = "file", Path = path, Name = System.IO.Path.GetFileName(path), Size = bytes.Length, Encoding = "base64", Content = Convert.ToBase64String(bytes) });
    }

    /// <summary>
    /// The tree of a commit: its files and (with <c>recursive</c>) the folders between, with paths
    /// from the root and git's blob hashes. Without <c>recursive</c>, only the root's entries.
    /// Past <see cref="FakeRepository.MaxTreeEntries"/> entries the list is cut and marked
    /// <c>truncated</c>, as GitHub does past 100,000 entries or 7 MB.
    /// </summary>
    private static IResult Tree(HttpContext context, FakeRepository repository, string reference)
    {
        var files = repository.ContentsAt(reference);
        if (files is null && !repository.PullRequests.Values.Any(pull => pull.Heads.Contains(reference)))
        {
            return NotFound();
        }

        files ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var recursive = context.Request.Query.ContainsKey("recursive");
        var folders = files.Keys
            .SelectMany(path => Enumerable.Range(0, path.Length).Where(index => path[index] == '/').Select(index => path[..index]))
            .Distinct(StringComparer.Ordinal);
        var entries = files.Select(pair => (Path: pair.Key, Bytes: (byte[]?)pair.Value))
            .Concat(folders.Select(folder => (Path: folder, Bytes: (byte[]?)null)))
            .Where(entry => recursive || !entry.Path.Contains('/', StringComparison.Ordinal))
            .OrderBy(entry => entry.Path, StringComparer.Ordinal)
            .ToList();
        var truncated = entries.Count > repository.MaxTreeEntries;
        var api = $"{context.Request.Scheme}://{context.Request.Host}/repos/{repository.FullName}/git";
        return Ok(new
        {
            Sha = reference,
            Url = $"{api}/trees/{reference}",
            Tree = entries.Take(repository.MaxTreeEntries).Select(entry => entry.Bytes is { } bytes
                ? (object)new { entry.Path, Mode = "100644", Type = "blob", Sha = BlobSha(bytes), Size = bytes.Length, Url = $"{api}/blobs/{BlobSha(bytes)}" }
                : new { entry.Path, Mode = "040000", Type = "tree", Sha = BlobSha(System.Text.Encoding.UTF8.GetBytes(entry.Path)), Url = $"{api}/trees/{entry.Path}" }).ToList(),
            Truncated = truncated,
        });
    }

    /// <summary>git's object id of a blob: SHA-1 of <c>blob SIZE\0</c> and the bytes.</summary>
    private static string BlobSha(byte[] bytes)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"blob {bytes.Length.ToString(CultureInfo.InvariantCulture)}\0");
#pragma warning disable CA5350 // git names objects by SHA-1; this is an id, not a security measure.
        return Convert.ToHexString(System.Security.Cryptography.SHA1.HashData([.. header, .. bytes])).ToLowerInvariant();
#pragma warning restore CA5350
    }

    /// <summary>
    /// <c>BASE...HEAD</c> as GitHub answers it, for two cases. A pull request's base (or a former one) and one of its
    /// heads: the <c>merge_base_commit</c> (as it was with that base), the lists empty (the App reads only that). Two heads of one pull request: <c>ahead</c>
    /// with the files that differ between them (patches between their texts) when no force-push came between,
    /// else <c>diverged</c>; <c>behind</c> or <c>identical</c> the other way round. Anything else is 404.
    /// </summary>
    private static IResult Compare(FakeRepository repository, string basehead)
    {
        var parts = basehead.Split("...");
        if (parts.Length != 2)
        {
            return NotFound();
        }

        var url = $"https://api.github.com/repos/{repository.FullName}/compare/{basehead}";
        var html = $"https://github.com/{repository.FullName}/compare/{basehead}";
        if (repository.PullRequests.Values.FirstOrDefault(candidate => (candidate.BaseSha == parts[0] || candidate.FormerBases.ContainsKey(parts[0])) && candidate.Heads.Contains(parts[1])) is { } pull)
        {
            return Ok(new
            {
                Url = url,
                HtmlUrl = html,
                BaseCommit = CommitJson(parts[0]),
                MergeBaseCommit = CommitJson(pull.FormerBases.GetValueOrDefault(parts[0], pull.MergeBaseSha)),
                Status = "diverged",
                AheadBy = 1,
                BehindBy = 1,
                TotalCommits = 1,
                Commits = Array.Empty<object>(),
                Files = Array.Empty<object>(),
            });
        }

        if (repository.PullRequests.Values.FirstOrDefault(candidate => candidate.Heads.Contains(parts[0]) && candidate.Heads.Contains(parts[1])) is not { } both)
        {
            return NotFound();
        }

        var from = both.Heads.IndexOf(parts[0]);
        var to = both.Heads.IndexOf(parts[1]);
        var rewritten = both.Heads.Skip(Math.Min(from, to) + 1).Take(Math.Abs(to - from)).Any(both.Rewrites.Contains);
        var (status, ahead, behind) = (from, to, rewritten) switch
        {
            _ when from == to => ("identical", 0, 0),
            (_, _, true) => ("diverged", 1, 1),
            _ when from < to => ("ahead", to - from, 0),
            _ => ("behind", 0, from - to),
        };
        return Ok(new
        {
            Url = url,
            HtmlUrl = html,
            BaseCommit = CommitJson(parts[0]),
            MergeBaseCommit = CommitJson(status == "diverged" ? both.MergeBaseSha : (from < to ? parts[0] : parts[1])),
            Status = status,
            AheadBy = ahead,
            BehindBy = behind,
            TotalCommits = ahead,
            Commits = Array.Empty<object>(),
            Files = ChangedBetween(both.FilesAt[parts[0]], both.FilesAt[parts[1]]),
        });
    }

    /// <summary>
    /// The files whose text differs between two heads of a pull request, as compare lists them. A file the pull request
    /// no longer lists is back to its merge-base text (or gone, if the pull request added it).
    /// </summary>
    private static List<object> ChangedBetween(IReadOnlyList<FakeFile> before, IReadOnlyList<FakeFile> after)
    {
        var old = before.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var @new = after.ToDictionary(file => file.Path, StringComparer.Ordinal);
        string? TextAt(Dictionary<string, FakeFile> files, Dictionary<string, FakeFile> other, string path) =>
            files.TryGetValue(path, out var file) ? (file.Status == "removed" ? null : file.HeadText)
            : other.TryGetValue(path, out var elsewhere) && elsewhere.Status != "added" ? elsewhere.BaseText : null;
        var changes = new List<object>();
        foreach (var path in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            var was = TextAt(old, @new, path);
            var now = TextAt(@new, old, path);
            if (was == now)
            {
                continue;
            }

            var renamedFrom = @new.TryGetValue(path, out var current) && current.PreviousPath is { } previous && !old.ContainsKey(path) ? previous : null;
            var change = (was, now) switch
            {
                (null, { } text) => FakeFile.Added(path, text),
                ({ } text, null) => new FakeFile(path, "removed", null, 0, text.Split('\n').Length, null),
                _ => FakeFile.Modified(path, was!, now!),
            };
            changes.Add(new
            {
                Sha = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0",
                Filename = path,
                Status = renamedFrom is null ? change.Status : "renamed",
                change.Additions,
                change.Deletions,
                Changes = change.Additions + change.Deletions,
                change.Patch,
                PreviousFilename = renamedFrom,
            });
        }

        return changes;
    }

    private static object CommitJson(string sha) => new
    {
        Sha = sha,
        Url = $"https://api.github.com/commits/{sha}",
        Commit = new { Message = "A commit", Author = new { Name = "Octo Cat", Email = "octocat@example.invalid", Date = Now() } },
    };

    private IResult CreateReview(FakeRepository repository, FakePullRequest pull, JsonElement body)
    {
        var commitId = String(body, "commit_id") ?? pull.HeadSha;
        var reviewBody = String(body, "body") ?? string.Empty;
        if (!pull.Heads.Contains(commitId))
        {
            return Unprocessable("commit_id is not part of the pull request");
        }

        var drafts = body.TryGetProperty("comments", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        if (reviewBody.Length > MaxBodyCharacters || drafts.Any(draft => (String(draft, "body") ?? string.Empty).Length > MaxBodyCharacters))
        {
            return Unprocessable("body is too long (maximum is 65536 characters)");
        }

        if (drafts.Any(draft => !OnDiff(pull, draft)))
        {
            // What GitHub says when one comment of a review names a line it cannot place: the whole review is refused.
            return Results.Json(new { Message = "Unprocessable Entity", Errors = LineNotResolved, DocumentationUrl = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request" }, Json, statusCode: 422);
        }

        var reviewId = NextId();
        var ids = drafts.Select(draft => AddReviewComment(repository, pull, draft, commitId, reviewId).Id).ToList();
        repository.Reviews.Add(new FakeReview(reviewId, pull.Number, commitId, reviewBody, String(body, "event") ?? "PENDING", Bot, ids));
        return Ok(new { Id = reviewId, Body = reviewBody, State = "COMMENTED", CommitId = commitId, User = UserJson(Bot), SubmittedAt = Now() });
    }

    private IResult CreateReviewComment(FakeRepository repository, FakePullRequest pull, JsonElement body)
    {
        var commitId = String(body, "commit_id") ?? pull.HeadSha;
        if (TooLong(String(body, "body") ?? string.Empty) is { } refused)
        {
            return refused;
        }

        if (!OnDiff(pull, body))
        {
            return Results.Json(new
            {
                Message = "Validation Failed",
                Errors = new[] { new { Resource = "PullRequestReviewComment", Code = "custom", Field = "pull_request_review_thread.line", Message = "could not be resolved" } },
                DocumentationUrl = "https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request",
            }, Json, statusCode: 422);
        }

        return Results.Json(ReviewCommentJson(AddReviewComment(repository, pull, body, commitId, reviewId: null)), Json, statusCode: 201);
    }

    private FakeReviewComment AddReviewComment(FakeRepository repository, FakePullRequest pull, JsonElement draft, string commitId, long? reviewId)
    {
        var comment = new FakeReviewComment
        {
            Id = NextId(),
            PullNumber = pull.Number,
            ReviewId = reviewId,
            CommitId = commitId,
            Path = String(draft, "path") ?? string.Empty,
            Line = Int(draft, "line") ?? 0,
            StartLine = Int(draft, "start_line"),
            Side = String(draft, "side") ?? "RIGHT",
            Body = String(draft, "body") ?? string.Empty,
            User = Bot,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        repository.ReviewComments.Add(comment);
        return comment;
    }

    private static bool OnDiff(FakePullRequest pull, JsonElement draft)
    {
        var path = String(draft, "path");
        var line = Int(draft, "line");
        var file = pull.Files.FirstOrDefault(candidate => candidate.Path == path);
        if (file is null || line is null || String(draft, "side") is "LEFT" || pull.RefusedLines.Contains((file.Path, line.Value)))
        {
            return false;
        }

        return DiffLines.Parse(file.Patch).Accepts(line.Value, Int(draft, "start_line"));
    }

    private static IResult EditReviewComment(FakeRepository repository, long id, JsonElement body) =>
        EditBody(repository.ReviewComments.FirstOrDefault(candidate => candidate.Id == id), body, (comment, text) =>
        {
            comment.Body = text;
            comment.Edits++;
        }, ReviewCommentJson);

    private IResult CreateIssueComment(FakeRepository repository, FakePullRequest pull, JsonElement body)
    {
        var text = String(body, "body") ?? string.Empty;
        if (TooLong(text) is { } refused)
        {
            return refused;
        }

        var now = DateTimeOffset.UtcNow;
        var comment = new FakeIssueComment { Id = NextId(), IssueNumber = pull.Number, User = Bot, Body = text, CreatedAt = now, UpdatedAt = now };
        repository.IssueComments.Add(comment);
        return Results.Json(IssueCommentJson(comment), Json, statusCode: 201);
    }

    /// <summary>A comment someone (not the App) wrote on the pull request, e.g. <c>/review</c>.</summary>
    public FakeIssueComment AddHumanComment(FakeRepository repository, int number, FakeUser author, string body)
    {
        ArgumentNullException.ThrowIfNull(repository);
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            var comment = new FakeIssueComment { Id = NextId(), IssueNumber = number, User = author, Body = body, CreatedAt = now, UpdatedAt = now };
            repository.IssueComments.Add(comment);
            return comment;
        }
    }

    private static IResult EditIssueComment(FakeRepository repository, long id, JsonElement body) =>
        EditBody(repository.IssueComments.FirstOrDefault(candidate => candidate.Id == id), body, (comment, text) =>
        {
            comment.Body = text;
            comment.UpdatedAt = DateTimeOffset.UtcNow;
            comment.Edits++;
        }, IssueCommentJson);

    /// <summary>PATCH of a comment's body: 404 for an unknown comment, 422 for a body over GitHub's limit.</summary>
    private static IResult EditBody<T>(T? comment, JsonElement body, Action<T, string> apply, Func<T, object> json)
        where T : class
    {
        if (comment is null)
        {
            return NotFound();
        }

        var text = String(body, "body") ?? string.Empty;
        if (TooLong(text) is { } refused)
        {
            return refused;
        }

        apply(comment, text);
        return Ok(json(comment));
    }

    private static IResult? TooLong(string text) =>
        text.Length > MaxBodyCharacters ? Unprocessable("body is too long (maximum is 65536 characters)") : null;

    private IResult React(FakeRepository repository, long commentId, JsonElement body)
    {
        if (repository.IssueComments.All(comment => comment.Id != commentId))
        {
            return NotFound();
        }

        var reaction = new FakeReaction(NextId(), commentId, String(body, "content") ?? string.Empty, Bot);
        repository.Reactions.Add(reaction);
        return Results.Json(new { reaction.Id, reaction.Content, User = UserJson(reaction.User), CreatedAt = Now() }, Json, statusCode: 201);
    }

    private static IResult Permission(FakeRepository repository, string login)
    {
        var role = repository.Roles.TryGetValue(login, out var known) ? known : "none";
        var legacy = role switch { "maintain" => "write", "triage" => "read", _ => role };
        return Ok(new { Permission = legacy, RoleName = role, User = UserJson(new FakeUser(login)) });
    }

    private IResult CreateCheckRun(FakeRepository repository, JsonElement body)
    {
        var run = new FakeCheckRun { Id = NextId(), Name = String(body, "name") ?? string.Empty, HeadSha = String(body, "head_sha") ?? string.Empty, ExternalId = String(body, "external_id") };
        if (ApplyCheckRun(run, body) is { } refused)
        {
            return refused;
        }

        repository.CheckRuns.Add(run);
        return Results.Json(CheckRunJson(run), Json, statusCode: 201);
    }

    /// <summary>The check runs of a commit, optionally of one name (<c>check_name</c>), newest first, in GitHub's envelope.</summary>
    private static IResult CheckRunsFor(HttpContext context, FakeRepository repository, string reference)
    {
        var name = context.Request.Query["check_name"].ToString();
        var runs = repository.CheckRuns
            .Where(run => run.HeadSha == reference && (name.Length == 0 || run.Name == name))
            .OrderByDescending(run => run.Id)
            .Select(CheckRunJson)
            .ToList();
        return Ok(new { TotalCount = runs.Count, CheckRuns = runs });
    }

    private static IResult UpdateCheckRun(FakeRepository repository, long id, JsonElement body)
    {
        var run = repository.CheckRuns.FirstOrDefault(candidate => candidate.Id == id);
        if (run is null)
        {
            return NotFound();
        }

        return ApplyCheckRun(run, body) ?? Ok(CheckRunJson(run));
    }

    private static IResult? ApplyCheckRun(FakeCheckRun run, JsonElement body)
    {
        var annotations = new List<FakeAnnotation>();
        if (body.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object)
        {
            if ((String(output, "summary") ?? string.Empty).Length > MaxBodyCharacters)
            {
                return Unprocessable("output.summary is too long (maximum is 65535 characters)");
            }

            if (output.TryGetProperty("annotations", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                annotations.AddRange(list.EnumerateArray().Select(item => new FakeAnnotation(
                    String(item, "path") ?? string.Empty, Int(item, "start_line") ?? 0, Int(item, "end_line") ?? 0, String(item, "annotation_level") ?? string.Empty, String(item, "message") ?? string.Empty, String(item, "title"))));
            }

            if (annotations.Count > MaxAnnotationsPerRequest)
            {
                return Unprocessable("Only 50 annotations are allowed per request");
            }

            run.Title = String(output, "title") ?? run.Title;
            run.Summary = String(output, "summary") ?? run.Summary;
        }

        run.Status = String(body, "status") ?? run.Status;
        run.Conclusion = String(body, "conclusion") ?? run.Conclusion;
        run.Annotations.AddRange(annotations);
        run.AnnotationBatches.Add(annotations.Count);
        return null;
    }

    private static IResult Page(HttpContext context, List<object> items)
    {
        var query = context.Request.Query;
        var perPage = Math.Clamp(int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var size) ? size : 30, 1, 100);
        var page = Math.Max(1, int.TryParse(query["page"], CultureInfo.InvariantCulture, out var number) ? number : 1);
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        if (page < last)
        {
            var request = context.Request;
            string Link(int target) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?per_page={perPage}&page={target}";
            context.Response.Headers["Link"] = $"<{Link(page + 1)}>; rel=\"next\", <{Link(last)}>; rel=\"last\"";
        }

        return Ok(items.Skip((page - 1) * perPage).Take(perPage).ToList());
    }

    private static object PullJson(HttpContext context, FakeRepository repository, FakePullRequest pull)
    {
        var html = $"{context.Request.Scheme}://{context.Request.Host}/{repository.FullName}";
        var repo = new { repository.Id, repository.Name, repository.FullName, Owner = UserJson(new FakeUser(repository.Owner)), HtmlUrl = html, repository.DefaultBranch, Private = false };
        return new
        {
            Id = repository.Id * 10_000 + pull.Number,
            pull.Number,
            pull.State,
            pull.Draft,
            pull.Title,
            HtmlUrl = $"{html}/pull/{pull.Number}",
            User = UserJson(pull.Author),
            Head = new { Ref = "feature", Sha = pull.HeadSha, Repo = repo, User = UserJson(pull.Author) },
            Base = new { Ref = pull.BaseRef, Sha = pull.BaseSha, Repo = repo, User = UserJson(new FakeUser(repository.Owner)) },
            ChangedFiles = pull.Files.Count,
            Additions = pull.Files.Sum(file => file.Additions),
            Deletions = pull.Files.Sum(file => file.Deletions),
            CreatedAt = Now(),
            UpdatedAt = Now(),
        };
    }

    private static object FileJson(FakeFile file) => new
    {
        Sha = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0",
        Filename = file.Path,
        file.Status,
        file.Additions,
        file.Deletions,
        Changes = file.Additions + file.Deletions,
        file.Patch,
        PreviousFilename = file.PreviousPath,
    };

    private static object ReviewCommentJson(FakeReviewComment comment) => new
    {
        comment.Id,
        PullRequestReviewId = comment.ReviewId,
        comment.CommitId,
        comment.Path,
        comment.Line,
        comment.StartLine,
        comment.Side,
        comment.Body,
        User = UserJson(comment.User),
        CreatedAt = comment.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        UpdatedAt = Now(),
    };

    private static object ReviewJson(FakeReview review) => new
    {
        review.Id,
        review.Body,
        State = review.Event switch { "COMMENT" => "COMMENTED", "APPROVE" => "APPROVED", "REQUEST_CHANGES" => "CHANGES_REQUESTED", _ => review.Event },
        review.CommitId,
        User = UserJson(review.User),
        SubmittedAt = Now(),
    };

    private static object IssueCommentJson(FakeIssueComment comment) => new
    {
        comment.Id,
        comment.Body,
        User = UserJson(comment.User),
        CreatedAt = comment.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        UpdatedAt = comment.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
    };

    private static object CheckRunJson(FakeCheckRun run) => new
    {
        run.Id,
        run.Name,
        run.HeadSha,
        run.ExternalId,
        run.Status,
        run.Conclusion,
        Output = new { run.Title, run.Summary, AnnotationsCount = run.Annotations.Count },
    };

    private static object UserJson(FakeUser user) => new { Login = user.Login, Id = Math.Abs(user.Login.GetHashCode(StringComparison.Ordinal)), user.Type };

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult NotFound() => Results.Json(new { Message = "Not Found", DocumentationUrl = "https://docs.github.com/rest" }, Json, statusCode: 404);

    private static IResult Unprocessable(string message) =>
        Results.Json(new { Message = "Validation Failed", Errors = new[] { new { Code = "custom", Message = message } }, DocumentationUrl = "https://docs.github.com/rest" }, Json, statusCode: 422);

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
