using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class SecretKeyAsHashidsSaltRuleTests
{
    [Fact]
    public void Flags_django_and_flask_secret_keys_given_as_the_salt()
    {
        PythonRuleVerifier.Verify<SecretKeyAsHashidsSaltRule>("""
            from django.conf import settings
            from flask import current_app
            from hashids import Hashids

            [|identifier = Hashids(salt=settings.SECRET_KEY, min_length=8)|]
            [|other = Hashids(settings.SECRET_KEY, min_length=4)|]
            [|flask_ids = Hashids(min_length=5, salt=current_app.config["SECRET_KEY"])|]

            def make(app):
                key = app.secret_key
            [|    return Hashids(salt=key)|]
            """);
    }

    [Fact]
    public void Ignores_separate_salts_derived_keys_and_other_classes()
    {
        PythonRuleVerifier.VerifyNone<SecretKeyAsHashidsSaltRule>("""
            import hashlib
            from django.conf import settings
            from hashids import Hashids

            ids = Hashids(salt=settings.HASHIDS_SALT, min_length=8)
            digest = hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()
            derived = Hashids(salt=digest, min_length=16)
            plain = Hashids(min_length=4)
            signer = Signer(salt=settings.SECRET_KEY)
            """);
    }

    [Fact]
    public void Flags_the_secret_key_by_keyword_position_or_local_name()
    {
        PythonRuleVerifier.Verify<SecretKeyAsHashidsSaltRule>("""
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
    public void Ignores_a_salt_of_its_own_one_derived_from_the_key_or_none()
    {
        PythonRuleVerifier.VerifyNone<SecretKeyAsHashidsSaltRule>("""
            import hashlib
            from django.conf import settings
            from hashids import Hashids

            identifiers = Hashids(salt=settings.HASHIDS_SALT, min_length=8)
            derived = Hashids(salt=hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest())
            unsalted = Hashids(min_length=4)
            """);
    }
}
