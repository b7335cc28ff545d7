using System.Globalization;
using Octokit;

namespace PrReviewBot.GitHub.Authentication;

/// <summary>What GitHub said when asked who the App is.</summary>
public enum AppIdentityStatus
{
    /// <summary>GitHub named the App: the id and key belong together.</summary>
    Confirmed,

    /// <summary>GitHub refused the App's JWT (or the URL is no GitHub API): no retry can mend it, the settings must change.</summary>
    Refused,

    /// <summary>GitHub could not be reached or answered 5xx: worth asking again later.</summary>
    Unreachable,
}

/// <param name="Slug">The App's slug when <see cref="AppIdentityStatus.Confirmed"/>.</param>
/// <param name="Problem">For the operator, naming the URL and what to check; null when confirmed.</param>
public sealed record AppIdentityResult(AppIdentityStatus Status, string? Slug, string? Problem);

/// <summary>
/// Asks GitHub <c>GET /app</c> with the App's JWT, so a wrong App id, a public key given as the
/// private key, or an unreachable GitHub are found at start rather than at the first pull request.
/// </summary>
public sealed class AppIdentityCheck(GitHubClientFactory clients, GitHubAppOptions options)
{
    public async Task<AppIdentityResult> CheckAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = new Uri(ApiBaseUrlOf(options), "app");
        try
        {
            var app = await clients.App.GitHubApps.GetCurrent().WaitAsync(cancellationToken).ConfigureAwait(false);
            return new AppIdentityResult(AppIdentityStatus.Confirmed, app.Slug, null);
        }
        catch (AuthorizationException)
        {
            return new AppIdentityResult(
                AppIdentityStatus.Refused,
                null,
                string.Create(CultureInfo.InvariantCulture, $"GitHub answered 401 to GET {url} with the App's JWT: GitHub:AppId ({options.AppId}) and GitHub:PrivateKey/GitHub:PrivateKeyPath do not belong together (a wrong App id, or another App's key)."));
        }
        catch (ApiException exception) when ((int)exception.StatusCode is >= 400 and < 500 and not 429)
        {
            return new AppIdentityResult(
                AppIdentityStatus.Refused,
                null,
                string.Create(CultureInfo.InvariantCulture, $"GitHub answered {(int)exception.StatusCode} to GET {url}: check GitHub:ApiBaseUrl (https://api.github.com/, or https://HOST/api/v3/ for GitHub Enterprise Server) and GitHub:AppId. {exception.Message}"));
        }
        catch (Exception exception) when (exception is ApiException or HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new AppIdentityResult(
                AppIdentityStatus.Unreachable,
                null,
                $"GET {url} failed: {exception.GetType().Name}: {exception.Message}. Check GitHub:ApiBaseUrl and the network path to GitHub.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ApiException and not HttpRequestException)
        {
            // Signing the JWT failed before any request was sent, e.g. a public key given as the private key.
            return new AppIdentityResult(
                AppIdentityStatus.Refused,
                null,
                $"The App's JWT for GET {url} could not be made from GitHub:PrivateKey/GitHub:PrivateKeyPath: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static Uri ApiBaseUrlOf(GitHubAppOptions options) =>
        options.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? options.ApiBaseUrl : new Uri(options.ApiBaseUrl.AbsoluteUri + "/");
}
