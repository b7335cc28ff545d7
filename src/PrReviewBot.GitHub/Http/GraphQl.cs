using System.Text.Json.Nodes;
using Octokit;

namespace PrReviewBot.GitHub.Http;

/// <summary>GitHub's GraphQL API over the same Octokit connection (and so the same credentials and resilience) as REST.</summary>
public static class GraphQl
{
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

    /// <summary>Posts one GraphQL operation; GraphQL reports failures in an <c>errors</c> list with a 200, which becomes an exception here.</summary>
    public static async Task<JsonNode> QueryAsync(IConnection connection, string query, JsonObject variables)
    {
        var request = new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();
        var response = await connection.Post<string>(Endpoint(connection.BaseAddress), request, "application/json", "application/json").ConfigureAwait(false);

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
