using PrReviewBot.Server;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Webhooks;

if (args.Contains("--healthcheck", StringComparer.Ordinal))
{
    var probe = Environment.GetEnvironmentVariable("PRREVIEWBOT_HEALTHCHECK_URL") ?? "http://127.0.0.1:8080/healthz";
    Environment.ExitCode = await HealthEndpoint.ProbeAsync(new Uri(probe)).ConfigureAwait(false);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPrReviewBot(builder.Configuration);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(45));

var app = builder.Build();
await app.Services.GetRequiredService<IJobStore>().InitializeAsync(app.Lifetime.ApplicationStopping).ConfigureAwait(false);

app.MapPost(WebhookEndpoint.Path, WebhookEndpoint.HandleAsync);
app.MapGet("/healthz", HealthEndpoint.CheckAsync);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The server's entry point; public so integration tests can host it.</summary>
public partial class Program;
