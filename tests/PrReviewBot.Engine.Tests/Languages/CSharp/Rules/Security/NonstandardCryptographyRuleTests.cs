using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class NonstandardCryptographyRuleTests
{
    [Fact]
    public void Flags_types_deriving_from_cryptography_bases()
    {
        var findings = CSharpRuleVerifier.Verify<NonstandardCryptographyRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class [|XorHash|] : HashAlgorithm
            {
                public override void Initialize() { }
                protected override void HashCore(byte[] array, int ibStart, int cbSize) { }
                protected override byte[] HashFinal() => Array.Empty<byte>();
            }

            public abstract class [|HomeCipher|] : SymmetricAlgorithm
            {
            }

            public interface [|IScrambler|] : ICryptoTransform
            {
            }

            public record struct [|Rot13Transform|](int Shift) : IScrambler, IDisposable
            {
                public void Dispose() { }
            }
            """);
        Assert.Contains("`XorHash` implements its own cryptography on `HashAlgorithm`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_types_deriving_from_a_custom_algorithm_of_the_file()
    {
        CSharpRuleVerifier.Verify<NonstandardCryptographyRule>("""
            using System.Security.Cryptography;

            public class [|CustomKeyExchange|] : AsymmetricAlgorithm
            {
            }

            public class [|TunedKeyExchange|](int size) : CustomKeyExchange
            {
            }
            """);
    }

    [Fact]
    public void Ignores_types_that_use_the_platform_algorithms()
    {
        CSharpRuleVerifier.VerifyNone<NonstandardCryptographyRule>("""
            using System;
            using System.Security.Cryptography;

            public sealed class Hasher : IDisposable
            {
                private readonly HashAlgorithm hash = SHA256.Create();

                public byte[] Hash(byte[] data) => hash.ComputeHash(data);

                public void Dispose() => hash.Dispose();
            }

            public interface IHashAlgorithmProvider
            {
                HashAlgorithm Create();
            }
            """);
    }

    [Fact]
    public void Ignores_a_base_type_of_the_same_name_declared_by_the_change()
    {
        CSharpRuleVerifier.VerifyNone<NonstandardCryptographyRule>("""
            namespace Checksums
            {
                public abstract class HashAlgorithm
                {
                    public abstract int Compute(byte[] data);
                }

                public sealed class Adler32 : HashAlgorithm
                {
                    public override int Compute(byte[] data) => data.Length;
                }
            }
            """);
    }
}
