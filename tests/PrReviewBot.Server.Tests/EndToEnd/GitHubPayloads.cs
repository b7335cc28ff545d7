using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// Webhook bodies shaped like the ones GitHub sends (same fields, nesting and types, trimmed of
/// URLs nothing reads), so the server parses what it will parse in production.
/// </summary>
public static class GitHubPayloads
{
    private const string Api = "https://api.github.com";

    public static string PullRequest(string action, string owner, string repository, long installationId, int number, string headSha, bool draft = false, string sender = "octocat") =>
        WithActionFields(action, headSha, new JsonObject
        {
            ["action"] = action,
            ["number"] = number,
            ["pull_request"] = PullRequestObject(owner, repository, number, headSha, draft, sender),
            ["repository"] = Repository(owner, repository),
            ["sender"] = User(sender),
            ["installation"] = Installation(installationId),
        }).ToJsonString();

    public static string IssueComment(
        string owner, string repository, long installationId, int number, long commentId, string body, string author, string association, string authorType = "User") =>
        new JsonObject
        {
            ["action"] = "created",
            ["issue"] = new JsonObject
            {
                ["url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}",
                ["repository_url"] = $"{Api}/repos/{owner}/{repository}",
                ["labels_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}/labels{{/name}}",
                ["comments_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}/comments",
                ["events_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}/events",
                ["html_url"] = $"https://github.com/{owner}/{repository}/pull/{number}",
                ["id"] = 9_000_000 + number,
                ["node_id"] = "PR_kwDOissue",
                ["number"] = number,
                ["title"] = "A change",
                ["user"] = User(owner),
                ["labels"] = new JsonArray(),
                ["state"] = "open",
                ["locked"] = false,
                ["assignee"] = null,
                ["assignees"] = new JsonArray(),
                ["milestone"] = null,
                ["comments"] = 1,
                ["created_at"] = "2026-12-01T09:00:00Z",
                ["updated_at"] = "2026-12-01T09:05:00Z",
                ["closed_at"] = null,
                ["author_association"] = "OWNER",
                ["active_lock_reason"] = null,
                ["draft"] = false,
                ["pull_request"] = new JsonObject
                {
                    ["url"] = $"{Api}/repos/{owner}/{repository}/pulls/{number}",
                    ["html_url"] = $"https://github.com/{owner}/{repository}/pull/{number}",
                    ["diff_url"] = $"https://github.com/{owner}/{repository}/pull/{number}.diff",
                    ["patch_url"] = $"https://github.com/{owner}/{repository}/pull/{number}.patch",
                    ["merged_at"] = null,
                },
                ["body"] = null,
                ["performed_via_github_app"] = null,
                ["state_reason"] = null,
            },
            ["comment"] = new JsonObject
            {
                ["url"] = $"{Api}/repos/{owner}/{repository}/issues/comments/{commentId}",
                ["html_url"] = $"https://github.com/{owner}/{repository}/pull/{number}#issuecomment-{commentId}",
                ["issue_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}",
                ["id"] = commentId,
                ["node_id"] = "IC_kwDOcomment",
                ["user"] = User(author, authorType),
                ["created_at"] = "2026-12-01T09:05:00Z",
                ["updated_at"] = "2026-12-01T09:05:00Z",
                ["author_association"] = association,
                ["body"] = body,
                ["reactions"] = new JsonObject { ["url"] = $"{Api}/repos/{owner}/{repository}/issues/comments/{commentId}/reactions", ["total_count"] = 0, ["+1"] = 0, ["-1"] = 0, ["laugh"] = 0, ["hooray"] = 0, ["confused"] = 0, ["heart"] = 0, ["rocket"] = 0, ["eyes"] = 0 },
                ["performed_via_github_app"] = null,
            },
            ["repository"] = Repository(owner, repository),
            ["sender"] = User(author, authorType),
            ["installation"] = Installation(installationId),
        }.ToJsonString();

    public static string Ping(long installationId) =>
        JsonSerializer.Serialize(new { zen = "Keep it logically awesome.", hook_id = 1, installation = new { id = installationId } });

    private static JsonObject PullRequestObject(string owner, string repository, int number, string headSha, bool draft, string author) => new()
    {
        ["url"] = $"{Api}/repos/{owner}/{repository}/pulls/{number}",
        ["id"] = 1_000_000 + number,
        ["node_id"] = "PR_kwDOpull",
        ["html_url"] = $"https://github.com/{owner}/{repository}/pull/{number}",
        ["diff_url"] = $"https://github.com/{owner}/{repository}/pull/{number}.diff",
        ["patch_url"] = $"https://github.com/{owner}/{repository}/pull/{number}.patch",
        ["issue_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}",
        ["commits_url"] = $"{Api}/repos/{owner}/{repository}/pulls/{number}/commits",
        ["review_comments_url"] = $"{Api}/repos/{owner}/{repository}/pulls/{number}/comments",
        ["review_comment_url"] = $"{Api}/repos/{owner}/{repository}/pulls/comments{{/number}}",
        ["comments_url"] = $"{Api}/repos/{owner}/{repository}/issues/{number}/comments",
        ["statuses_url"] = $"{Api}/repos/{owner}/{repository}/statuses/{headSha}",
        ["number"] = number,
        ["state"] = "open",
        ["locked"] = false,
        ["title"] = "A change",
        ["user"] = User(author),
        ["body"] = null,
        ["created_at"] = "2026-12-01T09:00:00Z",
        ["updated_at"] = "2026-12-01T09:00:00Z",
        ["closed_at"] = null,
        ["merged_at"] = null,
        ["merge_commit_sha"] = null,
        ["assignee"] = null,
        ["assignees"] = new JsonArray(),
        ["requested_reviewers"] = new JsonArray(),
        ["requested_teams"] = new JsonArray(),
        ["labels"] = new JsonArray(),
        ["milestone"] = null,
        ["draft"] = draft,
        ["head"] = new JsonObject { ["label"] = $"{author}:feature", ["ref"] = "feature", ["sha"] = headSha, ["user"] = User(author), ["repo"] = Repository(owner, repository) },
        ["base"] = new JsonObject { ["label"] = $"{owner}:main", ["ref"] = "main", ["sha"] = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0", ["user"] = User(owner), ["repo"] = Repository(owner, repository) },
        ["_links"] = new JsonObject
        {
            ["self"] = Link($"{Api}/repos/{owner}/{repository}/pulls/{number}"),
            ["html"] = Link($"https://github.com/{owner}/{repository}/pull/{number}"),
            ["issue"] = Link($"{Api}/repos/{owner}/{repository}/issues/{number}"),
            ["comments"] = Link($"{Api}/repos/{owner}/{repository}/issues/{number}/comments"),
            ["review_comments"] = Link($"{Api}/repos/{owner}/{repository}/pulls/{number}/comments"),
            ["review_comment"] = Link($"{Api}/repos/{owner}/{repository}/pulls/comments{{/number}}"),
            ["commits"] = Link($"{Api}/repos/{owner}/{repository}/pulls/{number}/commits"),
            ["statuses"] = Link($"{Api}/repos/{owner}/{repository}/statuses/{headSha}"),
        },
        ["author_association"] = "OWNER",
        ["auto_merge"] = null,
        ["active_lock_reason"] = null,
        ["merged"] = false,
        ["mergeable"] = null,
        ["rebaseable"] = null,
        ["mergeable_state"] = "unknown",
        ["merged_by"] = null,
        ["comments"] = 0,
        ["review_comments"] = 0,
        ["maintainer_can_modify"] = false,
        ["commits"] = 1,
        ["additions"] = 10,
        ["deletions"] = 0,
        ["changed_files"] = 1,
    };

    private static JsonObject Repository(string owner, string name) => new()
    {
        ["id"] = 555_000,
        ["node_id"] = "R_kgDOrepo",
        ["name"] = name,
        ["full_name"] = $"{owner}/{name}",
        ["private"] = false,
        ["owner"] = User(owner),
        ["html_url"] = $"https://github.com/{owner}/{name}",
        ["description"] = null,
        ["fork"] = false,
        ["url"] = $"{Api}/repos/{owner}/{name}",
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-12-01T09:00:00Z",
        ["pushed_at"] = "2026-12-01T09:00:00Z",
        ["git_url"] = $"git://github.com/{owner}/{name}.git",
        ["ssh_url"] = $"git@github.com:{owner}/{name}.git",
        ["clone_url"] = $"https://github.com/{owner}/{name}.git",
        ["homepage"] = null,
        ["size"] = 120,
        ["stargazers_count"] = 0,
        ["watchers_count"] = 0,
        ["language"] = "C#",
        ["has_issues"] = true,
        ["has_projects"] = true,
        ["has_downloads"] = true,
        ["has_wiki"] = true,
        ["has_pages"] = false,
        ["forks_count"] = 0,
        ["archived"] = false,
        ["disabled"] = false,
        ["open_issues_count"] = 1,
        ["license"] = null,
        ["forks"] = 0,
        ["open_issues"] = 1,
        ["watchers"] = 0,
        ["default_branch"] = "main",
        ["visibility"] = "public",
    };

    private static JsonObject User(string login, string type = "User") => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        ["node_id"] = "U_kgDOuser",
        ["avatar_url"] = "https://avatars.githubusercontent.com/u/1?v=4",
        ["gravatar_id"] = string.Empty,
        ["url"] = $"{Api}/users/{login}",
        ["html_url"] = $"https://github.com/{login}",
        ["type"] = type,
        ["site_admin"] = false,
    };

    /// <summary>The fields GitHub adds for some actions: the commits of a push, the label of a labelling.</summary>
    private static JsonObject WithActionFields(string action, string headSha, JsonObject payload)
    {
        if (action == "synchronize")
        {
            payload["before"] = "0000000000000000000000000000000000000001";
            payload["after"] = headSha;
        }
        else if (action is "labeled" or "unlabeled")
        {
            payload["label"] = new JsonObject { ["id"] = 1, ["node_id"] = "LA_kwDOlabel", ["url"] = $"{Api}/labels/bug", ["name"] = "bug", ["color"] = "d73a4a", ["default"] = true, ["description"] = null };
        }

        return payload;
    }

    private static JsonObject Link(string href) => new() { ["href"] = href };

    private static JsonObject Installation(long id) => new() { ["id"] = id, ["node_id"] = "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u" };
}
