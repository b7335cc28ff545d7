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
    private static readonly (string Event, string Json)[] Samples =
    [
        ("pull_request", """
            {"action":"opened","number":1,
             "pull_request":{"id":1,"number":1,"state":"open","draft":false,"title":"warm-up","user":{"login":"warm-up","id":1,"type":"User"},
               "head":{"ref":"h","sha":"0000000000000000000000000000000000000000","label":"h"},"base":{"ref":"b","sha":"0000000000000000000000000000000000000000","label":"b"}},
             "repository":{"id":1,"name":"warm-up","full_name":"warm-up/warm-up","owner":{"login":"warm-up","id":1,"type":"User"}},
             "sender":{"login":"warm-up","id":1,"type":"User"},"installation":{"id":1}}
            """),
        ("issue_comment", """
            {"action":"created",
             "issue":{"id":1,"number":1,"title":"warm-up","state":"open","user":{"login":"warm-up","id":1,"type":"User"},"pull_request":{"url":"https://example.invalid/"}},
             "comment":{"id":1,"body":"/review","author_association":"OWNER","user":{"login":"warm-up","id":1,"type":"User"}},
             "repository":{"id":1,"name":"warm-up","full_name":"warm-up/warm-up","owner":{"login":"warm-up","id":1,"type":"User"}},
             "sender":{"login":"warm-up","id":1,"type":"User"},"installation":{"id":1}}
            """),
    ];

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookWarmUp));
        var store = services.GetRequiredService<IJobStore>();
        await store.WarmUpAsync(cancellationToken).ConfigureAwait(false);

        var secret = services.GetRequiredService<IOptions<GitHubAppOptions>>().Value.WebhookSecret ?? string.Empty;
        var limits = services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var budget = services.GetRequiredService<WebhookBodyBudget>();
        foreach (var (eventName, json) in Samples)
        {
            try
            {
                var bytes = Encoding.UTF8.GetBytes(json);
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
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSkipped(logger, eventName, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warm-up delivery '{Event}' was not parsed ({Reason}); the first real one compiles the rest")]
    private static partial void LogSkipped(ILogger logger, string @event, string reason);
}
