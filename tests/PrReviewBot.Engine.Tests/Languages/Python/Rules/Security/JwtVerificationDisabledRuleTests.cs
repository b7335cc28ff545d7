using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class JwtVerificationDisabledRuleTests
{
    [Fact]
    public void Flags_decoding_with_the_signature_check_off()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt

            def user(token, key):
                [|a = jwt.decode(token, verify=False)|]
                [|b = jwt.decode(token, key, options={"verify_signature": False})|]
                [|c = jwt.decode(token, options=dict(verify_signature=False))|]
                [|d = jwt.decode(token, options=[("verify_signature", False), ("require", ["exp"])])|]
                return a, b, c, d
            """);
    }

    [Fact]
    public void Flags_options_built_in_a_variable_of_the_same_scope()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt

            def user(token, key):
                [|opts = {"verify_signature": False}
                a = jwt.decode(token, key, options=opts)|]
                off = False
                [|settings = {"verify_signature": off, "verify_exp": True}
                b = jwt.decode(token, key, options=settings)|]
                flags = {}
                [|flags["verify_signature"] = False
                c = jwt.decode(token, key, algorithms=["HS256"], options=flags)|]
                checked = {"verify_signature": False}
                checked = {"verify_signature": True}
                d = jwt.decode(refresh_token, key, algorithms=["HS256"], options=checked)
                return a, b, c, d
            """);
    }

    [Fact]
    public void Flags_a_peek_that_is_never_followed_by_a_verifying_decode()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt

            def user(token, key):
                [|claims = jwt.decode(token, options={"verify_signature": False})|]
                jwt.decode(token, key)
                return claims
            """);
    }

    [Fact]
    public void Flags_the_none_algorithm_and_unverified_claims()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt
            from jose import jwt as jose_jwt
            import python_jwt

            def issue(payload):
                [|return jwt.encode(payload, None, algorithm="none")|]

            def read(token):
                [|claims = jwt.decode(token, None, algorithms=["none"])|]
                [|other = jose_jwt.get_unverified_claims(token)|]
                [|header, parsed = python_jwt.process_jwt(token)|]
                return claims, other, parsed

            def role(token):
                [|header = jwt.get_unverified_header(token)|]
                return header["role"]
            """);
    }

    [Fact]
    public void Ignores_verified_decoding_and_peeking_before_verifying()
    {
        PythonRuleVerifier.VerifyNone<JwtVerificationDisabledRule>("""
            import jwt
            import python_jwt

            def user(token, key):
                return jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": True, "verify_exp": False})

            def by_issuer(token, keys):
                unverified = jwt.decode(token, options={"verify_signature": False})
                key = keys[unverified["iss"]]
                return jwt.decode(token, key, algorithms=["RS256"])

            def by_kid(token, jwks):
                kid = jwt.get_unverified_header(token)["kid"]
                header = jwt.get_unverified_header(token)
                if header.get("alg") != "RS256":
                    raise ValueError("unexpected algorithm")
                return jwks[kid], header.get("kid")

            def legacy(token, key):
                header, claims = python_jwt.verify_jwt(token, key, ["RS256"])
                header2, claims2 = python_jwt.process_jwt(token)
                return claims

            def issue(payload, key):
                return jwt.encode(payload, key, algorithm="HS256")

            def unrelated(data):
                return base64.decode(data, verify=False)
            """);
    }

    [Fact]
    public void Flags_an_algorithm_taken_unchecked_from_the_token_header()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt

            def inline(token, key):
                [|header = jwt.get_unverified_header(token)|]
                return jwt.decode(token, key, algorithms=[header.get("alg")])

            def through_a_name(token, key):
                [|header = jwt.get_unverified_header(token)|]
                alg = header["alg"]
                return jwt.decode(token, key, algorithms=[alg])

            def checked(token, key):
                header = jwt.get_unverified_header(token)
                alg = header.get("alg")
                if alg not in ["RS256", "ES256"]:
                    raise ValueError("unsupported algorithm")
                return jwt.decode(token, key, algorithms=[alg])
            """);
    }

    [Fact]
    public void Ignores_an_unverified_peek_that_only_compares_one_routing_claim()
    {
        PythonRuleVerifier.VerifyNone<JwtVerificationDisabledRule>("""
            import jwt

            def is_own_token(token: str) -> bool:
                try:
                    payload = jwt.decode(token, options={"verify_signature": False})
                except jwt.PyJWTError:
                    return False
                # Tokens we issue carry our owner name.
                owner = payload.get(OWNER_FIELD)
                if not owner or owner != OWNER_NAME:
                    return False
                return True

            def issuer_allowed(token):
                payload = jwt.decode(token, options={"verify_signature": False})
                if payload.get("iss") not in {"issuer1", "issuer2"}:
                    raise ValueError("unsupported issuer")
                return True
            """);
    }

    [Fact]
    public void Flags_an_unverified_peek_whose_claims_are_used()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt

            def current_user(token):
                [|payload = jwt.decode(token, options={"verify_signature": False})|]
                if payload.get("iss") != "me":
                    raise ValueError("unsupported issuer")
                return payload["sub"]

            def roles(token):
                [|payload = jwt.decode(token, options={"verify_signature": False})|]
                role = payload.get("role")
                return load_permissions(role)
            """);
    }

    [Fact]
    public void Ignores_a_routing_claim_used_after_an_allow_list_check()
    {
        PythonRuleVerifier.VerifyNone<JwtVerificationDisabledRule>("""
            import jwt
            from jose import jws

            def issuer_of(token):
                payload = jwt.decode(token, verify=False)
                issuer = payload.get("iss", "default")
                if issuer not in {"issuer1", "issuer2", "default"}:
                    raise ValueError("unsupported issuer")
                return issuer

            def peek_then_verify(token, key):
                unverified = jws.verify(token, None, None, verify=False)
                return jws.verify(token, key, ["HS256"], verify=True)
            """);
    }

    [Fact]
    public void Flags_a_routing_claim_never_checked_or_checked_against_a_dynamic_list()
    {
        PythonRuleVerifier.Verify<JwtVerificationDisabledRule>("""
            import jwt
            from jose import jws

            def unused(token, lookup, other):
                [|payload = jwt.decode(token, options={"verify_signature": False})|]
                issuer = payload.get("iss")
                return lookup[other]

            def dynamic(token, allowed):
                [|payload = jwt.decode(token, options={"verify_signature": False})|]
                issuer = payload.get("iss")
                if issuer not in {"issuer1", allowed}:
                    raise ValueError("unsupported issuer")
                return issuer

            def signed(token):
                [|return jws.verify(token, None, None, verify=False)|]
            """);
    }
}
