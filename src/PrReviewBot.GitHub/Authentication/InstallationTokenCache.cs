using System.Collections.Concurrent;

namespace PrReviewBot.GitHub.Authentication;

/// <summary>An installation access token and when GitHub said it stops working.</summary>
public sealed record InstallationToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Installation tokens last an hour; this keeps one per installation and asks for a new one five
/// minutes before the old one expires, so no request goes out with a token about to lapse.
/// </summary>
public sealed class InstallationTokenCache : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Func<long, CancellationToken, Task<InstallationToken>> create;
    private readonly TimeProvider timeProvider;
    private readonly ConcurrentDictionary<long, InstallationToken> tokens = new();
    private readonly SemaphoreSlim refresh = new(1, 1);

    public InstallationTokenCache(Func<long, CancellationToken, Task<InstallationToken>> create, TimeProvider timeProvider)
    {
        this.create = create;
        this.timeProvider = timeProvider;
    }

    public async Task<string> GetTokenAsync(long installationId, CancellationToken cancellationToken)
    {
        if (TryFresh(installationId) is { } token)
        {
            return token;
        }

        await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryFresh(installationId) is { } raced)
            {
                return raced;
            }

            var created = await create(installationId, cancellationToken).ConfigureAwait(false);
            tokens[installationId] = created;
            return created.Token;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>Forgets a token GitHub refused (revoked, or the installation's permissions changed).</summary>
    public void Invalidate(long installationId) => tokens.TryRemove(installationId, out _);

    /// <summary>Forgets <paramref name="token"/> if it is still the one held, so a token another request already renewed is kept.</summary>
    public void Invalidate(long installationId, string token)
    {
        if (tokens.TryGetValue(installationId, out var held) && string.Equals(held.Token, token, StringComparison.Ordinal))
        {
            tokens.TryRemove(KeyValuePair.Create(installationId, held));
        }
    }

    public void Dispose() => refresh.Dispose();

    private string? TryFresh(long installationId) =>
        tokens.TryGetValue(installationId, out var token) && token.ExpiresAt - timeProvider.GetUtcNow() > RefreshMargin
            ? token.Token
            : null;
}
