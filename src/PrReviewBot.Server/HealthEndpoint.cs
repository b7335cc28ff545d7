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

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check failed: the job store does not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
