using Microsoft.Extensions.Options;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub;
using PrReviewBot.GitHub.Publishing;
using PrReviewBot.GitHub.Snapshots;
using PrReviewBot.Server.Configuration;
using PrReviewBot.Server.Queue;
using PrReviewBot.Server.Reviews;
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
        services.AddSingleton(provider => (IReviewRecordStore)provider.GetRequiredService<IJobStore>());
        services.AddSingleton<JobSignal>();
        services.AddScoped<ReviewWebhookProcessor>();

        services.AddSingleton<GitHubClientFactory>();
        services.AddSingleton<PullRequestLoader>();
        services.AddSingleton<CheckRunPublisher>();
        services.AddSingleton<ReviewPublisher>();
        services.AddSingleton<PullRequestConversation>();
        services.AddSingleton(_ => new ReviewEngine());
        services.AddSingleton<ReviewCpu>();
        services.AddSingleton<ReviewJobRunner>();
        services.AddSingleton<ServerReadiness>();
        services.AddHostedService<AppIdentityMonitor>();
        services.AddHostedService<ReviewWorker>();
        return services;
    }

    private static RelationalJobStore CreateStore(StorageOptions storage, TimeProvider timeProvider)
    {
        try
        {
            return CreateNamedStore(storage, timeProvider);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"Storage:ConnectionString is not usable for Storage:Provider '{storage.Provider}': {exception.Message}", exception);
        }
    }

    private static RelationalJobStore CreateNamedStore(StorageOptions storage, TimeProvider timeProvider) => storage.Provider.ToUpperInvariant() switch
    {
        "SQLITE" => new SqliteJobStore(storage.ConnectionString, timeProvider),
        "POSTGRES" or "POSTGRESQL" when storage.ConnectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase) => throw new InvalidOperationException(
            "Storage:Provider is 'Postgres' but Storage:ConnectionString is still a SQLite file; set it to Host=...;Database=...;Username=...;Password=..."),
        "POSTGRES" or "POSTGRESQL" => new PostgresJobStore(storage.ConnectionString, timeProvider, new PostgresPool(storage.MaxPoolSize, storage.ConnectionIdleSeconds, storage.ConnectTimeoutSeconds)),
        _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is unknown; use 'Sqlite' (one replica) or 'Postgres' (several)."),
    };

    /// <summary>Names every missing or wrong GitHub setting at start, rather than failing on the first delivery.</summary>
    private sealed class GitHubAppOptionsValidator : IValidateOptions<GitHubAppOptions>
    {
        public ValidateOptionsResult Validate(string? name, GitHubAppOptions options)
        {
            var problems = options.Problems().ToList();
            if (problems.Count == 0 && !HoldsPrivateKey(options))
            {
                problems.Add("GitHub:PrivateKey (or the file at GitHub:PrivateKeyPath) is a public key; give the App's private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----) from the App's settings page.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }

        /// <summary>A public key imports as RSA too, and would only fail when the first JWT is signed.</summary>
        private static bool HoldsPrivateKey(GitHubAppOptions options)
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(options.ReadPrivateKey());
            try
            {
                rsa.ExportParameters(includePrivateParameters: true);
                return true;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return false;
            }
        }
    }
}
