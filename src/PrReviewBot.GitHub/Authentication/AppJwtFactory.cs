using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PrReviewBot.GitHub.Authentication;

/// <summary>
/// Signs the JSON web tokens the App authenticates as itself with: RS256, <c>iss</c> the App id,
/// <c>iat</c> 60 seconds in the past against clock drift, <c>exp</c> nine minutes ahead (GitHub allows ten).
/// </summary>
public sealed class AppJwtFactory : IDisposable
{
    private static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    private readonly RSA rsa;
    private readonly SigningCredentials credentials;
    private readonly string issuer;
    private readonly TimeProvider timeProvider;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AppJwtFactory(long appId, string privateKeyPem, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        credentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        issuer = appId.ToString(CultureInfo.InvariantCulture);
        this.timeProvider = timeProvider;
    }

    public string Create()
    {
        var now = timeProvider.GetUtcNow();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            IssuedAt = (now - Backdate).UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = credentials,
        });
    }

    public void Dispose() => rsa.Dispose();
}
