using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class WeakHashRuleTests
{
    [Fact]
    public void Flags_md5_and_sha1()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            import hashlib
            from hashlib import md5
            from Crypto.Hash import MD5

            def digest(password):
                [|a = hashlib.md5(password.encode()).hexdigest()|]
                [|b = hashlib.sha1(password.encode())|]
                [|c = hashlib.new("md5", password)|]
                [|d = hashlib.new('sha1')|]
                [|e = md5(password)|]
                [|f = MD5.new(password)|]
                return a, b, c, d, e, f
            """);
    }

    [Fact]
    public void Ignores_strong_hashes_and_non_security_use()
    {
        PythonRuleVerifier.VerifyNone<WeakHashRule>("""
            import hashlib

            def digest(data):
                a = hashlib.sha256(data).hexdigest()
                b = hashlib.md5(data, usedforsecurity=False).hexdigest()
                c = hashlib.new("sha512", data)
                d = hashlib.blake2b(data)
                e = checksum.md5(data)
                return a, b, c, d, e
            """);
    }

    [Fact]
    public void Flags_hashlib_new_with_keyword_name()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            import hashlib

            [|a = hashlib.new(name='md5', data=b'test')|]
            [|b = hashlib.new(data=b'test', name='SHA1')|]
            c = hashlib.new(name='sha256', data=b'test')
            d = hashlib.new(name='md5', usedforsecurity=False)
            """);
    }

    [Fact]
    public void Flags_md2_md4_and_sha1_from_pycryptodome_hazmat_and_python_2_modules()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            import hashlib
            import md5
            from Crypto.Hash import MD2, MD4
            from Crypto.Hash import SHA as pycrypto_sha
            from Cryptodome.Hash import SHA1
            from cryptography.hazmat.primitives import hashes

            [|a = MD2.new()|]
            [|b = MD4.new(b"data")|]
            [|c = pycrypto_sha.new()|]
            [|d = SHA1.new(b"data")|]
            [|e = hashes.SHA1()|]
            [|f = md5.new("data")|]
            [|g = hashlib.new("md4")|]
            """);
    }

    [Fact]
    public void Ignores_strong_hashes_from_pycryptodome_and_hazmat()
    {
        PythonRuleVerifier.VerifyNone<WeakHashRule>("""
            from Crypto.Hash import SHA256, SHA3_256
            from cryptography.hazmat.primitives import hashes

            a = SHA256.new(b"data")
            b = SHA3_256.new()
            c = hashes.SHA256()
            d = hashes.SHA3_256()
            """);
    }

    [Fact]
    public void Flags_weak_password_hashers_and_ignores_usedforsecurity_outside_hashlib()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            from django.contrib.auth.hashers import make_password
            from werkzeug.security import generate_password_hash
            from Cryptodome.Hash import MD5

            def store(password):
                [|a = make_password(password, hasher="md5")|]
                [|b = generate_password_hash(password, method="sha256")|]
                [|c = MD5.new(usedforsecurity=False)|]
                d = make_password(password)
                e = generate_password_hash(password, method="pbkdf2:sha256")
                f = generate_password_hash(password, "scrypt")
                return a, b, c, d, e, f
            """);
    }

    [Fact]
    public void Ignores_truncated_digests_used_as_short_identifiers()
    {
        PythonRuleVerifier.VerifyNone<WeakHashRule>("""
            import hashlib

            def short_id(data):
                a = hashlib.sha1(data).hexdigest()[:8]
                b = hashlib.md5(data).digest()[0:4]
                return a + b
            """);
    }

    [Fact]
    public void Flags_hashlib_new_with_an_algorithm_name_held_in_a_constant()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            import hashlib

            ALGORITHM = "md5"

            def fingerprint(data):
                [|return hashlib.new(ALGORITHM, data).hexdigest()|]
            """);
    }

    [Fact]
    public void Flags_digests_sliced_to_more_than_an_identifier_or_to_an_unknown_length()
    {
        PythonRuleVerifier.Verify<WeakHashRule>("""
            import hashlib

            def digests(data, n):
                [|a = hashlib.sha1(data).hexdigest()[:]|]
                [|b = hashlib.sha1(data).hexdigest()[:32]|]
                [|c = hashlib.md5(data).hexdigest()[6:]|]
                [|d = hashlib.md5(data).hexdigest()[:n]|]
                [|e = hashlib.md5(data).hexdigest()[:-4]|]
                f = hashlib.md5(data).hexdigest()[-6:]
                g = hashlib.md5(data).hexdigest()[2:10]
                return a, b, c, d, e, f, g
            """);
    }
}
