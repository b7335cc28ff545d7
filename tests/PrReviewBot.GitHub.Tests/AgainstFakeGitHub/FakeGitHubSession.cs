using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrReviewBot.Engine.Review;
using PrReviewBot.FakeGitHub;
using PrReviewBot.GitHub.Publishing;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.AgainstFakeGitHub;

/// <summary>The real Octokit client, loader and publisher wired to a fresh fake GitHub on loopback.</summary>
public sealed class FakeGitHubSession : IAsyncDisposable
{
    public const long InstallationId = 77;

    private FakeGitHubSession(FakeGitHubServer github, GitHubClientFactory clients)
    {
        GitHub = github;
        Clients = clients;
        Repository = github.AddRepository("acme", "shop", InstallationId);
        Loader = new PullRequestLoader(clients, NullLogger<PullRequestLoader>.Instance);
        Conversation = new PullRequestConversation(clients);
        Publisher = new ReviewPublisher(clients, new CheckRunPublisher(NullLogger<CheckRunPublisher>.Instance), NullLogger<ReviewPublisher>.Instance);
    }

    public FakeGitHubServer GitHub { get; }

    public GitHubClientFactory Clients { get; }

    public FakeRepository Repository { get; }

    public PullRequestLoader Loader { get; }

    public ReviewPublisher Publisher { get; }

    public PullRequestConversation Conversation { get; }

    public static async Task<FakeGitHubSession> StartAsync(bool enterprise = false, Action<GitHubAppOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var github = await FakeGitHubServer.StartAsync();
        var options = new GitHubAppOptions
        {
            AppId = github.AppId,
            PrivateKey = github.PrivateKeyPem,
            WebhookSecret = "not used here",
            ApiBaseUrl = enterprise ? github.EnterpriseBaseUrl : github.BaseUrl,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRateLimitWait = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new FakeGitHubSession(github, new GitHubClientFactory(Options.Create(options), timeProvider ?? TimeProvider.System, NullLogger<GitHubClientFactory>.Instance));
    }

    public PullRequestTarget Target(int number) => new(InstallationId, Repository.Owner, Repository.Name, number);

    /// <summary>
    /// Loads the pull request, reviews it with the real engine and publishes the result, as the
    /// worker does: files with findings but no base version get it read, and the review runs again.
    /// </summary>
    public async Task<PublishOutcome> ReviewAsync(int number, string? requestedBy = null)
    {
        var engine = new ReviewEngine();
        var pull = await Loader.LoadAsync(Target(number), CancellationToken.None);
        var result = engine.Review(pull.Snapshot, pull.Options, CancellationToken.None);
        if (result.Coverage.BaseMissing.Count > 0 && await Loader.LoadBaseVersionsAsync(pull, result.Coverage.BaseMissing, CancellationToken.None) is { } withBases)
        {
            pull = withBases;
            result = engine.Review(pull.Snapshot, pull.Options, CancellationToken.None);
        }

        return await Publisher.PublishAsync(new PublishRequest(pull, result, TimeSpan.FromMilliseconds(5), requestedBy), CancellationToken.None);
    }

    /// <summary>A Python module with <paramref name="count"/> functions that each build SQL from their argument.</summary>
    public static string PythonWithInjections(int count)
    {
        var text = new StringBuilder("import sqlite3\n\n");
        for (var index = 0; index < count; index++)
        {
            text.Append("def find_").Append(index).Append("(connection, name):\n")
                .Append("    return connection.execute(\"SELECT * FROM t").Append(index).Append(" WHERE name = '\" + name + \"'\").fetchall()\n\n");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        await GitHub.DisposeAsync();
    }
}
