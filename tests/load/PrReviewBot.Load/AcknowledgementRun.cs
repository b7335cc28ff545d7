using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using PrReviewBot.FakeGitHub;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Load;

/// <summary>
/// Signed deliveries at a fixed rate (open loop: each is sent at its time, whatever the answers
/// before it) against freshly started replicas, the client acting as their load balancer; then
/// every acknowledged delivery must be a job in the store, and no pull request may get two summaries.
/// </summary>
public static class AcknowledgementRun
{
    private const int PullRequests = 20;

    public static async Task<int> RunAsync(string storeKind, int replicas, int rate, int seconds, int killAt, int restartAt, int githubMilliseconds)
    {
        await using var github = await FakeGitHubServer.StartAsync();
        // GitHub's REST API answers in 100-300 ms; a fake answering at once would let the reviews of 6,000 pushes run at a
        // pace GitHub's rate limits never allow (5,000 requests an hour per installation) and compete for this machine's cores.
        github.Latency = TimeSpan.FromMilliseconds(Math.Max(0, githubMilliseconds));
        Console.WriteLine($"fake GitHub answers after {github.Latency.TotalMilliseconds:0} ms");
        var repository = github.AddRepository(Deliveries.Owner, Deliveries.Repository, Deliveries.InstallationId);
        for (var number = 1; number <= PullRequests; number++)
        {
            github.OpenPullRequest(repository, number, Deliveries.Sha(0), FakeFile.Added($"app/orders_{number}.py", "def total(items):\n    return sum(item.price for item in items)\n"));
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        var directory = Directory.CreateTempSubdirectory("prreviewbot-load-").FullName;
        string? database = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GitHub:AppId"] = github.AppId.ToString(CultureInfo.InvariantCulture),
            ["GitHub:PrivateKey"] = github.PrivateKeyPem,
            ["GitHub:WebhookSecret"] = secret,
            ["GitHub:ApiBaseUrl"] = github.BaseUrl.AbsoluteUri,
            ["Queue:Workers"] = "2",
        };
        string connectionString;
        if (storeKind == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("PRREVIEWBOT_LOAD_POSTGRES") ?? throw new InvalidOperationException("PRREVIEWBOT_LOAD_POSTGRES is not set");
            database = "prreviewbot_load_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(server, $"CREATE DATABASE {database};");
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            settings["Storage:Provider"] = "Postgres";
            Console.WriteLine($"PostgreSQL max_connections: {await ScalarAsync(server, "SHOW max_connections;")}");
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(directory, "jobs.db")}";
            settings["Storage:Provider"] = "Sqlite";
        }

