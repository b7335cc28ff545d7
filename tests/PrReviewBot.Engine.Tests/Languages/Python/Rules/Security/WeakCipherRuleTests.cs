using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class WeakCipherRuleTests
{
    [Fact]
    public void Flags_broken_pycryptodome_ciphers()
    {
        PythonRuleVerifier.Verify<WeakCipherRule>("""
            from Crypto.Cipher import DES, DES3, ARC2, AES
            from Crypto.Cipher import ARC4 as rc4
            from Cryptodome.Cipher import Blowfish, CAST, XOR

            def encrypt(key, data):
                [|a = DES.new(key, DES.MODE_OFB)|]
                [|b = DES3.new(key, DES3.MODE_CFB)|]
                [|c = ARC2.new(key, ARC2.MODE_CFB)|]
                [|d = rc4.new(key)|]
                [|e = Blowfish.new(key, Blowfish.MODE_CBC)|]
                [|f = CAST.new(key, CAST.MODE_OPENPGP)|]
                [|g = XOR.new(key)|]
                return a, b, c, d, e, f, g
            """);
    }

    [Fact]
    public void Flags_hazmat_ciphers_and_ecb_mode_anywhere()
    {
        PythonRuleVerifier.Verify<WeakCipherRule>("""
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            from cryptography.hazmat.primitives.ciphers.modes import ECB
            from Crypto.Cipher import AES
            import pyDes

            def encrypt(key, iv):
                [|a = Cipher(algorithms.TripleDES(key), mode=None)|]
                [|b = Cipher(algorithms.IDEA(key), modes.CBC(iv))|]
                [|c = Cipher(algorithms.AES(key), modes.ECB())|]
                [|d = ECB()|]
                [|e = AES.new(key, AES.MODE_ECB)|]
                f = AES.new(key,
                            [|mode=AES.MODE_ECB)|]
                [|g = pyDes.triple_des(key)|]
                return a, b, c, d, e, f, g
            """);
    }

    [Fact]
    public void Ignores_aes_in_good_modes_and_other_new_calls()
    {
        PythonRuleVerifier.VerifyNone<WeakCipherRule>("""
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
            from Crypto.Cipher import AES, ChaCha20
            import hmac

            def encrypt(key, iv, nonce):
                a = Cipher(algorithms.AES(key), modes.GCM(iv))
                b = AES.new(key, AES.MODE_GCM, nonce=nonce)
                c = AES.new(key, AES.MODE_EAX)
                d = ChaCha20.new(key=key, nonce=nonce)
                e = AESGCM(key)
                f = hmac.new(key, b"x", "sha256")
                g = Cipher(algorithms.ChaCha20(key, nonce), mode=None)
                return a, b, c, d, e, f, g
            """);
    }

    [Fact]
    public void Ignores_ecb_constants_passed_to_an_unrelated_factory()
    {
        PythonRuleVerifier.VerifyNone<WeakCipherRule>("""
            def build(factory, key):
                return factory.new(key, DES.MODE_ECB)
            """);
    }

    [Fact]
    public void Flags_tls_cipher_strings_that_enable_broken_suites()
    {
        PythonRuleVerifier.Verify<WeakCipherRule>("""
            import ssl
            import urllib3
            from OpenSSL import SSL

            LEGACY = "ECDHE-RSA-AES128-GCM-SHA256:RC4-SHA:DES-CBC3-SHA"

            def contexts(ctx, openssl_ctx):
                [|ctx.set_ciphers(LEGACY)|]
                [|ctx.set_ciphers("DEFAULT:-RSA+LOW:!SHA:LOW")|]
                [|ctx.set_ciphers("NULL+SHA")|]
                [|ctx.set_ciphers("DEFAULT@SECLEVEL=0")|]
                [|openssl_ctx.set_cipher_list(b"ECDHE:EXP-RC4-MD5")|]
                [|urllib3.util.ssl_.create_urllib3_context(ciphers="ECDH+3DES:RSA+HIGH")|]

            [|urllib3.util.ssl_.DEFAULT_CIPHERS += ":RC4-SHA"|]
            """);
    }

    [Fact]
    public void Ignores_cipher_strings_that_only_exclude_broken_suites()
    {
        PythonRuleVerifier.VerifyNone<WeakCipherRule>("""
            import ssl

            def contexts(ctx, chosen):
                ctx.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!MD5:!RC4:!3DES:-DES")
                ctx.set_ciphers("HIGH:!aNULL:!MD5")
                ctx.set_ciphers("ECDHE-RSA-AES256-SHA:CAMELLIA256-SHA")
                ctx.set_ciphers(chosen)
                ctx.set_ciphers("DEFAULT@SECLEVEL=2")
            """);
    }

    [Fact]
    public void Flags_rsa_encryption_with_pkcs1_v15_padding_but_not_signatures()
    {
        PythonRuleVerifier.Verify<WeakCipherRule>("""
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding
            from Crypto.Cipher import PKCS1_v1_5, PKCS1_OAEP
            from Crypto.Signature import pkcs1_15

            def seal(public_key, private_key, message, key):
                [|ciphertext = public_key.encrypt(message, padding.PKCS1v15())|]
                [|plain = private_key.decrypt(padding=padding.PKCS1v15(), ciphertext=ciphertext)|]
                [|legacy = PKCS1_v1_5.new(key)|]
                good = public_key.encrypt(message, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
                oaep = PKCS1_OAEP.new(key)
                signature = private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
                signer = pkcs1_15.new(key)
                return ciphertext, plain, legacy, good, oaep, signature, signer
            """);
    }

    [Fact]
    public void Flags_an_empty_key()
    {
        PythonRuleVerifier.Verify<WeakCipherRule>("""
            from Crypto.Cipher import AES

            def encrypt(key, iv, data):
                [|weak = AES.new("", AES.MODE_CFB, iv)|]
                strong = AES.new(key, AES.MODE_CFB, iv)
                return weak, strong
            """);
    }

    [Fact]
    public void Shows_a_weak_cipher_together_with_its_first_use_just_below()
    {
        var findings = PythonRuleVerifier.Verify<WeakCipherRule>("""
            from Crypto.Cipher import DES, AES

            def encrypt(key, data, nonce):
                [|cipher = DES.new(key, DES.MODE_CTR, nonce=nonce)
                sealed = nonce + cipher.encrypt(data)|]
                [|other = DES.new(key, DES.MODE_OFB)|]
                other = AES.new(key, AES.MODE_GCM)
                return sealed, other.encrypt(data)
            """);

        Assert.Equal([5, 6], findings.Select(finding => finding.EndLine));
    }

    [Fact]
    public void Flags_cbc_encryption_with_a_fixed_iv()
    {
        var findings = PythonRuleVerifier.Verify<WeakCipherRule>("""
            import os
            from Crypto.Cipher import AES
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

            STATIC_IV = b"\x00" * 16

            def seal(key, data):
                [|enc = AES.new(key, AES.MODE_CBC, STATIC_IV)
                sealed = enc.encrypt(data)|]
                [|hazmat = Cipher(algorithms.AES(key), modes.CBC(bytes(16)))
                encryptor = hazmat.encryptor()|]
                fresh = AES.new(key, AES.MODE_CBC, os.urandom(16))
                reader = AES.new(key, AES.MODE_CBC, STATIC_IV)
                return sealed, encryptor, fresh.encrypt(data), reader.decrypt(data)
            """);

        Assert.Equal([9, 11], findings.Select(finding => finding.EndLine));
    }
}
