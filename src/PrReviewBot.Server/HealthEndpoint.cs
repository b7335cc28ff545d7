using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server;

/// <summary><c>GET /healthz</c>: 200 <c>ok</c> while the job store answers, 503 when it does not.</summary>
public static partial class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(IJobStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loggers);
        try
        {
            await store.CountsAsync(cancellationToken).ConfigureAwait(false);
            return Results.Text("ok");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnhealthy(loggers.CreateLogger(typeof(HealthEndpoint)), exception);
            return Results.Text("the job store does not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>
    /// <c>--healthcheck</c>: asks a running server's <c>/healthz</c> (for container health checks,
    /// where no curl is installed). Returns the process exit code: 0 healthy, 1 not.
    /// </summary>
    public static async Task<int> ProbeAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await client.GetAsync(url).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check failed: the job store does not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
