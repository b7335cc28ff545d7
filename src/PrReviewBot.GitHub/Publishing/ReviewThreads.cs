using System.Text.Json.Nodes;
using Octokit;
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
    /// Where GraphQL is served for an API base: <c>https://api.github.com/graphql</c> for github.com,
    /// <c>https://HOST/api/graphql</c> for GitHub Enterprise Server (REST at <c>https://HOST/api/v3</c>), and
    /// beside the REST root for any other base (a proxy, a test double).
    /// </summary>
    public static Uri Endpoint(Uri apiBase)
    {
        ArgumentNullException.ThrowIfNull(apiBase);
        if (apiBase.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) || apiBase.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri("https://api.github.com/graphql");
        }

        var path = apiBase.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(apiBase, path[..^"/v3".Length] + "/graphql")
            : new Uri(apiBase, path + "/graphql");
    }

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

        var endpoint = Endpoint(installation.Client.Connection.BaseAddress);
        var changed = 0;
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = await SendAsync(installation, endpoint, ThreadsQuery, new JsonObject
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
                    await SendAsync(installation, endpoint, mutation, new JsonObject { ["threadId"] = id }).ConfigureAwait(false);
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

    /// <summary>Posts one GraphQL operation; GraphQL reports failures in an <c>errors</c> list with a 200, which becomes an exception here.</summary>
    private static async Task<JsonNode> SendAsync(InstallationClient installation, Uri endpoint, string query, JsonObject variables)
    {
        var request = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        var response = await installation.Client.Connection.Post<string>(endpoint, request, "application/json", "application/json").ConfigureAwait(false);

        // The raw answer: Octokit's own deserializer maps names to snake_case, which GraphQL does not use.
        var body = response.HttpResponse.Body as string ?? response.Body;
        var answer = JsonNode.Parse(string.IsNullOrEmpty(body) ? "{}" : body) ?? new JsonObject();
        if (answer["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new GraphQlException(string.Join("; ", errors.Select(error => error?["message"]?.GetValue<string>() ?? "unknown error")));
        }

        return answer["data"] ?? new JsonObject();
    }
}

/// <summary>GitHub's GraphQL API answered with errors (a thread gone, a permission missing).</summary>
public sealed class GraphQlException : Exception
{
    public GraphQlException()
    {
    }

    public GraphQlException(string message)
        : base(message)
    {
    }

    public GraphQlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
