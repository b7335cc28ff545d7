using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PrReviewBot.Load;

/// <summary>One server process (<c>dotnet PrReviewBot.Server.dll</c>) on a free loopback port, configured by environment variables.</summary>
public sealed class LoadServer : IDisposable
{
    private readonly Dictionary<string, string> settings;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public LoadServer(IReadOnlyDictionary<string, string> settings)
    {
        this.settings = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public Uri BaseUrl { get; }

    public int ProcessId => process?.Id ?? 0;

    public bool IsRunning => process is { HasExited: false };

    public string Output => string.Join('\n', output);

    /// <summary>Starts the process and returns once <c>/healthz</c> says ok, with how long that took.</summary>
    public async Task<TimeSpan> StartAsync()
    {
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // PRREVIEWBOT_LOAD_SERVER_DLL runs another build of the server (e.g. an older commit) for a before/after comparison.
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("PRREVIEWBOT_LOAD_SERVER_DLL") ?? Path.Combine(AppContext.BaseDirectory, "PrReviewBot.Server.dll"));
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.AbsoluteUri.TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process?.Dispose();
        var launched = process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        launched.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        launched.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? string.Empty);
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (launched.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {launched.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return started.Elapsed;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"The server did not become healthy in 90 s:\n{Output}");
    }

    /// <summary>SIGKILL: nothing flushed, no lease released.</summary>
    public void KillHard()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        process?.Dispose();
        process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
