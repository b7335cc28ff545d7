using System.Net.Http.Headers;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// GETs whose answers are files to stream rather than JSON to hold, such as a repository's tarball: sent through the
/// same handlers as the installation's Octokit client (base URL, fresh token on a 401, resilience, secondary-limit
/// cool-down) with the installation's token, and handed over once the headers are in, so a large download is never
/// held whole. Redirects (GitHub serves archives from another host) are followed, and the token is not sent along.
/// </summary>
public sealed class GitHubDownloads
{
    private readonly HttpMessageHandler handlers;
    private readonly Uri baseUrl;
    private readonly Func<CancellationToken, Task<string>> token;

    internal GitHubDownloads(HttpMessageHandler handlers, Uri baseUrl, Func<CancellationToken, Task<string>> token)
    {
        this.handlers = handlers;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /// <summary>GETs <paramref name="relativePath"/> under the API base; the caller disposes the answer.</summary>
    public async Task<HttpResponseMessage> GetAsync(string relativePath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, relativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken).ConfigureAwait(false));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue(ToolInfo.Name, ToolInfo.Version));
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        // The handlers are the installation client's, shared with Octokit: this invoker must not dispose them.
        using var http = new HttpMessageInvoker(handlers, disposeHandler: false);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
