namespace PrReviewBot.Server;

/// <summary>
/// <c>GET /healthz</c>: 200 <c>ok</c> once the server is warm, knows its App identity and its job
/// store takes a real write; 503 with the reason otherwise.
/// </summary>
public static partial class HealthEndpoint
{
    public static async Task<IResult> CheckAsync(ServerReadiness readiness, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        ArgumentNullException.ThrowIfNull(loggers);
        if (readiness.WaitingFor is { } waiting)
        {
            return Results.Text("not ready: waiting for " + waiting, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (await readiness.StoreFaultAsync(cancellationToken).ConfigureAwait(false) is { } fault)
        {
            LogUnhealthy(loggers.CreateLogger(typeof(HealthEndpoint)), fault.GetType().Name, fault.Message);
            return Results.Text("the job store does not accept writes", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text("ok");
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check failed: the job store does not accept writes ({ErrorType}: {Reason})")]
    private static partial void LogUnhealthy(ILogger logger, string errorType, string reason);
}
