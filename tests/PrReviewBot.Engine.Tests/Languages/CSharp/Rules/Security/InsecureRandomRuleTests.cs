using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class InsecureRandomRuleTests
{
    [Fact]
    public void Flags_random_in_a_method_that_makes_a_token_with_a_fix()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;

            public static class Tokens
            {
                static string GenerateWeakToken()
                {
                    Random rnd = new Random();
                    return [|rnd.Next()|].ToString();
                }
            }
            """);
        Assert.Equal("        return System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue).ToString();", findings[0].Replacement);
        Assert.Contains("for the result of `GenerateWeakToken`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_values_stored_in_secret_names()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class Account
            {
                private static readonly Random Random = new Random();

                public string ResetCode { get; private set; }

                public void StartReset()
                {
                    ResetCode = [|Random.Next(100000, 999999)|].ToString("D6");
                }

                public int Verify()
                {
                    var otp = [|Random.Shared.Next(1_000_000)|];
                    return otp;
                }
            }
            """);
        Assert.Equal("        ResetCode = RandomNumberGenerator.GetInt32(100000, 999999).ToString(\"D6\");", findings[0].Replacement);
    }

    [Fact]
    public void Flags_next_bytes_filling_a_buffer()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;

            public class Program
            {
                public void Main()
                {
                    var rnd = new Random();
                    var bytes = new byte[16];
                    [|rnd.NextBytes(bytes)|];
                    Console.WriteLine(Convert.ToBase64String(bytes));
                }

                public byte[] GenerateBadKey()
                {
                    var rng = new System.Random();
                    byte[] key = new byte[16];
                    [|rng.NextBytes(key)|];
                    return key;
                }
            }
            """);
        Assert.Equal("        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);", findings[0].Replacement);
    }

    [Fact]
    public void Flags_a_random_string_helper_whose_result_becomes_a_password()
    {
        CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;
            using System.Text;

            public class InsecureRandomness
            {
                public void RandomTest()
                {
                    string password = InsecureRandomString(10);
                }

                public static string InsecureRandomString(int length)
                {
                    StringBuilder result = new StringBuilder(length);
                    Random r = new Random();
                    while (result.Length < length)
                    {
                        result.Append((char)[|r.Next(97, 122)|]);
                    }

                    return result.ToString();
                }
            }
            """);
    }

    [Fact]
    public void Flags_characters_picked_for_a_password_through_an_index()
    {
        CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;
            using System.Linq;

            public sealed class PasswordGenerator
            {
                private const string Alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
                private readonly Random random = new();

                public string Create(int length)
                {
                    return new string(Enumerable.Range(0, length)
                        .Select(_ => Alphabet[[|random.Next(Alphabet.Length)|]])
                        .ToArray());
                }
            }

            public sealed class Salts
            {
                public string NewSalt()
                {
                    var chars = new char[8];
                    for (var i = 0; i < chars.Length; i++)
                    {
                        int index = [|new Random().Next(26)|];
                        chars[i] = (char)('a' + index);
                    }

                    return new string(chars);
                }
            }
            """);
    }

    [Fact]
    public void Reports_once_per_member()
    {
        CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;

            public sealed class Codes
            {
                public string CreateVerificationCode(Random random)
                {
                    var first = [|random.Next(10)|];
                    var second = random.Next(10);
                    var third = random.Next(10);
                    return $"{first}{second}{third}";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_cryptographic_generators()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;
            using System.Security.Cryptography;

            public static class Tokens
            {
                static string GenerateSecureToken()
                {
                    RandomNumberGenerator rnd = RandomNumberGenerator.Create();
                    byte[] buffer = new byte[16];
                    rnd.GetBytes(buffer);
                    var code = RandomNumberGenerator.GetInt32(100000, 999999);
                    return BitConverter.ToString(buffer) + code;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_games_jitter_and_shuffling()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;
            using System.Collections.Generic;

            public sealed class Game
            {
                private readonly Random random = new Random();

                public int RollDice() => random.Next(1, 7);

                public TimeSpan RetryDelay(int attempt) => TimeSpan.FromMilliseconds(100 * attempt + random.Next(0, 50));

                public void Shuffle<T>(IList<T> items)
                {
                    for (var i = items.Count - 1; i > 0; i--)
                    {
                        var j = random.Next(i + 1);
                        (items[i], items[j]) = (items[j], items[i]);
                    }
                }

                public string PickQuote(string[] quotes) => quotes[Random.Shared.Next(quotes.Length)];
            }
            """);
    }

    [Fact]
    public void Ignores_harmless_values_inside_a_token_method()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;
            using System.Threading;

            public sealed class TokenRefresher
            {
                public void RefreshToken()
                {
                    var delay = new Random().Next(100, 500);
                    Thread.Sleep(delay);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_neutral_uses_and_a_user_class_named_random()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;

            public sealed class Report
            {
                public double Sample()
                {
                    var generator = new Random(42);
                    var value = generator.NextDouble();
                    return value * 10;
                }

                public int Next(Random random) => random.Next();

                public byte[] NoisyTestData()
                {
                    var data = new byte[256];
                    new Random(1).NextBytes(data);
                    return data;
                }
            }

            namespace Other
            {
                public sealed class Random
                {
                    public string Next() => "token";
                }

                public sealed class User
                {
                    public string CreateToken(Random random) => random.Next();
                }
            }
            """);
    }

    [Fact]
    public void Ignores_names_and_labels_built_from_random_numbers()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;

            public sealed class Sessions
            {
                private static readonly Random Rng = new Random();

                public string SessionName() => "Session-" + Rng.Next(1000);

                public string NewTokenFileName() => $"token-{Rng.Next()}.tmp";
            }
            """);
    }

    [Fact]
    public void Ignores_random_sampling_in_a_token_service()
    {
        CSharpRuleVerifier.VerifyNone<InsecureRandomRule>("""
            using System;

            public sealed class TokenMetrics
            {
                private readonly Random random = new Random();

                public bool ShouldSample(double rate) => random.NextDouble() < rate;

                public TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(random.Next(50, 100) * attempt);
            }
            """);
    }

    [Fact]
    public void Reaches_down_to_where_a_filled_buffer_becomes_a_key()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class Keys
            {
                public SymmetricAlgorithm Cipher()
                {
                    var rng = new Random();
                    byte[] key = new byte[16];
                    [|rng.NextBytes(key);
                    SymmetricAlgorithm cipher = Aes.Create();
                    cipher.Key = key;|]
                    return cipher;
                }

                public AesGcm Gcm()
                {
                    var rng = new Random();
                    byte[] key = new byte[16];
                    [|rng.NextBytes(key);
                    return new AesGcm(key, 16);|]
                }
            }
            """);
        Assert.Equal([(10, 12), (20, 21)], findings.Select(finding => (finding.StartLine, finding.EndLine)));
        Assert.EndsWith("        cipher.Key = key;", findings[0].Replacement?.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Stays_on_the_fill_when_the_buffer_is_not_used_as_a_key_nearby()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureRandomRule>("""
            using System;
            using System.IO;

            public sealed class Tokens
            {
                public string Token()
                {
                    var bytes = new byte[16];
                    [|new Random().NextBytes(bytes)|];
                    using var stream = new MemoryStream(bytes);
                    return Convert.ToBase64String(bytes);
                }
            }
            """);
        Assert.Equal(9, findings[0].EndLine);
    }
}
