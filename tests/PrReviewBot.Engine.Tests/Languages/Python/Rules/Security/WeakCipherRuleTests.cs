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
}
