using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class JwtSensitiveClaimRuleTests
{
    [Fact]
    public void Flags_passwords_and_secrets_in_the_claims_of_a_token()
    {
        PythonRuleVerifier.Verify<JwtSensitiveClaimRule>("""
            import jwt
            from jose import jwt as jose_jwt

            [|CLAIMS = {"sub": "service", "password": "x"}|]

            def issue(user, key):
            [|    token = jwt.encode({"sub": user.id, "password": user.password}, key, algorithm="HS256")|]
                service = jwt.encode(CLAIMS, key, algorithm="HS256")
            [|    claims = {"sub": user.id, "client_secret": user.client_secret}|]
                return jose_jwt.encode(claims, key)
            """);
    }

    [Fact]
    public void Ignores_ordinary_claims_token_claims_and_other_encoders()
    {
        PythonRuleVerifier.VerifyNone<JwtSensitiveClaimRule>("""
            import json
            import jwt

            def issue(user, key):
                jwt.encode({"sub": user.id, "token_type": "access", "password_changed_at": 0}, key, algorithm="HS256")
                jwt.encode({"sub": user.id, "csrf_token": user.csrf}, key, algorithm="HS256")
                json.dumps({"password": user.password})
                "text".encode({"password": 1})
            """);
    }
}
