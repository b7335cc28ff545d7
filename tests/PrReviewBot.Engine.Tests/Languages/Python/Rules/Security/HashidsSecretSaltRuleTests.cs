using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class HashidsSecretSaltRuleTests
{
    [Fact]
    public void Flags_the_framework_secret_key_used_as_the_salt()
    {
        PythonRuleVerifier.Verify<HashidsSecretSaltRule>("""
            from django.conf import settings
            from flask import current_app
            from hashids import Hashids

            [|identifiers = Hashids(salt=settings.SECRET_KEY, min_length=8)|]

            def encoder():
                [|return Hashids(current_app.config["SECRET_KEY"], min_length=6)|]

            def app_encoder(app):
                salt = app.secret_key
                [|return Hashids(min_length=4, salt=salt)|]
            """);
    }

    [Fact]
    public void Ignores_a_salt_of_its_own_or_derived_from_the_key()
    {
        PythonRuleVerifier.VerifyNone<HashidsSecretSaltRule>("""
            import hashlib
            from django.conf import settings
            from hashids import Hashids

            identifiers = Hashids(salt=settings.HASHIDS_SALT, min_length=8)
            derived = Hashids(salt=hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())
            unsalted = Hashids(min_length=4)
            """);
    }
}
