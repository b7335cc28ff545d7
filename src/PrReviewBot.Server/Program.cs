using PrReviewBot.Server;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Webhooks;
using PrReviewBot.Server.Workers;

if (args.Contains("--healthcheck", StringComparer.Ordinal))
{
    var probe = Environment.GetEnvironmentVariable("PRREVIEWBOT_HEALTHCHECK_URL") ?? "http://127.0.0.1:8080/healthz";
    Environment.ExitCode = await HealthEndpoint.ProbeAsync(new Uri(probe)).ConfigureAwait(false);
    return;
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddPrReviewBot(builder.Configuration);
    builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(45));

    var app = builder.Build();
    var store = app.Services.GetRequiredService<IJobStore>();
    try
    {
        await store.InitializeAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);
    }
    catch (Exception exception) when (exception is not OperationCanceledException)
    {
        throw new InvalidOperationException($"the job store named by Storage:Provider and Storage:ConnectionString could not be opened: {exception.Message}", exception);
    }

    await WebhookWarmUp.RunAsync(app.Services, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
    await EngineWarmUp.RunAsync(app.Services, app.Lifetime.ApplicationStopping).ConfigureAwait(false);
    // What start-up and the warm-ups keep (Roslyn's reference assemblies, caches) is promoted to the oldest
    // generation now, while no request waits: otherwise the first collections under load copy it, and
    // their pauses (40 ms measured) hold the first acknowledgements.
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    app.MapPost(WebhookEndpoint.Path, WebhookEndpoint.HandleAsync);
    app.MapGet("/healthz", HealthEndpoint.CheckAsync);
    await app.RunAsync().ConfigureAwait(false);
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    // Exit 1 with a message, never an unhandled exception's abort; a wrong setting is named without a stack trace.
    var configuration = ServerStartFailure.IsConfiguration(exception);
    await Console.Error.WriteLineAsync("PrReviewBot cannot start: " + (configuration ? ServerStartFailure.Describe(exception) : exception.ToString())).ConfigureAwait(false);
    Environment.ExitCode = 1;
}

/// <summary>The server's entry point; public so integration tests can host it.</summary>
public partial class Program;
