namespace PrReviewBot.GitHub.Http;

/// <summary>
/// Octokit sends every request for a host other than github.com under <c>/api/v3/</c>, which is
/// right for GitHub Enterprise Server but not for an API served at another path (a proxy, a test
/// double on loopback). This moves each such request back under the configured base URL, so
/// <c>GitHub__ApiBaseUrl</c> means exactly what it says.
/// </summary>
internal sealed class ApiBaseUrlHandler : DelegatingHandler
{
    private const string OctokitPrefix = "/api/v3/";
    private readonly Uri baseUrl;

    public ApiBaseUrlHandler(Uri baseUrl, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        this.baseUrl = WithTrailingSlash(baseUrl);
    }

    /// <summary><c>https://HOST/api/v3</c> and <c>https://HOST/api/v3/</c> mean the same; without the slash, relative API paths would resolve beside <c>v3</c>.</summary>
    internal static Uri WithTrailingSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = Rebase(request.RequestUri);
        return base.SendAsync(request, cancellationToken);
    }

    internal Uri? Rebase(Uri? uri)
    {
        if (uri is null
            || !uri.IsAbsoluteUri
            || !string.Equals(uri.Authority, baseUrl.Authority, StringComparison.OrdinalIgnoreCase)
            || baseUrl.AbsolutePath.Equals(OctokitPrefix, StringComparison.OrdinalIgnoreCase)
            || !uri.AbsolutePath.StartsWith(OctokitPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        var rest = uri.PathAndQuery[OctokitPrefix.Length..];
        return new Uri(baseUrl, rest);
    }
}
