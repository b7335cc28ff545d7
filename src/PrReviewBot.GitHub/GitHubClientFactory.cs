using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using Polly;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Authentication;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub;

/// <summary>
/// An Octokit client acting as one installation, its raw API connection for requests Octokit has no model for, and
/// <see cref="Downloads"/> for answers to stream rather than hold (a repository's tarball).
/// </summary>
public sealed record InstallationClient(long InstallationId, IGitHubClient Client, IApiConnection Api, GitHubDownloads Downloads);

/// <summary>
/// Builds the Octokit clients: one acting as the App (JWT) and one per installation (cached
/// installation token), all over the same resilience pipeline and the configured base URL.
/// </summary>
public sealed partial class GitHubClientFactory : IDisposable
{
    private readonly GitHubAppOptions options;
    private readonly Uri baseUrl;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly AppJwtFactory jwts;
    private readonly GitHubClient app;
    private readonly ConcurrentDictionary<long, InstallationClient> installations = new();
    private readonly SemaphoreSlim botLoginLock = new(1, 1);
    private readonly ILogger<GitHubClientFactory> logger;
    private readonly TimeProvider timeProvider;
    private string? botLogin;

    public GitHubClientFactory(IOptions<GitHubAppOptions> options, TimeProvider timeProvider, ILogger<GitHubClientFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        baseUrl = ApiBaseUrlHandler.WithTrailingSlash(this.options.ApiBaseUrl);
        this.logger = logger;
        this.timeProvider = timeProvider;
        pipeline = GitHubResilience.Create(this.options, timeProvider, logger);
        jwts = new AppJwtFactory(this.options.AppId, this.options.ReadPrivateKey(), timeProvider);
        app = new GitHubClient(Connect(new AppCredentials(jwts), Handlers(inner => inner)));
        Tokens = new InstallationTokenCache(CreateTokenAsync, timeProvider);
    }

    public InstallationTokenCache Tokens { get; }

    /// <summary>The client that acts as the App itself.</summary>
    public IGitHubClient App => app;

    public InstallationClient ForInstallation(long installationId) =>
        installations.GetOrAdd(installationId, id =>
        {
            var handler = Handlers(inner => new FreshTokenHandler(Tokens, id, inner));
            var connection = Connect(new InstallationCredentials(Tokens, id), handler);
            var downloads = new GitHubDownloads(handler, baseUrl, token => Tokens.GetTokenAsync(id, token));
            return new InstallationClient(id, new GitHubClient(connection), new ApiConnection(connection), downloads);
        });

    /// <summary>
    /// The login the App's comments carry (<c>slug[bot]</c>), asked of GitHub once; null when
    /// GitHub would not say (then our comments are known by their marker and bot author alone).
    /// </summary>
    public async Task<string?> BotLoginAsync(CancellationToken cancellationToken)
    {
        if (botLogin is { } known)
        {
            return known;
        }

        await botLoginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            botLogin ??= (await app.GitHubApps.GetCurrent().ConfigureAwait(false)).Slug + "[bot]";
            return botLogin;
        }
        catch (ApiException exception) when (exception is not AuthorizationException and not RateLimitExceededException && (int)exception.StatusCode < 500)
        {
            LogNoAppIdentity(logger, (int)exception.StatusCode, exception.Message);
            return null;
        }
        finally
        {
            botLoginLock.Release();
        }
    }

    public void Dispose()
    {
        jwts.Dispose();
        Tokens.Dispose();
        botLoginLock.Dispose();
    }

    private async Task<InstallationToken> CreateTokenAsync(long installationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = await app.GitHubApps.CreateInstallationToken(installationId).ConfigureAwait(false);
        return new InstallationToken(token.Token, token.ExpiresAt);
    }

    /// <summary>
    /// The handlers every request of one client goes through: the base URL kept, then what the credentials need
    /// (<paramref name="authentication"/>: a fresh installation token on a 401), then the resilience pipeline.
    /// </summary>
    private ApiBaseUrlHandler Handlers(Func<HttpMessageHandler, HttpMessageHandler> authentication) =>
        new ApiBaseUrlHandler(baseUrl, authentication(new ResilientGitHubHandler(pipeline, options, timeProvider, new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        })));

    private Connection Connect(ICredentialStore credentials, HttpMessageHandler handlers) =>
        new(
            new ProductHeaderValue(ToolInfo.Name, ToolInfo.Version),
            baseUrl,
            credentials,
            new HttpClientAdapter(() => handlers),
            new SimpleJsonSerializer());

    private sealed class AppCredentials(AppJwtFactory jwts) : ICredentialStore
    {
        public Task<Credentials> GetCredentials() => Task.FromResult(new Credentials(jwts.Create(), AuthenticationType.Bearer));
    }

    private sealed class InstallationCredentials(InstallationTokenCache tokens, long installationId) : ICredentialStore
    {
        public async Task<Credentials> GetCredentials() =>
            new(await tokens.GetTokenAsync(installationId, CancellationToken.None).ConfigureAwait(false), AuthenticationType.Bearer);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GET /app answered {Status} ({Reason}); our earlier comments are recognised by their marker and bot author only")]
    private static partial void LogNoAppIdentity(ILogger logger, int status, string reason);
}
