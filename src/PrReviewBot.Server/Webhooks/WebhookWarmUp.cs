using System.Text;
using Microsoft.Extensions.Options;
using PrReviewBot.GitHub;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;

namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// Runs the acknowledgement path once before the server listens: a synthetic signed delivery of
/// each kind is read, verified and parsed into its job, and the store runs its enqueue statements
/// in a transaction it rolls back. The first real deliveries then meet compiled code and open,
/// prepared connections instead of paying for them (seconds, on a fresh process under load).
/// </summary>
public static partial class WebhookWarmUp
{
    private static readonly string[] Events = ["pull_request", "issue_comment"];

    /// <summary>Returns how many of the synthetic deliveries were read into a job (all of them, unless a payload shape changed).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookWarmUp));
        var store = services.GetRequiredService<IJobStore>();
        await store.WarmUpAsync(cancellationToken).ConfigureAwait(false);

        var secret = services.GetRequiredService<IOptions<GitHubAppOptions>>().Value.WebhookSecret ?? string.Empty;
        var limits = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var budget = services.GetRequiredService<WebhookBodyBudget>();
        var parsed = 0;
        foreach (var eventName in Events)
        {
            try
            {
                var bytes = Sample(eventName);
                using var body = await WebhookBody.ReadAsync(new MemoryStream(bytes), secret, limits.MaxBodyBytes, budget, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                _ = body.IsSignedBy(WebhookSignature.Compute(secret, bytes));
                await using var scope = services.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<ReviewWebhookProcessor>();
                var headers = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase)
                {
                    ["X-GitHub-Event"] = eventName,
                    ["X-GitHub-Delivery"] = "warm-up",
                };

                // Parsed only: CommitAsync is never called, so nothing is stored.
                await processor.ProcessWebhookAsync(headers, Encoding.UTF8.GetString(body.ToArray()), cancellationToken).ConfigureAwait(false);
                parsed += processor.Request is null ? 0 : 1;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSkipped(logger, eventName, exception.Message);
            }
        }

        return parsed;
    }

    /// <summary>A delivery shaped as GitHub sends it (every field Octokit.Webhooks requires), embedded from <c>Webhooks/WarmUp</c>.</summary>
    private static byte[] Sample(string eventName)
    {
        using var resource = typeof(WebhookWarmUp).Assembly.GetManifestResourceStream($"WarmUp.{eventName}.json")
            ?? throw new InvalidOperationException($"The warm-up sample for '{eventName}' is not embedded.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up delivery '{Event}' was not parsed ({Reason}); the first real deliveries will be slower")]
    private static partial void LogSkipped(ILogger logger, string @event, string reason);
}
