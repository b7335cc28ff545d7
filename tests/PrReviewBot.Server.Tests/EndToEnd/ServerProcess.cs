using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>
/// The server as it runs in production: <c>dotnet PrReviewBot.Server.dll</c> in its own process,
/// configured only through environment variables, so a test can kill it with SIGKILL.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the server logged, for failure messages.</summary>
    public string Output => string.Join('\n', output);

    public static async Task<ServerProcess> StartAsync(GitHubAppScenario scenario, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var server = Launch(scenario, overrides);
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>Starts a server expected to stop by itself (a setting it refuses); returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(GitHubAppScenario scenario, IReadOnlyDictionary<string, string>? overrides = null)
    {
        using var server = Launch(scenario, overrides);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await server.process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The server was expected to stop by itself within 90 s:\n{server.Output}");
        }

        return (server.process.ExitCode, server.Output);
    }

    private static ServerProcess Launch(GitHubAppScenario scenario, IReadOnlyDictionary<string, string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PrReviewBot.Server.dll"));
        start.Environment["ASPNETCORE_URLS"] = baseUrl.AbsoluteUri.TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        // Later entries win: the overrides replace the scenario's settings of the same name.
        foreach (var (key, value) in scenario.Settings.Concat(overrides ?? new Dictionary<string, string>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, baseUrl);
        process.OutputDataReceived += (_, line) => server.output.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => server.output.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hook, no lease released, nothing flushed.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as <c>docker stop</c> and Kubernetes send it; waits for the process to exit and returns its exit code.</summary>
    public int StopGracefully()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            Assert.Fail($"The server did not stop within 60 s of SIGTERM:\n{Output}");
        }

        // WaitForExit with a timeout returns when the process ends, possibly before the last
        // redirected lines are read; the overload without one also waits for the streams to close.
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The server exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The server did not become healthy in 60 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