        settings["Storage:ConnectionString"] = connectionString;
        var servers = Enumerable.Range(0, Math.Max(1, replicas)).Select(_ => new LoadServer(settings)).ToList();
        try
        {
            foreach (var server in servers)
            {
                Console.WriteLine($"replica {server.BaseUrl}: healthy after {(await server.StartAsync()).TotalSeconds:0.0} s");
            }

            var result = await SendAsync(servers, secret, rate, seconds, killAt, restartAt);
            var stored = await StoredDeliveriesAsync(storeKind, connectionString);
            var lost = result.Acknowledged.Where(id => !stored.Contains(id)).ToList();
            Console.WriteLine($"acknowledged 202: {result.Acknowledged.Count}; jobs in the store for them: {result.Acknowledged.Count - lost.Count}; lost: {lost.Count}");

            var drained = await WaitForQueueToDrainAsync(storeKind, connectionString, TimeSpan.FromMinutes(3));
            var summaries = github.Inspect(() => repository.IssueComments.Where(comment => comment.Body.Contains("<!-- prreviewbot:summary -->", StringComparison.Ordinal)).GroupBy(comment => comment.IssueNumber).Select(group => group.Count()).DefaultIfEmpty(0).Max());
            Console.WriteLine($"queue drained: {drained}; most summaries on one pull request: {summaries}");
            Console.WriteLine($"jobs by outcome: {await JobOutcomesAsync(storeKind, connectionString)}; GitHub requests answered by the fake: {github.RequestCount}");

            var ok = lost.Count == 0 && result.Failed == 0 && summaries <= 1;
            Console.WriteLine(ok ? "RESULT: ok" : "RESULT: FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (database is not null)
            {
                await ExecuteAsync(Environment.GetEnvironmentVariable("PRREVIEWBOT_LOAD_POSTGRES")!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(HashSet<string> Acknowledged, int Failed)> SendAsync(List<LoadServer> servers, string secret, int rate, int seconds, int killAt, int restartAt)
    {
        var clients = servers.Select(server => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var latencies = new ConcurrentBag<double>();
        var timeline = new ConcurrentBag<(double SentAt, double Milliseconds)>();
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var rerouted = 0;
        var firstRefusalShown = 0;
        var peaks = new double[servers.Count];
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                for (var index = 0; index < servers.Count; index++)
                {
                    if (servers[index].IsRunning)
                    {
                        peaks[index] = Math.Max(peaks[index], Machine.Memory(servers[index].ProcessId).Rss);
                    }
                }

                await Task.Delay(100);
            }
        });

        await WarmClientAsync(clients, secret);
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        Task? restart = null;
        var killed = false;
        // A load balancer sends to a replica only once its readiness check (/healthz) passes, as Kubernetes does; a replica
        // that dies stays listed until connections to it fail, and those deliveries go to the next one.
        var ready = servers.Select(_ => true).ToArray();
        for (var index = 0; index < total; index++)
        {
            // Read the clock once: between a check and a second reading the wait can turn negative, which Task.Delay refuses.
            var wait = TimeSpan.FromSeconds((double)index / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (servers.Count > 1 && killAt >= 0 && !killed && clock.Elapsed >= TimeSpan.FromSeconds(killAt))
            {
                killed = true;
                servers[^1].KillHard();
                Console.WriteLine($"t={clock.Elapsed.TotalSeconds:0.0} s: replica {servers[^1].BaseUrl} SIGKILLed");
            }

            if (killed && restart is null && restartAt >= 0 && clock.Elapsed >= TimeSpan.FromSeconds(restartAt))
            {
                var at = clock.Elapsed;
                Volatile.Write(ref ready[^1], false);
                restart = Task.Run(async () =>
                {
                    var healthyAfter = await servers[^1].StartAsync();
                    Volatile.Write(ref ready[^1], true);
                    Console.WriteLine($"t={at.TotalSeconds:0.0} s: replica restarted, healthy (back in rotation) after {healthyAfter.TotalSeconds:0.0} s");
                });
            }

            var delivery = string.Create(CultureInfo.InvariantCulture, $"load-{index}");
            var body = Deliveries.PullRequest(1 + (index % PullRequests), Deliveries.Sha(index + 1));
            var first = index % servers.Count;
            sends.Add(Task.Run(async () =>
            {
                for (var attempt = 0; attempt < servers.Count * 3; attempt++)
                {
                    var target = (first + attempt) % servers.Count;
                    if (!Volatile.Read(ref ready[target]) && ready.Any(candidate => candidate))
                    {
                        continue;
                    }

                    using var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Path) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new("application/json");
                    request.Headers.Add("X-GitHub-Event", "pull_request");
                    request.Headers.Add("X-GitHub-Delivery", delivery);
                    request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secret, body));
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await clients[target].SendAsync(request);
                        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        latencies.Add(milliseconds);
                        timeline.Add((clock.Elapsed.TotalSeconds - (milliseconds / 1000), milliseconds));
                        statuses.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, count) => count + 1);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            acknowledged[delivery] = true;
                        }
                        else if ((int)response.StatusCode >= 300 && Interlocked.Exchange(ref firstRefusalShown, 1) == 0)
                        {
                            Console.WriteLine($"first refusal: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        }

                        return;
                    }
                    catch (HttpRequestException exception) when (exception.InnerException is SocketException || exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded)
                    {
                        // The replica is down, as a load balancer would find: the delivery goes to another one.
                        Interlocked.Increment(ref rerouted);
                    }
                }

                statuses.AddOrUpdate("no answer", 1, (_, count) => count + 1);
            }));
        }

        await Task.WhenAll(sends);
        var sendSeconds = clock.Elapsed.TotalSeconds;
        if (restart is not null)
        {
            await restart;
        }

        await sampling.CancelAsync();
        await sampler;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"sent {total} deliveries in {sendSeconds:0.0} s ({total / sendSeconds:0} per s); answers: {string.Join(", ", statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} x{pair.Value}"))}; rerouted after a connection failure: {rerouted}");
        Console.WriteLine($"acknowledgement latency (client, ms): p50 {Percentile(0.50):0.0}, p90 {Percentile(0.90):0.0}, p99 {Percentile(0.99):0.0}, max {sorted.LastOrDefault():0.0}");
        // Where the tail sits in time: a slow start (JIT, warm-up) reads differently from stalls spread over the run.
        var windows = timeline
            .GroupBy(sample => (int)(sample.SentAt / 5))
            .OrderBy(window => window.Key)
            .Select(window =>
            {
                var inWindow = window.Select(sample => sample.Milliseconds).Order().ToArray();
                return string.Create(CultureInfo.InvariantCulture, $"{window.Key * 5}-{(window.Key + 1) * 5} s {inWindow[(int)Math.Ceiling(0.99 * inWindow.Length) - 1]:0}");
            });
        Console.WriteLine($"p99 by 5 s of sending (ms): {string.Join(", ", windows)}");
        Console.WriteLine($"replica peak RSS (MB): {string.Join(", ", peaks.Select(peak => peak.ToString("0", CultureInfo.InvariantCulture)))}");
        var failed = statuses.Where(pair => pair.Key is not ("202" or "200")).Sum(pair => pair.Value);
        return (acknowledged.Keys.ToHashSet(StringComparer.Ordinal), failed);
    }

    /// <summary>
    /// Two seconds of signed <c>ping</c> deliveries (GitHub sends one when a webhook is set up; the server answers 200 and
    /// stores nothing) before the clock starts: the client compiles its own sending code then, so its JIT is not
    /// counted as the server's latency.
    /// </summary>
    private static async Task WarmClientAsync(List<HttpClient> clients, string secret)
    {
        var body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}"u8.ToArray();
        var answered = 0;
        for (var index = 0; index < 200; index++)
        {
            foreach (var client in clients)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add("X-GitHub-Event", "ping");
                request.Headers.Add("X-GitHub-Delivery", string.Create(CultureInfo.InvariantCulture, $"warm-up-{index}"));
                request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(secret, body));
                using var response = await client.SendAsync(request);
                answered += response.IsSuccessStatusCode ? 1 : 0;
            }

            await Task.Delay(10);
        }

        Console.WriteLine($"client warm-up: {answered} of {200 * clients.Count} ping deliveries answered 2xx (not measured, nothing stored)");
    }

    private static async Task<HashSet<string>> StoredDeliveriesAsync(string storeKind, string connectionString)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenStoreAsync(storeKind, connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT delivery_id FROM jobs WHERE delivery_id LIKE 'load-%';";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }

    private static async Task<string> JobOutcomesAsync(string storeKind, string connectionString)
    {
        await using var connection = await OpenStoreAsync(storeKind, connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM jobs WHERE delivery_id LIKE 'load-%' GROUP BY state ORDER BY state;";
        await using var reader = await command.ExecuteReaderAsync();
        var outcomes = new List<string>();
        while (await reader.ReadAsync())
        {
            outcomes.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)}"));
        }

        return string.Join(", ", outcomes);
    }

    private static async Task<bool> WaitForQueueToDrainAsync(string storeKind, string connectionString, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            await using var connection = await OpenStoreAsync(storeKind, connectionString);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM jobs WHERE state IN ('Queued', 'Leased');";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == 0)
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }

    /// <summary>An open connection to the replicas' job store, to check what they stored.</summary>
    private static async Task<System.Data.Common.DbConnection> OpenStoreAsync(string storeKind, string connectionString)
    {
        System.Data.Common.DbConnection connection = storeKind == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "?";
    }
}
