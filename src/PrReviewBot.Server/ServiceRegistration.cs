using Microsoft.Extensions.Options;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub;
using PrReviewBot.GitHub.Publishing;
using PrReviewBot.GitHub.Snapshots;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Webhooks;
using PrReviewBot.Server.Workers;

namespace PrReviewBot.Server;

/// <summary>Everything the server is made of, registered in one place.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddPrReviewBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<GitHubAppOptions>()
            .Bind(configuration.GetSection(GitHubAppOptions.SectionName))
            .Validate(options => options.Problems().Count == 0, "GitHub settings are incomplete")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubAppOptions>, GitHubAppOptionsValidator>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.SectionName));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddSingleton<WebhookBodyBudget>();
        services.AddOptions<ReviewTriggerOptions>().Bind(configuration.GetSection(ReviewTriggerOptions.SectionName));

        services.AddSingleton<IJobStore>(provider => CreateStore(provider.GetRequiredService<IOptions<StorageOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JobSignal>();
        services.AddScoped<ReviewWebhookProcessor>();

        services.AddSingleton<GitHubClientFactory>();
        services.AddSingleton<PullRequestLoader>();
        services.AddSingleton<CheckRunPublisher>();
        services.AddSingleton<ReviewPublisher>();
        services.AddSingleton<PullRequestConversation>();
        services.AddSingleton(_ => new ReviewEngine());
        services.AddSingleton<ReviewJobRunner>();
        services.AddHostedService<ReviewWorker>();
        return services;
    }

    private static RelationalJobStore CreateStore(StorageOptions storage, TimeProvider timeProvider) => storage.Provider.ToUpperInvariant() switch
    {
        "SQLITE" => new SqliteJobStore(storage.ConnectionString, timeProvider),
        "POSTGRES" or "POSTGRESQL" when storage.ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) => throw new InvalidOperationException(
            "Storage:Provider is 'Postgres' but Storage:ConnectionString is still a SQLite file; set it to Host=...;Database=...;Username=...;Password=..."),
        "POSTGRES" or "POSTGRESQL" => new PostgresJobStore(storage.ConnectionString, timeProvider),
        _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is unknown; use 'Sqlite' (one replica) or 'Postgres' (several)."),
    };

    /// <summary>Names every missing or wrong GitHub setting at start, rather than failing on the first delivery.</summary>
    private sealed class GitHubAppOptionsValidator : IValidateOptions<GitHubAppOptions>
    {
        public ValidateOptionsResult Validate(string? name, GitHubAppOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
