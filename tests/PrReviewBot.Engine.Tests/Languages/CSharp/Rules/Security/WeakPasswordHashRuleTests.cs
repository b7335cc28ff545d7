using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class WeakPasswordHashRuleTests
{
    [Fact]
    public void Flags_pbkdf2_with_too_few_iterations()
    {
        var findings = CSharpRuleVerifier.Verify<WeakPasswordHashRule>("""
            using System.Security.Cryptography;
            using Microsoft.AspNetCore.Cryptography.KeyDerivation;

            public static class Passwords
            {
                private const int Rounds = 10_000;

                public static byte[] Derive(string password, byte[] salt)
                {
                    var a = Rfc2898DeriveBytes.Pbkdf2(password, salt, [|Rounds|], HashAlgorithmName.SHA256, 32);
                    var b = KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA256, [|1000|], 32);
                    var c = KeyDerivation.Pbkdf2(
                        password: password,
                        salt: salt,
                        prf: KeyDerivationPrf.HMACSHA512,
                        [|iterationCount: 50_000|],
                        numBytesRequested: 32);
                    return a;
                }
            }
            """);
        Assert.Contains("10,000 iterations", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_the_old_derive_bytes_constructors()
    {
        var findings = CSharpRuleVerifier.Verify<WeakPasswordHashRule>("""
            using System.Security.Cryptography;

            public static class Passwords
            {
                public static byte[] Derive(string password, byte[] salt)
                {
                    [|using var legacy = new Rfc2898DeriveBytes(password, salt);|]
                    using var few = new Rfc2898DeriveBytes(password, salt, [|5000|], HashAlgorithmName.SHA256);
                    using var enough = new Rfc2898DeriveBytes(password, salt, 600_000, HashAlgorithmName.SHA256);
                    return legacy.GetBytes(32);
                }
            }
            """);
        Assert.Contains("default of 1,000 iterations", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_weak_identity_password_hasher_options()
    {
        CSharpRuleVerifier.Verify<WeakPasswordHashRule>("""
            using Microsoft.AspNetCore.Identity;
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.Configure<PasswordHasherOptions>(options => [|options.IterationCount = 10_000|]);
                    var v2 = new PasswordHasherOptions { [|CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2|] };
                    var fine = new PasswordHasherOptions { IterationCount = 210_000, CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 };
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_password_put_through_a_single_sha2_hash()
    {
        CSharpRuleVerifier.Verify<WeakPasswordHashRule>("""
            using System.Security.Cryptography;
            using System.Text;

            public static class Passwords
            {
                public static byte[] Store(string userPassword, byte[] salt)
                {
                    var stored = [|SHA256.HashData(Encoding.UTF8.GetBytes(userPassword))|];
                    using var sha = SHA512.Create();
                    return [|sha.ComputeHash(Encoding.UTF8.GetBytes(userPassword + Encoding.UTF8.GetString(salt)))|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_strong_settings_unknown_counts_and_hashes_of_other_data()
    {
        CSharpRuleVerifier.VerifyNone<WeakPasswordHashRule>("""
            using System.Security.Cryptography;

            public sealed class Files
            {
                public int IterationCount { get; set; }

                public byte[] Run(string password, byte[] salt, int iterations, byte[] content, byte[] passwordHash)
                {
                    IterationCount = 3;
                    var derived = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
                    var strong = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA512, 64);
                    var checksum = SHA256.HashData(content);
                    var compare = SHA256.HashData(passwordHash);
                    return derived;
                }
            }
            """);
    }
}
