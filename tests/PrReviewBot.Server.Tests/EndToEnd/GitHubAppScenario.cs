using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PrReviewBot.FakeGitHub;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// What every end-to-end test starts from: a fake GitHub on loopback with the repository
/// <c>acme/shop</c> (installation 77), a webhook secret and an App key made for this test, a data
/// folder for the job store, and the settings a server needs to use them, named as DESIGN.md names them.
/// </summary>
public sealed class GitHubAppScenario : IAsyncDisposable
{
    public const long InstallationId = 77;
    public const string Owner = "acme";
    public const string Name = "shop";

    private int deliveries;

    private GitHubAppScenario(FakeGitHubServer github)
    {
        GitHub = github;
        Repository = github.AddRepository(Owner, Name, InstallationId);
        Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        DataDirectory = Directory.CreateTempSubdirectory("prreviewbot-e2e-").FullName;
    }

    public FakeGitHubServer GitHub { get; }

    public FakeRepository Repository { get; }

    public string Secret { get; }

    public string DataDirectory { get; }

    /// <summary>Settings a test changes, applied over <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Configuration keys (with <c>:</c>; environment variables use <c>__</c>) pointing a server at this scenario.</summary>
    public IReadOnlyDictionary<string, string> Settings => Defaults().Concat(Overrides).GroupBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);

    private Dictionary<string, string> Defaults() => new()
    {
        ["GitHub:AppId"] = GitHub.AppId.ToString(CultureInfo.InvariantCulture),
        ["GitHub:PrivateKey"] = GitHub.PrivateKeyPem,
        ["GitHub:WebhookSecret"] = Secret,
        ["GitHub:ApiBaseUrl"] = GitHub.BaseUrl.AbsoluteUri,
        ["GitHub:RetryBaseDelay"] = "00:00:00.050",
        ["Storage:Provider"] = "Sqlite",
        ["Storage:ConnectionString"] = $"Data Source={Path.Combine(DataDirectory, "jobs.db")}",
        ["Queue:Workers"] = "2",
        ["Queue:LeaseSeconds"] = "5",
        ["Queue:PollMilliseconds"] = "100",
        ["Queue:RetryBaseSeconds"] = "1",
        ["Queue:MaxAttempts"] = "3",
    };

    /// <summary>The server's HTTP client; set by whoever hosts the server.</summary>
    public HttpClient Server { get; set; } = null!;

    public static async Task<GitHubAppScenario> StartAsync() => new(await FakeGitHubServer.StartAsync());

    public string NewDeliveryId() => $"72d3162e-cc78-11e3-81ab-{Interlocked.Increment(ref deliveries):D12}";

    /// <summary>Posts a delivery the way GitHub does: event and delivery headers, and the body signed with the secret unless a signature is given.</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string eventName, string body, string? deliveryId = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? NewDeliveryId());
        request.Headers.Add("X-GitHub-Hook-ID", "123456");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "integration");
        request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", GitHub.AppId.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (signature != string.Empty)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature ?? WebhookSignature.Compute(Secret, Encoding.UTF8.GetBytes(body)));
        }

        return await Server.SendAsync(request);
    }

    public Task<HttpResponseMessage> OpenAsync(int number, string headSha, string action = "opened", string? deliveryId = null, bool draft = false) =>
        DeliverAsync("pull_request", GitHubPayloads.PullRequest(action, Owner, Name, InstallationId, number, headSha, draft), deliveryId);

    /// <summary>Someone comments on the pull request (the fake records the comment) and GitHub delivers the event.</summary>
    public Task<HttpResponseMessage> CommentAsync(int number, string body, FakeUser author, string association)
    {
        ArgumentNullException.ThrowIfNull(author);
        var comment = GitHub.AddHumanComment(Repository, number, author, body);
        return DeliverAsync("issue_comment", GitHubPayloads.IssueComment(Owner, Name, InstallationId, number, comment.Id, body, author.Login, association, author.Type));
    }

    /// <summary>Waits (up to a minute) for the fake's state to satisfy <paramref name="condition"/>; fails naming what it waited for and what GitHub received.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!GitHub.Inspect(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited 60 s for {what}. GitHub received:\n{string.Join('\n', GitHub.Requests)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits (up to a minute) until every job in the server's store has reached a final state, so a
    /// test that checks nothing (more) happened checks it after the work was done, not after a guess.
    /// </summary>
    public async Task WaitForJobsToFinishAsync()
    {
        if (Settings["Storage:Provider"] == "Postgres")
        {
            await using var postgres = new PostgresJobStore(Settings["Storage:ConnectionString"], TimeProvider.System);
            await WaitForJobsToFinishAsync(postgres);
        }
        else
        {
            await WaitForJobsToFinishAsync(new SqliteJobStore(Settings["Storage:ConnectionString"], TimeProvider.System));
        }
    }

    private async Task WaitForJobsToFinishAsync(IJobStore store)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await store.CountsAsync(CancellationToken.None) is { } counts && counts.Queued + counts.Leased > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited 60 s for the jobs to finish; {counts}. GitHub received:\n{string.Join('\n', GitHub.Requests)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What GitHub received apart from the server's identity check at start (<c>GET /app</c>).</summary>
    public IReadOnlyList<RecordedRequest> RequestsAfterStart => GitHub.Requests.Where(request => !(request.Method == "GET" && request.Path == "/app")).ToList();

    /// <summary>Waits (up to a minute) for <c>/healthz</c> to answer <paramref name="status"/>; returns its last text.</summary>
    public async Task<string> WaitForHealthAsync(System.Net.HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await Server.GetAsync(new Uri("/healthz", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                return text;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited 60 s for /healthz to answer {status}; it answers {response.StatusCode}: {text}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
