using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Authentication;

namespace PrReviewBot.GitHub.Tests.Authentication;

/// <summary><c>GET /app</c> at start, against the fake GitHub on loopback with the real Octokit client.</summary>
public sealed class AppIdentityCheckTests : IAsyncLifetime
{
    private FakeGitHubServer github = null!;

    public async Task InitializeAsync() => github = await FakeGitHubServer.StartAsync();

    public async Task DisposeAsync() => await github.DisposeAsync();

    [Fact]
    public async Task The_right_key_and_app_id_are_confirmed_with_the_app_slug()
    {
        var result = await CheckAsync(Options());

        Assert.Equal(AppIdentityStatus.Confirmed, result.Status);
        Assert.Equal(github.AppSlug, result.Slug);
    }

    [Fact]
    public async Task Another_apps_key_is_refused_naming_the_settings_and_the_url()
    {
        using var other = RSA.Create(2048);
        var options = Options();
        options.PrivateKey = other.ExportRSAPrivateKeyPem();

        var result = await CheckAsync(options);

        Assert.Equal(AppIdentityStatus.Refused, result.Status);
        Assert.Contains("401", result.Problem, StringComparison.Ordinal);
        Assert.Contains("GitHub:AppId", result.Problem, StringComparison.Ordinal);
        Assert.Contains(github.BaseUrl.AbsoluteUri + "app", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_app_id_is_refused()
    {
        var options = Options();
        options.AppId = github.AppId + 1;

        var result = await CheckAsync(options);

        Assert.Equal(AppIdentityStatus.Refused, result.Status);
    }

    [Fact]
    public async Task An_unreachable_github_is_reported_as_unreachable_naming_the_url()
    {
        var options = Options();
        options.ApiBaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/");

        var result = await CheckAsync(options);

        Assert.Equal(AppIdentityStatus.Unreachable, result.Status);
        Assert.Contains(options.ApiBaseUrl.AbsoluteUri + "app", result.Problem, StringComparison.Ordinal);
    }

    private GitHubAppOptions Options() => new()
    {
        AppId = github.AppId,
        PrivateKey = github.PrivateKeyPem,
        WebhookSecret = "not used here",
        ApiBaseUrl = github.BaseUrl,
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    private static async Task<AppIdentityResult> CheckAsync(GitHubAppOptions options)
    {
        using var clients = new GitHubClientFactory(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<GitHubClientFactory>.Instance);
        return await new AppIdentityCheck(clients, options).CheckAsync(CancellationToken.None);
    }

    /// <summary>A loopback port nothing listens on: one the system just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
