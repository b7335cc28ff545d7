using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class WeakRsaKeyRuleTests
{
    [Fact]
    public void Flags_short_rsa_keys_with_a_fix()
    {
        var findings = CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                private const int LegacySize = 1024;

                public void Run()
                {
                    using var rsa = [|new RSACryptoServiceProvider(1024)|];
                    var created = [|RSA.Create(512)|];
                    var cng = [|new RSACng(LegacySize)|];
                    var openSsl = [|new RSAOpenSsl(1024)|];
                }
            }
            """);
        Assert.Equal("        using var rsa = new RSACryptoServiceProvider(2048);", findings[0].Replacement);
        Assert.Equal("        var created = RSA.Create(2048);", findings[1].Replacement);
        Assert.Null(findings[2].Replacement);
        Assert.Contains("1,024-bit RSA key", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_the_1024_bit_default_of_the_csp_providers()
    {
        var findings = CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public void Run(CspParameters parameters)
                {
                    var rsa = [|new RSACryptoServiceProvider()|];
                    var withCsp = [|new RSACryptoServiceProvider(parameters)|];
                    var dsa = [|new DSACryptoServiceProvider()|];
                    var initialized = [|new RSACryptoServiceProvider { PersistKeyInCsp = false }|];
                }
            }
            """);
        Assert.Equal("        var rsa = new RSACryptoServiceProvider(2048);", findings[0].Replacement);
    }

    [Fact]
    public void Flags_short_key_size_assignments_on_rsa_and_dsa()
    {
        CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public void Run(RSA injected)
                {
                    var rsa = RSA.Create();
                    [|rsa.KeySize = 1024;|]
                    [|injected.KeySize = 768;|]
                    var dsa = new DSACng();
                    [|dsa.KeySize = 1024;|]
                    var cng = new RSACng
                    {
                        [|KeySize = 1024|],
                    };
                }
            }
            """);
    }

    [Fact]
    public void Flags_short_dsa_keys_and_weak_curves()
    {
        CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public void Run()
                {
                    var dsa = [|DSA.Create(1024)|];
                    var dsaCng = [|new DSACng(512)|];
                    var ec = [|ECDsa.Create(ECCurve.NamedCurves.brainpoolP160r1)|];
                    var fine = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                }
            }
            """);
    }

    [Fact]
    public void Flags_bouncy_castle_short_keys()
    {
        CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using Org.BouncyCastle.Asn1.Sec;
            using Org.BouncyCastle.Crypto.Generators;
            using Org.BouncyCastle.Crypto.Parameters;
            using Org.BouncyCastle.Math;
            using Org.BouncyCastle.Security;

            public sealed class Keys
            {
                public void Run()
                {
                    var generator = new RsaKeyPairGenerator();
                    generator.Init([|new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), new SecureRandom(), 1024, 80)|]);
                    var dh = new DHParametersGenerator();
                    [|dh.Init(1024, 10, new SecureRandom());|]
                    var curve = [|SecNamedCurves.GetByName("secp192r1")|];
                    var good = SecNamedCurves.GetByName("secp256r1");
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_short_key_size_in_a_class_derived_from_rsa()
    {
        CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public abstract class CustomRsa : RSA
            {
                protected CustomRsa()
                {
                    [|this.KeySize = 1024;|]
                }
            }
            """);
    }

    [Fact]
    public void Ignores_keys_of_2048_bits_and_more()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                private const int Size = 4096;
                private static readonly int ConfiguredSize = 3072;

                public void Run(int size)
                {
                    using var rsa = new RSACryptoServiceProvider(2048);
                    var created = RSA.Create(Size);
                    var cng = new RSACng();
                    var openSsl = new RSAOpenSsl();
                    var dsa = new DSACng();
                    var fromVariable = new RSACryptoServiceProvider(size);
                    var fromField = RSA.Create(ConfiguredSize);
                    var plain = RSA.Create();
                    plain.KeySize = 3072;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_providers_that_import_an_existing_key()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Verifier
            {
                public bool Verify(string publicKeyXml, byte[] data, byte[] signature)
                {
                    using (var rsa = new RSACryptoServiceProvider())
                    {
                        rsa.FromXmlString(publicKeyXml);
                        return rsa.VerifyData(data, SHA256.Create(), signature);
                    }
                }

                public RSACryptoServiceProvider Load(RSAParameters parameters)
                {
                    var provider = new RSACryptoServiceProvider();
                    provider.ImportParameters(parameters);
                    return provider;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_key_size_of_symmetric_algorithms_and_other_types()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Settings
            {
                public int KeySize { get; set; }

                public void Run()
                {
                    var aes = Aes.Create();
                    aes.KeySize = 128;
                    var settings = new Settings { KeySize = 1024 };
                    settings.KeySize = 512;
                    var cache = new System.Collections.Generic.List<int>(1024);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_elliptic_curve_sizes_in_generic_parameters()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using Org.BouncyCastle.Crypto;
            using Org.BouncyCastle.Security;

            public sealed class Keys
            {
                public KeyGenerationParameters Ec() => new KeyGenerationParameters(new SecureRandom(), 256);

                public KeyGenerationParameters Rsa() => new KeyGenerationParameters(new SecureRandom(), 4096);
            }
            """);
    }

    [Fact]
    public void Flags_dsa_provider_sizes_it_cannot_make_and_sizes_from_the_last_assignment()
    {
        CSharpRuleVerifier.Verify<WeakRsaKeyRule>("""
            using System.Security.Cryptography;
            using Org.BouncyCastle.Crypto.Generators;
            using Org.BouncyCastle.Security;

            public sealed class Keys
            {
                public void Run()
                {
                    var dsa = [|new DSACryptoServiceProvider(2048)|];
                    var generator = new DHParametersGenerator();
                    var keySize = 4096;
                    generator.Init(keySize, 10, new SecureRandom());
                    keySize = 1024;
                    [|generator.Init(keySize, 10, new SecureRandom());|]
                }
            }
            """);
    }

    [Fact]
    public void Ignores_rsa_created_with_parameters_or_pem()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public RSA Load(string pem, RSAParameters parameters)
                {
                    var fromParameters = RSA.Create(parameters);
                    var fromPem = RSA.Create();
                    fromPem.ImportFromPem(pem);
                    var provider = new RSACryptoServiceProvider(new CspParameters { KeyContainerName = "app" });
                    provider.ImportParameters(parameters);
                    return fromPem;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_strong_curves_and_hash_sizes()
    {
        CSharpRuleVerifier.VerifyNone<WeakRsaKeyRule>("""
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public void Run()
                {
                    using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
                    var brainpool = ECCurve.NamedCurves.brainpoolP256r1;
                    var dh = ECDiffieHellman.Create(ECCurve.CreateFromFriendlyName("nistP256"));
                    var hashSize = SHA1.HashSizeInBits;
                }
            }
            """);
    }
}
