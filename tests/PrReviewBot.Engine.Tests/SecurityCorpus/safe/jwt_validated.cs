using Microsoft.IdentityModel.Tokens;
class Auth
{
    TokenValidationParameters Parameters(SecurityKey key)
    {
        return new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
        };
    }
}
