using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class WeakHashRuleTests
{
    [Fact]
    public void Flags_md5_and_sha1_factories_with_a_fix()
    {
        var findings = CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;
            using System.Text;

            public static class Fingerprints
            {
                public static byte[] Of(string text)
                {
                    using (var md5 = [|MD5.Create()|])
                    {
                        return md5.ComputeHash(Encoding.UTF8.GetBytes(text));
                    }
                }

                public static byte[] Quick(byte[] data) => [|SHA1.HashData(data)|];

                public static byte[] Typed(byte[] data)
                {
                    [|SHA1 sha = SHA1.Create();|]
                    return sha.ComputeHash(data);
                }
            }
            """);
        Assert.Equal("        using (var md5 = SHA256.Create())", findings[0].Replacement);
        Assert.Equal("    public static byte[] Quick(byte[] data) => SHA256.HashData(data);", findings[1].Replacement);
        Assert.Equal("        SHA256 sha = SHA256.Create();", findings[2].Replacement);
        Assert.Contains("`MD5.Create()` computes an MD5 hash", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_weak_hash_classes_created_by_type()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Hashes
            {
                private readonly HashAlgorithm legacy = [|new MD5CryptoServiceProvider()|];

                public void Run(byte[] key)
                {
                    var managed = [|new SHA1Managed()|];
                    var provider = [|new SHA1CryptoServiceProvider()|];
                    var mac = [|new HMACSHA1(key)|];
                    using var md5Mac = [|new HMACMD5(key)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_weak_algorithms_chosen_by_name()
    {
        var findings = CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Hashes
            {
                private const string Algorithm = "SHA1";

                public void Run()
                {
                    var byName = [|HashAlgorithm.Create("MD5")|];
                    var config = [|(HashAlgorithm)CryptoConfig.CreateFromName("System.Security.Cryptography.SHA1")|];
                    var keyed = [|KeyedHashAlgorithm.Create("HMACMD5")|];
                    var constant = [|HashAlgorithm.Create(Algorithm)|];
                }
            }
            """);
        Assert.Equal("        var byName = HashAlgorithm.Create(\"SHA256\");", findings[0].Replacement);
    }

    [Fact]
    public void Flags_hash_algorithm_name_md5_and_sha1()
    {
        var findings = CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Passwords
            {
                public byte[] Derive(string password, byte[] salt) =>
                    Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, [|HashAlgorithmName.SHA1|], 32);

                public byte[] Sign(RSA rsa, byte[] data) =>
                    rsa.SignData(data, [|HashAlgorithmName.MD5|], RSASignaturePadding.Pkcs1);
            }
            """);
        Assert.Equal("        Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);", findings[0].Replacement);
    }

    [Fact]
    public void Flags_bouncy_castle_digests_and_unresolved_usings()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using Org.BouncyCastle.Crypto.Digests;
            using Org.BouncyCastle.Security;

            public sealed class Digests
            {
                public void Run()
                {
                    var md5 = [|new MD5Digest()|];
                    var sha1 = [|new Sha1Digest()|];
                    var named = [|DigestUtilities.GetDigest("MD5")|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_multi_line_call_at_its_first_line()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Hashes
            {
                public byte[] Run(byte[] data)
                {
                    [|return MD5|]
                        .HashData(data);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_strong_hashes()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Hashes
            {
                public void Run(byte[] data, byte[] key)
                {
                    using var sha = SHA256.Create();
                    var digest = SHA512.HashData(data);
                    var mac = new HMACSHA256(key);
                    var name = HashAlgorithmName.SHA256;
                    var byName = HashAlgorithm.Create("SHA256");
                    var derived = Rfc2898DeriveBytes.Pbkdf2("p", data, 600_000, HashAlgorithmName.SHA384, 32);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_comparisons_and_mentions_in_strings_and_comments()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Policy
            {
                // MD5.Create() used to be here.
                private const string Message = "MD5.Create() and SHA1 are not allowed";

                public bool IsWeak(HashAlgorithmName name) =>
                    name == HashAlgorithmName.MD5 || name.Equals(HashAlgorithmName.SHA1);

                public string Describe(HashAlgorithmName name) => name switch
                {
                    _ when name == HashAlgorithmName.SHA1 => "weak",
                    _ => "ok",
                };
            }
            """);
    }

    [Fact]
    public void Ignores_a_user_class_named_like_a_hash()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            public static class MD5
            {
                public static string Create() => "not a hash";
            }

            public sealed class User
            {
                public string Run() => MD5.Create();
            }
            """);
    }

    [Fact]
    public void Ignores_names_that_only_contain_md5()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            public sealed class Manifest
            {
                public string Md5Checksum { get; set; }

                public string ContentMD5 { get; set; }

                public bool Matches(string md5) => string.Equals(md5, ContentMD5, System.StringComparison.Ordinal);
            }
            """);
    }

    [Fact]
    public void Flags_default_keyed_hash_and_ripemd160()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public sealed class Hashes
            {
                public void Run()
                {
                    var keyed = [|HMAC.Create()|];
                    var ripemd = [|new RIPEMD160Managed()|];
                    var byName = [|HashAlgorithm.Create("RIPEMD160")|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_algorithm_names_passed_to_unrelated_factories()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            using System.IO;

            public sealed class Files
            {
                public Stream Open() => File.Create("md5");

                public string Label() => Labels.Create("SHA1");
            }

            public static class Labels
            {
                public static string Create(string text) => text;
            }
            """);
    }

    [Fact]
    public void Ignores_hash_names_in_text_and_other_libraries()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            public sealed class Checksums
            {
                public string Algorithm { get; } = "SHA256";

                public string Describe() => "MD5 and SHA1 are not accepted";

                public int Md5Length => 32;
            }
            """);
    }

    [Fact]
    public void Flags_weak_hash_factories_passed_as_method_groups()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System;
            using System.Security.Cryptography;

            public class Hashes
            {
                private readonly Lazy<MD5> md5 = [|new Lazy<MD5>(MD5.Create)|];

                public HashAlgorithm Sha1() => [|new Func<SHA1>(SHA1.Create)()|];
            }
            """);
    }

    [Fact]
    public void Ignores_strong_hash_factories_passed_as_method_groups()
    {
        CSharpRuleVerifier.VerifyNone<WeakHashRule>("""
            using System;
            using System.Security.Cryptography;

            public class Hashes
            {
                private readonly Lazy<SHA256> sha = new Lazy<SHA256>(SHA256.Create);

                public HashAlgorithm Sha512() => new Func<SHA512>(SHA512.Create)();
            }
            """);
    }

    [Fact]
    public void Flags_the_default_hash_algorithm_requested_by_name()
    {
        CSharpRuleVerifier.Verify<WeakHashRule>("""
            using System.Security.Cryptography;

            public class Hashes
            {
                public object Default() => [|CryptoConfig.CreateFromName("System.Security.Cryptography.HashAlgorithm")|];
            }
            """);
    }
}
