using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class WeakPasswordHashRuleTests
{
    [Fact]
    public void Flags_passwords_hashed_with_a_general_purpose_hash()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            import hashlib

            def store(user, new_password, salt):
                [|user.digest = hashlib.sha256(new_password.encode()).hexdigest()|]
                [|user.digest = hashlib.md5(salt + user.password).hexdigest()|]
                hasher = hashlib.sha512()
                [|hasher.update(new_password.encode("utf-8"))|]
            """);
    }

    [Fact]
    public void Ignores_fast_hashes_of_data_that_is_not_a_password_and_breach_lookup_prefixes()
    {
        PythonRuleVerifier.VerifyNone<WeakPasswordHashRule>("""
            import hashlib
            import os

            def fingerprint(payload, password_reset_token, password_hash):
                hashlib.sha256(payload).hexdigest()
                hashlib.sha256(password_reset_token.encode()).hexdigest()
                hashlib.sha256(password_hash.encode()).hexdigest()
                hashlib.md5(password.encode(), usedforsecurity=False)
                pwd = os.getcwd()
                hashlib.md5(pwd.encode()).hexdigest()

            def wsse_digest(nonce, created, password):
                return hashlib.sha1(("%s%s%s" % (nonce, created, password)).encode("utf-8")).digest()

            def is_breached(password):
                digest = hashlib.sha1(password.encode()).hexdigest().upper()
                prefix, suffix = digest[:5], digest[5:]
                return hashlib.sha1(password.encode()).hexdigest()[:5]
            """);
    }

    [Fact]
    public void Flags_password_hashes_with_their_cost_turned_down()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            import bcrypt
            import hashlib
            from argon2 import PasswordHasher
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

            def store(password, salt):
                [|hashlib.pbkdf2_hmac("sha256", password, salt, 10_000)|]
                [|hashlib.scrypt(password, salt=salt, n=1 << 10, r=8, p=1)|]
                kdf = Scrypt(
                    salt,
                    32,
                    [|n=4096,
                    r=4,|]
                    p=1,
                )
                [|PasswordHasher(time_cost=1, memory_cost=1024)|]
                [|bcrypt.gensalt(rounds=8)|]
            """);
    }

    [Fact]
    public void Ignores_password_hashes_at_or_above_their_recommended_cost()
    {
        PythonRuleVerifier.VerifyNone<WeakPasswordHashRule>("""
            import bcrypt
            import hashlib
            from argon2 import PasswordHasher

            def store(password, salt, iterations):
                hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)
                hashlib.pbkdf2_hmac("sha256", password, salt, iterations)
                hashlib.scrypt(password, salt=salt, n=2**14, r=8, p=1)
                PasswordHasher()
                PasswordHasher(time_cost=2, memory_cost=19456)
                bcrypt.gensalt()
                bcrypt.gensalt(14)
            """);
    }

    [Fact]
    public void Flags_weak_django_hashers_and_plain_text_user_passwords()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            from django.contrib.auth.hashers import make_password
            from django.contrib.auth.models import User

            def create(name, raw):
                [|make_password(raw, hasher="unsalted_md5")|]
                user = User(username=name)
                [|user.password = raw|]
                User.objects.create(
                    username=name,
                    [|password=raw,|]
                )
                User.objects.create_user(username=name, password=raw)
                other = User(username=name)
                other.set_password(raw)
            """);
    }

    [Fact]
    public void Flags_a_weak_first_hasher_in_django_settings_only()
    {
        const string Settings = """
            PASSWORD_HASHERS = [
                [|"django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",|]
                "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            ]
            """;
        PythonRuleVerifier.Verify<WeakPasswordHashRule>(Settings, path: "site/settings.py");
        PythonRuleVerifier.VerifyNone<WeakPasswordHashRule>(PythonRuleVerifier.Unmark(Settings).Source, path: "site/hashers_catalog.py");
        PythonRuleVerifier.VerifyNone<WeakPasswordHashRule>("""
            PASSWORD_HASHERS = [
                "django.contrib.auth.hashers.Argon2PasswordHasher",
                "django.contrib.auth.hashers.MD5PasswordHasher",
            ]
            """, path: "site/settings.py");
    }

    [Fact]
    public void Flags_the_cheapest_argon2_profile_once()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            from argon2 import PasswordHasher
            from argon2.profiles import CHEAPEST

            [|hasher = PasswordHasher.from_parameters(CHEAPEST)|]
            """);
    }

    [Fact]
    public void Flags_a_broken_digest_stored_as_the_password()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            import hashlib

            def reset(account, text):
                digest = hashlib.md5(text).hexdigest()
                [|account.setPassword(digest)|]
                strong = hashlib.sha256(text).hexdigest()
                account.set_nickname(digest)
            """);
    }

    [Fact]
    public void Flags_weak_passlib_schemes_weak_django_hasher_bases_and_hashers_set_at_run_time()
    {
        PythonRuleVerifier.Verify<WeakPasswordHashRule>("""
            from django.conf import settings
            from django.contrib.auth.hashers import SHA1PasswordHasher, PBKDF2PasswordHasher
            from passlib.context import CryptContext
            from passlib.hash import md5_crypt, bcrypt
            import passlib.hash

            [|class LegacyHasher(SHA1PasswordHasher):|]
                algorithm = "legacy_sha1"

            class StrongHasher(PBKDF2PasswordHasher):
                iterations = 1_000_000

            [|context = CryptContext(schemes=["md5_crypt", "bcrypt"])|]
            migrating = CryptContext(schemes=["bcrypt", "md5_crypt"], deprecated="auto")

            def store(password, stored):
                [|a = md5_crypt.hash(password)|]
                [|b = passlib.hash.apr_md5_crypt.using(salt_size=8).hash(password)|]
                c = bcrypt.hash(password)
                ok = md5_crypt.verify(password, stored)
                return a, b, c, ok

            def configure():
                unsalted = "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher"
                [|settings.PASSWORD_HASHERS = [unsalted]|]
                settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
            """);
    }

    [Fact]
    public void Ignores_fast_hashers_set_in_tests()
    {
        PythonRuleVerifier.VerifyNone<WeakPasswordHashRule>("""
            from django.conf import settings

            def test_login_is_fast():
                settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
            """, path: "tests/test_login.py");
    }
}
