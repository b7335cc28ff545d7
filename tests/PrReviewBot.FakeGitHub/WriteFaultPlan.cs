namespace PrReviewBot.FakeGitHub;

/// <summary>How a stored write's answer is lost on the way back.</summary>
public enum WriteFaultKind
{
    /// <summary>The write is stored, then answered 502, as when GitHub's front end times out on a write its back end finished.</summary>
    BadGatewayAfterStoring,

    /// <summary>The write is stored, then the connection is torn down without an answer.</summary>
    ResetAfterStoring,
}

/// <summary>
/// Which writes the fake stores but answers badly: every Nth (the kinds in turn), or a seeded random
/// share. Only writes the fake accepted (2xx) count: a refused write stored nothing, so losing its
/// answer would not test anything.
/// </summary>
public sealed class WriteFaultPlan
{
    private readonly Func<string, WriteFaultKind?> decide;

    private WriteFaultPlan(Func<string, WriteFaultKind?> decide) => this.decide = decide;

    /// <summary>The writes this plan applies to: those whose API path starts with this (default: every write).</summary>
    public string PathPrefix { get; private set; } = "/";

    /// <summary>Every <paramref name="n"/>th accepted write loses its answer, the kinds taken in turn.</summary>
    public static WriteFaultPlan EveryNth(int n, params WriteFaultKind[] kinds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Require(kinds);
        var count = 0;
        var turn = 0;
        return new WriteFaultPlan(_ => ++count % n == 0 ? kinds[turn++ % kinds.Length] : null);
    }

    /// <summary>
    /// Each accepted write loses its answer with probability <paramref name="rate"/>, in a kind drawn alike. The draw
    /// depends on the seed, the write's path and how many writes to that path came before it, not on the order in which
    /// concurrent reviews happen to reach the fake: the same writes fail in every run.
    /// </summary>
    public static WriteFaultPlan Random(double rate, int seed, params WriteFaultKind[] kinds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        Require(kinds);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return new WriteFaultPlan(path =>
        {
            var occurrence = seen.GetValueOrDefault(path);
            seen[path] = occurrence + 1;
            var hash = Hash($"{seed}\n{path}\n{occurrence}");
            return (hash >> 11) * (1.0 / (1UL << 53)) < rate ? kinds[(int)(hash % (ulong)kinds.Length)] : null;
        });
    }

    /// <summary>Applies the plan only to writes whose API path starts with <paramref name="pathPrefix"/>.</summary>
    public WriteFaultPlan Only(string pathPrefix)
    {
        PathPrefix = pathPrefix;
        return this;
    }

    /// <summary>Whether this accepted write loses its answer, and how; called under the fake's lock, once per accepted write.</summary>
    internal WriteFaultKind? Next(string apiPath) =>
        apiPath.StartsWith(PathPrefix, StringComparison.Ordinal) ? decide(apiPath) : null;

    private static void Require(WriteFaultKind[] kinds)
    {
        if (kinds.Length == 0)
        {
            throw new ArgumentException("At least one kind of fault is needed.", nameof(kinds));
        }
    }

    /// <summary>FNV-1a, 64 bits: stable across runs and processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 1099511628211UL;
        }

        return hash;
    }
}
