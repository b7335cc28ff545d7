using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PrReviewBot.FakeGitHub;

// The part of GitHub's GraphQL API the App uses: a pull request's review threads, and resolving them.
// GitHub.com serves it at /graphql, GitHub Enterprise Server at /api/graphql; the fake answers both.
public sealed partial class FakeGitHubServer
{
    private const int ThreadsPerPage = 100;

    /// <summary>GraphQL requests the fake answered, as (operation, variables) in order.</summary>
    public IReadOnlyList<string> GraphQlOperations => Inspect(() => graphQlOperations.ToList());

    private readonly List<string> graphQlOperations = [];

    /// <summary>The files GraphQL was asked to read, as <c>REF:path</c> expressions, in order.</summary>
    public IReadOnlyList<string> BlobReads => Inspect(() => blobReads.ToList());

    private readonly List<string> blobReads = [];

    private static bool IsGraphQl(string apiPath) => apiPath is "/graphql" or "/api/graphql";

    private void MapGraphQl(WebApplication app)
    {
        app.MapPost("/graphql", (RequestJson body, HttpContext context) => GraphQl(body.Value, context));
        app.MapPost("/api/graphql", (RequestJson body, HttpContext context) => GraphQl(body.Value, context));
    }

    private IResult GraphQl(JsonElement body, HttpContext context)
    {
        var query = body.TryGetProperty("query", out var text) ? text.GetString() ?? string.Empty : string.Empty;
        var variables = body.TryGetProperty("variables", out var given) && given.ValueKind == JsonValueKind.Object ? given : default;
        lock (gate)
        {
            if (query.Contains("unresolveReviewThread", StringComparison.Ordinal) || query.Contains("resolveReviewThread", StringComparison.Ordinal))
            {
                var resolve = !query.Contains("unresolveReviewThread", StringComparison.Ordinal);
                var id = Variable(variables, "threadId") ?? string.Empty;
                graphQlOperations.Add((resolve ? "resolveReviewThread " : "unresolveReviewThread ") + id);
                var comment = ThreadComment(id);
                if (comment is null)
                {
                    return GraphQlErrors($"Could not resolve to a node with the global id of '{id}'");
                }

                comment.ThreadResolved = resolve;
                comment.ThreadResolvedBy = "prreviewbot";
                var field = resolve ? "resolveReviewThread" : "unresolveReviewThread";
                return Results.Json(new Dictionary<string, object> { ["data"] = new Dictionary<string, object> { [field] = new { thread = new { id, isResolved = resolve } } } });
            }

            if (query.Contains("object(expression:", StringComparison.Ordinal))
            {
                return AnswersBlobQueries ? Blobs(query, variables) : GraphQlErrors("Field 'object' doesn't exist on type 'Repository'");
            }

            if (query.Contains("reviewThreads", StringComparison.Ordinal))
            {
                var owner = Variable(variables, "owner") ?? string.Empty;
                var name = Variable(variables, "name") ?? string.Empty;
                var number = variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : 0;
                var after = int.TryParse(Variable(variables, "cursor"), NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : 0;
                graphQlOperations.Add($"reviewThreads {owner}/{name}#{number} after {after}");
                if (Find(owner, name) is not { } repository || !repository.PullRequests.ContainsKey(number))
                {
                    return GraphQlErrors($"Could not resolve to a PullRequest with the number of {number}.");
                }

                var threads = repository.ReviewComments.Where(comment => comment.PullNumber == number).OrderBy(comment => comment.Id).ToList();
                var page = threads.Skip(after).Take(ThreadsPerPage).Select(comment => new
                {
                    id = ThreadId(comment),
                    isResolved = comment.ThreadResolved,
                    comments = new { nodes = new[] { new { databaseId = comment.Id, author = new { login = comment.User.Login.Replace("[bot]", string.Empty, StringComparison.Ordinal) }, body = comment.Body } } },
                }).ToList();
                var next = after + page.Count;
                return Results.Json(new
                {
                    data = new
                    {
                        repository = new
                        {
                            pullRequest = new
                            {
                                reviewThreads = new
                                {
                                    nodes = page,
                                    pageInfo = new { hasNextPage = next < threads.Count, endCursor = next.ToString(CultureInfo.InvariantCulture) },
                                },
                            },
                        },
                    },
                });
            }

            graphQlOperations.Add("unknown");
            return GraphQlErrors("The fake GitHub does not know this query.");
        }
    }

    /// <summary>
    /// <c>repository { f0: object(expression: $e0) { ... on Blob { text byteSize isBinary isTruncated } } ... }</c>,
    /// each expression a variable <c>"REF:path"</c>; a missing file is null, as GitHub answers.
    /// </summary>
    private IResult Blobs(string query, JsonElement variables)
    {
        var owner = Variable(variables, "owner") ?? string.Empty;
        var name = Variable(variables, "name") ?? string.Empty;
        if (Find(owner, name) is not { } repository)
        {
            return GraphQlErrors($"Could not resolve to a Repository with the name '{owner}/{name}'.");
        }

        var objects = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(query, @"(\w+):\s*object\(expression:\s*(?:\$(\w+)|(""(?:[^""\\]|\\.)*""))\s*\)"))
        {
            // The expression as a variable or written into the query as a string; GitHub takes both.
            var expression = (match.Groups[2].Success ? Variable(variables, match.Groups[2].Value) : JsonSerializer.Deserialize<string>(match.Groups[3].Value)) ?? string.Empty;
            blobReads.Add(expression);
            var colon = expression.IndexOf(':', StringComparison.Ordinal);
            var bytes = colon < 0 ? null : repository.Content(expression[..colon], expression[(colon + 1)..]);
            var binary = bytes is not null && bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0);
            objects[match.Groups[1].Value] = bytes is null
                ? null
                : new { text = binary ? null : System.Text.Encoding.UTF8.GetString(bytes), byteSize = bytes.Length, isBinary = binary, isTruncated = false };
        }

        graphQlOperations.Add($"blobs {owner}/{name} x{objects.Count}");
        return Results.Json(new { data = new { repository = objects } });
    }

    private FakeReviewComment? ThreadComment(string threadId) =>
        repositories.SelectMany(repository => repository.ReviewComments).FirstOrDefault(comment => ThreadId(comment) == threadId);

    private static string ThreadId(FakeReviewComment comment) => "PRRT_" + comment.Id.ToString(CultureInfo.InvariantCulture);

    private static string? Variable(JsonElement variables, string name) =>
        variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IResult GraphQlErrors(string message) => Results.Json(new { data = (object?)null, errors = new[] { new { message } } });
}
