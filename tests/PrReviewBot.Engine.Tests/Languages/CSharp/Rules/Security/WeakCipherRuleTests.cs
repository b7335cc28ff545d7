using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class WeakCipherRuleTests
{
    [Fact]
    public void Flags_des_triple_des_and_rc2_creation()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                public void Run()
                {
                    using (var des = [|new DESCryptoServiceProvider()|]) { }
                    using (TripleDES tripleDes = [|TripleDES.Create()|]) { }
                    var rc2 = [|RC2.Create()|];
                    var triple = [|new TripleDESCryptoServiceProvider()|];
                    var des2 = [|DES.Create()|];
                    RC2CryptoServiceProvider rc2Provider = [|new()|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_weak_ciphers_chosen_by_name()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                public void Run()
                {
                    SymmetricAlgorithm a = [|SymmetricAlgorithm.Create("DES")|];
                    a = [|SymmetricAlgorithm.Create("3DES")|];
                    var b = [|CryptoConfig.CreateFromName("TripleDES")|];
                    var oid = CryptoConfig.MapNameToOID("DES");
                }
            }
            """);
    }

    [Fact]
    public void Flags_ecb_mode_in_assignments_initializers_and_calls()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                public byte[] Run(byte[] key, byte[] data)
                {
                    var rijndael = new RijndaelManaged
                    {
                        Key = key,
                        [|Mode = CipherMode.ECB|],
                        Padding = PaddingMode.PKCS7,
                    };
                    using var aes = Aes.Create();
                    [|aes.Mode = CipherMode.ECB;|]
                    aes.Key = key;
                    return [|aes.EncryptEcb(data, PaddingMode.PKCS7)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_class_derived_from_triple_des()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public abstract class LegacyTripleDes : TripleDES
            {
            }

            public sealed class Crypto
            {
                public SymmetricAlgorithm Create(System.Func<LegacyTripleDes> factory) => factory();
            }

            public sealed class Concrete : TripleDES
            {
                public override ICryptoTransform CreateDecryptor(byte[] rgbKey, byte[] rgbIV) => throw new System.NotSupportedException();
                public override ICryptoTransform CreateEncryptor(byte[] rgbKey, byte[] rgbIV) => throw new System.NotSupportedException();
                public override void GenerateIV() { }
                public override void GenerateKey() { }

                public static SymmetricAlgorithm Make() => [|new Concrete()|];
            }
            """);
    }

    [Fact]
    public void Flags_rsa_pkcs1_encryption_padding()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                private readonly RSACryptoServiceProvider provider = new RSACryptoServiceProvider(2048);

                public void Run(byte[] data, RSA rsa)
                {
                    var a = [|provider.Encrypt(data, false)|];
                    var b = [|rsa.Encrypt(data, RSAEncryptionPadding.Pkcs1)|];
                    var formatter = [|new RSAPKCS1KeyExchangeFormatter(rsa)|];
                    var good = provider.Encrypt(data, true);
                    var better = rsa.Encrypt(data, RSAEncryptionPadding.OaepSHA256);
                }
            }
            """);
    }

    [Fact]
    public void Flags_bouncy_castle_weak_engines_and_transformations()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using Org.BouncyCastle.Crypto.Engines;
            using Org.BouncyCastle.Crypto.Modes;
            using Org.BouncyCastle.Security;

            public sealed class Crypto
            {
                public void Run()
                {
                    var des = [|new DesEdeEngine()|];
                    var fast = new GcmBlockCipher([|new AesFastEngine()|]);
                    var good = new GcmBlockCipher(new AesEngine());
                    var ecb = [|CipherUtilities.GetCipher("AES/ECB/PKCS7Padding")|];
                    var cbc = CipherUtilities.GetCipher("AES/CBC/PKCS7Padding");
                    var blowfish = [|CipherUtilities.GetCipher("Blowfish/CBC/PKCS5Padding")|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_aes_with_cbc_or_gcm()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                public byte[] Run(byte[] key, byte[] iv, byte[] data)
                {
                    using var aes = Aes.Create();
                    aes.Mode = CipherMode.CBC;
                    aes.Key = key;
                    using var gcm = new AesGcm(key, 16);
                    var provider = new AesCryptoServiceProvider { Mode = CipherMode.CBC };
                    return aes.EncryptCbc(data, iv);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_ecb_in_comparisons_and_text()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class Guard
            {
                // Never use CipherMode.ECB or DES.Create().
                public void Check(SymmetricAlgorithm algorithm)
                {
                    if (algorithm.Mode == CipherMode.ECB)
                    {
                        throw new InvalidOperationException("CipherMode.ECB and new DESCryptoServiceProvider() are forbidden");
                    }

                    switch (algorithm.Mode)
                    {
                        case CipherMode.ECB:
                            throw new InvalidOperationException();
                    }
                }
            }
            """);
    }

    [Fact]
    public void Ignores_look_alike_names()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            public sealed class Designer
            {
                public string Description { get; set; }

                public Des Create() => Des.Create();

                public byte[] Encrypt(byte[] data, bool compress) => data;

                public void Run(byte[] data) => Encrypt(data, false);
            }

            public sealed class Des
            {
                public static Des Create() => new Des();
            }
            """);
    }

    [Fact]
    public void Ignores_user_class_named_des()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            namespace Shop;

            public static class DES
            {
                public static string Create() => "Design Element Set";
            }

            public sealed class Catalog
            {
                public string Make() => DES.Create();
            }
            """);
    }

    [Fact]
    public void Flags_named_and_try_forms_of_pkcs1_encryption_but_not_decryption_flags()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class Crypto
            {
                public void Run(byte[] data, RSACryptoServiceProvider provider, RSA rsa, Span<byte> destination)
                {
                    var a = [|provider.Encrypt(fOAEP: false, rgb: data)|];
                    var b = [|rsa.TryEncrypt(data, destination, RSAEncryptionPadding.Pkcs1, out var written)|];
                    var c = provider.Decrypt(data, false);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_unrelated_encrypt_methods_and_des_look_alike_names()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            using Microsoft.AspNetCore.DataProtection;

            public sealed class Vault
            {
                private readonly IDataProtector protector;

                public Vault(IDataProtectionProvider provider) => protector = provider.CreateProtector("vault");

                public string Encrypt(string text, bool compress) => protector.Protect(text);

                public string Run(string text) => Encrypt(text, false) + DESCRIPTION + Nodes.Count;

                private const string DESCRIPTION = "Uses AES-GCM";

                private static readonly System.Collections.Generic.List<string> Nodes = new();
            }
            """);
    }

    [Fact]
    public void Ignores_ecb_named_in_enums_and_configuration_strings()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            public enum Mode
            {
                ECB,
                GCM,
            }

            public sealed class Settings
            {
                public Mode Default { get; } = Mode.GCM;

                public string Banned { get; } = "ECB,DES,RC4";
            }
            """);
    }

    [Fact]
    public void Flags_ecb_and_unauthenticated_modes_through_aliases_and_static_imports()
    {
        CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;
            using static System.Security.Cryptography.CipherMode;
            using CM = System.Security.Cryptography.CipherMode;

            public class Ciphers
            {
                private static void Use(CipherMode mode)
                {
                }

                public static void Run(Aes aes)
                {
                    [|Use(ECB);|]
                    [|Use(CM.OFB);|]
                    [|aes.Mode = CipherMode.CFB;|]
                    var cts = new AesManaged { [|Mode = CipherMode.CTS|] };
                }
            }
            """);
    }

    [Fact]
    public void Ignores_cbc_and_modes_that_are_only_compared()
    {
        CSharpRuleVerifier.VerifyNone<WeakCipherRule>("""
            using System.Security.Cryptography;
            using CM = System.Security.Cryptography.CipherMode;

            public class Ciphers
            {
                public static bool Run(Aes aes)
                {
                    aes.Mode = CipherMode.CBC;
                    var legacy = aes.Mode == CM.OFB;
                    return aes.Mode != CipherMode.CFB && !legacy;
                }
            }
            """);
    }

    [Fact]
    public void Reaches_from_a_pkcs1_key_exchange_formatter_to_the_exchange_it_makes()
    {
        var findings = CSharpRuleVerifier.Verify<WeakCipherRule>("""
            using System.Security.Cryptography;

            public sealed class KeyWrap
            {
                public byte[] Wrap(RSA key, byte[] secret)
                {
                    [|var formatter = new RSAPKCS1KeyExchangeFormatter(key);
                    return formatter.CreateKeyExchange(secret);|]
                }
            }
            """);
        Assert.Equal(8, findings.Single().EndLine);
    }
}
