using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class WeakKeySizeRuleTests
{
    [Fact]
    public void Flags_short_keys_from_cryptography()
    {
        PythonRuleVerifier.Verify<WeakKeySizeRule>("""
            from cryptography.hazmat import backends
            from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec, dh

            [|a = rsa.generate_private_key(public_exponent=65537, key_size=1024)|]
            [|b = rsa.generate_private_key(65537, 512, backends.default_backend())|]
            rsa.generate_private_key(public_exponent=65537,
                                     [|key_size=1024,|]
                                     backend=backends.default_backend())
            [|c = rsa.generate_private_key(public_exponent=3, key_size=2048)|]
            [|d = dsa.generate_private_key(key_size=1024)|]
            [|e = ec.generate_private_key(ec.SECP192R1())|]
            [|f = ec.generate_private_key(curve=ec.SECT163K1, backend=backends.default_backend())|]
            [|g = dh.generate_parameters(2, 1024)|]
            """);
    }

    [Fact]
    public void Flags_short_keys_from_pycryptodome_pyopenssl_and_paramiko()
    {
        PythonRuleVerifier.Verify<WeakKeySizeRule>("""
            from Crypto.PublicKey import RSA, DSA
            from Cryptodome.PublicKey import ECC
            from OpenSSL import crypto
            import paramiko

            def keys():
                [|a = RSA.generate(1024)|]
                [|b = DSA.generate(bits=1024)|]
                [|c = ECC.generate(curve="P-192")|]
                pkey = crypto.PKey()
                [|pkey.generate_key(crypto.TYPE_RSA, 1024)|]
                [|d = paramiko.RSAKey.generate(bits=1024)|]
                size = 512
                [|e = RSA.generate(size)|]
                return a, b, c, d, e
            """);
    }

    [Fact]
    public void Ignores_strong_and_unknown_sizes()
    {
        PythonRuleVerifier.VerifyNone<WeakKeySizeRule>("""
            import os
            from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec
            from Crypto.PublicKey import RSA, ECC

            def keys(bits):
                a = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                b = rsa.generate_private_key(65537, 4096)
                c = rsa.generate_private_key(public_exponent=65537, key_size=int(os.getenv("KEY_SIZE")))
                d = dsa.generate_private_key(key_size=bits)
                e = ec.generate_private_key(ec.SECP256R1())
                f = ec.generate_private_key(curve=other.SECP192R1)
                g = RSA.generate(3072)
                h = ECC.generate(curve="P-256")
                i = random.generate(16)
                j = cache.generate_key(TYPE_NAME, 10)
                return a, b, c, d, e, f, g, h, i
            """);
    }

    [Fact]
    public void Flags_small_rsa_exponents_in_both_pycrypto_signatures_and_keyword_key_types()
    {
        PythonRuleVerifier.Verify<WeakKeySizeRule>("""
            from Crypto.PublicKey import RSA
            from OpenSSL.crypto import PKey, TYPE_RSA

            [|a = RSA.generate(2048, None, 3)|]
            [|b = RSA.generate(2048, None, None, 3)|]
            c = RSA.generate(2048, None, 65537)
            key = PKey()
            [|key.generate_key(type=TYPE_RSA, bits=1024)|]
            """);
    }

    [Fact]
    public void Flags_a_key_size_held_in_a_module_constant()
    {
        PythonRuleVerifier.Verify<WeakKeySizeRule>("""
            from cryptography.hazmat.primitives.asymmetric import rsa

            KEY_SIZE = 1024

            def make_key():
                return rsa.generate_private_key(public_exponent=65537, [|key_size=KEY_SIZE|])
            """);
    }
}
