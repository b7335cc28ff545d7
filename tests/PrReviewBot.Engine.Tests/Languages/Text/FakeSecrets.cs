namespace PrReviewBot.Engine.Tests.Languages.Text;

/// <summary>
/// Credential-shaped strings made at test time, so the repository holds no token a secret
/// scanner (ours or GitHub's) would flag. Deterministic per seed, high-entropy like real ones.
/// </summary>
internal static class FakeSecrets
{
    private const string Base62Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Base62(int length, int seed) => Make(Base62Alphabet, length, seed);

    public static string Upper(int length, int seed) => Make("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length, seed);

    public static string Digits(int length, int seed) => Make("0123456789", length, seed);

    private static string Make(string alphabet, int length, int seed)
    {
        // A tiny linear congruential generator: reproducible and free of analyzer warnings about Random.
        var state = (uint)(seed * 2654435761u) ^ 0x9E3779B9u;
        var characters = new char[length];
        for (var index = 0; index < length; index++)
        {
            state = (state * 1664525u) + 1013904223u;
            characters[index] = alphabet[(int)((state >> 8) % (uint)alphabet.Length)];
        }

        return new string(characters);
    }
}
