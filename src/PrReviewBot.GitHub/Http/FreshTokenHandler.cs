using System.Net;
using System.Net.Http.Headers;
using PrReviewBot.GitHub.Authentication;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// A 401 to an installation's request means its token was revoked or the installation changed:
/// this asks for one fresh token and sends the request once more. A second 401 is final (a wrong
/// App id, key or installation), not something later retries could fix. Nothing was carried out
/// on a 401, so even a create may be sent again.
/// </summary>
internal sealed class FreshTokenHandler : DelegatingHandler
{
    private readonly InstallationTokenCache tokens;
    private readonly long installationId;

    public FreshTokenHandler(InstallationTokenCache tokens, long installationId, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        this.tokens = tokens;
        this.installationId = installationId;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Headers.Authorization is not { Parameter: { } refused } used)
        {
            return response;
        }

        tokens.Invalidate(installationId, refused);
        var fresh = await tokens.GetTokenAsync(installationId, cancellationToken).ConfigureAwait(false);
        if (string.Equals(fresh, refused, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue(used.Scheme, fresh);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
