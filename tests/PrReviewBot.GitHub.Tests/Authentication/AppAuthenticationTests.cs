using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrReviewBot.GitHub.Authentication;

namespace PrReviewBot.GitHub.Tests.Authentication;

public sealed class AppAuthenticationTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_app_jwt_is_signed_with_rs256_backdated_a_minute_and_lives_at_most_ten_minutes()
    {
        // A key made for this test only; no key is stored in the repository.
        using var rsa = RSA.Create(2048);
        using var factory = new AppJwtFactory(123456, rsa.ExportRSAPrivateKeyPem(), clock);

        var jwt = factory.Create();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = "123456",
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = new JsonWebToken(jwt);
        Assert.Equal("RS256", token.Alg);
        var now = clock.GetUtcNow().UtcDateTime;
        Assert.InRange((now - token.IssuedAt).TotalSeconds, 59, 61);
        Assert.InRange((token.ValidTo - token.IssuedAt).TotalMinutes, 1, 10);
    }

    [Fact]
    public async Task Installation_tokens_are_cached_per_installation_and_refreshed_before_they_expire()
    {
        var created = 0;
        using var cache = new InstallationTokenCache((installation, _) =>
        {
            created++;
            return Task.FromResult(new InstallationToken($"token-{installation}-{created}", clock.GetUtcNow().AddHours(1)));
        }, clock);

        Assert.Equal("token-1-1", await cache.GetTokenAsync(1, CancellationToken.None));
        Assert.Equal("token-1-1", await cache.GetTokenAsync(1, CancellationToken.None));
        Assert.Equal("token-2-2", await cache.GetTokenAsync(2, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("token-1-3", await cache.GetTokenAsync(1, CancellationToken.None));

        cache.Invalidate(2);
        Assert.Equal("token-2-4", await cache.GetTokenAsync(2, CancellationToken.None));
    }
}
