using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class PredictableSaltRuleTests
{
    [Fact]
    public void Flags_salts_fixed_in_the_code()
    {
        PythonRuleVerifier.Verify<PredictableSaltRule>("""
            import base64
            import bcrypt
            import crypt
            import hashlib
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

            APP_SALT = b"static-app-salt"

            def store(password):
                [|hashlib.pbkdf2_hmac("sha256", password, b"", 600_000)|]
                [|hashlib.scrypt(password, salt=APP_SALT, n=2**14, r=8, p=1)|]
                [|crypt.crypt(password, "ab")|]
                [|bcrypt.hashpw(password, b"$2b$12$abcdefghijklmnopqrstuv")|]
                [|hashlib.pbkdf2_hmac("sha256", password, bytes.fromhex("00ff00ff"), 600_000)|]
                [|hashlib.pbkdf2_hmac("sha256", password, base64.b64decode("c2FsdA=="), 600_000)|]
                kdf = PBKDF2HMAC(
                    algorithm=hashes.SHA256(),
                    length=32,
                    [|salt="per-app".encode(),|]
                    iterations=600_000,
                )
            """);
    }

    [Fact]
    public void Flags_the_password_or_the_key_material_used_as_salt()
    {
        PythonRuleVerifier.Verify<PredictableSaltRule>("""
            import hashlib
            from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

            def store(password, user_password):
                [|hashlib.pbkdf2_hmac("sha256", password, password, 600_000)|]
                [|hashlib.scrypt(password, salt=user_password, n=2**14, r=8, p=1)|]

            def derive(material):
                kdf = Scrypt([|salt=material,|] length=32, n=2**14, r=8, p=1)
                return kdf.derive(material)
            """);
    }

    [Fact]
    public void Ignores_random_and_unknown_salts()
    {
        PythonRuleVerifier.VerifyNone<PredictableSaltRule>("""
            import bcrypt
            import crypt
            import hashlib
            import os
            import secrets

            def store(password, salt):
                hashlib.pbkdf2_hmac("sha256", password, salt, 600_000)
                hashlib.pbkdf2_hmac("sha256", password, os.urandom(16), 600_000)
                fresh = secrets.token_bytes(16)
                hashlib.scrypt(password, salt=fresh, n=2**14, r=8, p=1)
                bcrypt.hashpw(password, bcrypt.gensalt())
                crypt.crypt(password)
                crypt.crypt(password, crypt.mksalt(crypt.METHOD_SHA512))
                hashlib.pbkdf2_hmac("sha256", password, *parts)
            """);
    }
}
