using System.Text.Json.Nodes;
using PrReviewBot.GitHub.Http;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// Resolves and reopens the review threads our inline comments started, through GitHub's GraphQL API (the REST
/// API cannot): a thread is touched only when its first comment is one of ours, named by id, so threads a person
/// started are never resolved, edited or deleted.
/// </summary>
internal static class ReviewThreads
{
    private const string ThreadsQuery = """
        query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
          repository(owner: $owner, name: $name) {
            pullRequest(number: $number) {
              reviewThreads(first: 100, after: $cursor) {
                nodes { id isResolved comments(first: 1) { nodes { databaseId author { login } body } } }
                pageInfo { hasNextPage endCursor }
              }
            }
          }
        }
        """;

    private const string ResolveMutation = "mutation($threadId: ID!) { resolveReviewThread(input: {threadId: $threadId}) { thread { id isResolved } } }";
    private const string UnresolveMutation = "mutation($threadId: ID!) { unresolveReviewThread(input: {threadId: $threadId}) { thread { id isResolved } } }";

    // A pull request with more threads than this has bigger problems than an open thread of ours.
    private const int MaxPages = 30;

    /// <summary>
    /// Resolves the open threads started by the comments in <paramref name="resolve"/> and reopens the resolved
    /// ones started by the comments in <paramref name="reopen"/>; returns how many threads changed.
    /// </summary>
    public static async Task<int> SetResolvedAsync(
        InstallationClient installation, PullRequestTarget target, IReadOnlySet<long> resolve, IReadOnlySet<long> reopen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        if (resolve.Count == 0 && reopen.Count == 0)
        {
            return 0;
        }

        var connection = installation.Client.Connection;
        var changed = 0;
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = await GraphQl.QueryAsync(connection, ThreadsQuery, new JsonObject
            {
                ["owner"] = target.Owner,
                ["name"] = target.Repository,
                ["number"] = target.Number,
                ["cursor"] = cursor,
            }).ConfigureAwait(false);
            var threads = answer["repository"]?["pullRequest"]?["reviewThreads"];
            foreach (var thread in threads?["nodes"]?.AsArray() ?? [])
            {
                var first = thread?["comments"]?["nodes"]?.AsArray().FirstOrDefault();
                if (thread?["id"]?.GetValue<string>() is not { } id || first?["databaseId"]?.GetValue<long>() is not { } commentId)
                {
                    continue;
                }

                var resolved = thread["isResolved"]?.GetValue<bool>() ?? false;
                var mutation = (resolved, resolve.Contains(commentId), reopen.Contains(commentId)) switch
                {
                    (false, true, _) => ResolveMutation,
                    (true, _, true) => UnresolveMutation,
                    _ => null,
                };
                if (mutation is not null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await GraphQl.QueryAsync(connection, mutation, new JsonObject { ["threadId"] = id }).ConfigureAwait(false);
                    changed++;
                }
            }

            if (threads?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() != true)
            {
                break;
            }

            cursor = threads["pageInfo"]?["endCursor"]?.GetValue<string>();
        }

        return changed;
    }
}
