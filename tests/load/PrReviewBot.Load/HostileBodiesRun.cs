using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using PrReviewBot.FakeGitHub;

namespace PrReviewBot.Load;

/// <summary>
/// Many concurrent large chunked bodies that claim a signature they do not have, sent on raw
/// sockets so nothing in the client buffers them; the server's resident memory is sampled
/// throughout. Every answer must be 4xx: a hostile request never gets a 5xx.
/// </summary>
public static class HostileBodiesRun
{
    public static async Task<int> RunAsync(int bodies, int megabytes)
    {
        await using var github = await FakeGitHubServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("prreviewbot-load-").FullName;
        using var server = new LoadServer(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GitHub:AppId"] = github.AppId.ToString(CultureInfo.InvariantCulture),
            ["GitHub:PrivateKey"] = github.PrivateKeyPem,
            ["GitHub:WebhookSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
            ["GitHub:ApiBaseUrl"] = github.BaseUrl.AbsoluteUri,
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "jobs.db")}",
        });
        try
        {
            await server.StartAsync();
            var before = Machine.Memory(server.ProcessId);
            var peak = before.Rss;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Machine.Memory(server.ProcessId).Rss);
                    await Task.Delay(50);
                }
            });

            var answers = await Task.WhenAll(Enumerable.Range(0, bodies).Select(index => SendAsync(server.BaseUrl, index, megabytes * 1024L * 1024)));
            await Task.Delay(TimeSpan.FromSeconds(5));
            await sampling.CancelAsync();
            await sampler;
            var after = Machine.Memory(server.ProcessId);

            Console.WriteLine($"{bodies} concurrent unsigned {megabytes} MB chunked bodies: answers {string.Join(", ", answers.GroupBy(answer => answer).OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => $"{group.Key} x{group.Count()}"))}");
            Console.WriteLine($"server RSS (MB): before {before.Rss:0}, peak {Math.Max(peak, after.Peak):0} (VmHWM {after.Peak:0}), 5 s after {after.Rss:0}");
            var ok = answers.All(answer => answer.StartsWith('4')) && after.Peak < 400;
            Console.WriteLine(ok ? "RESULT: ok" : "RESULT: FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            server.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Sends the body chunk by chunk until the server answers or the body ends; returns the status code, or what went wrong.</summary>
    private static async Task<string> SendAsync(Uri server, int index, long length)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = $"POST /api/github/webhooks HTTP/1.1\r\nHost: {server.Authority}\r\nX-GitHub-Event: pull_request\r\nX-GitHub-Delivery: hostile-{index}\r\n" +
            $"X-Hub-Signature-256: sha256={new string('0', 64)}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        var frame = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        var reading = ReadStatusAsync(stream);
        try
        {
            for (long sent = 0; sent < length && !reading.IsCompleted; sent += chunk.Length)
            {
                await stream.WriteAsync(frame);
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            if (!reading.IsCompleted)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection before the body ended.
        }

        return await reading.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task<string> ReadStatusAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        try
        {
            var read = await stream.ReadAsync(buffer);
            var line = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
            return line.Split(' ') is [_, var status, ..] ? status : "no answer";
        }
        catch (IOException exception)
        {
            return "connection error: " + exception.Message;
        }
    }
}
