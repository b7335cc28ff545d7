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
/// Which writes the fake stores but answers badly: every Nth, or a seeded random share, taking the
/// kinds in turn. Only writes the fake accepted (2xx) count: a refused write stored nothing, so
/// losing its answer would not test anything.
/// </summary>
public sealed class WriteFaultPlan
{
    private readonly Func<bool> chosen;
    private readonly WriteFaultKind[] kinds;
    private int turn;

    private WriteFaultPlan(Func<bool> chosen, WriteFaultKind[] kinds)
    {
        if (kinds.Length == 0)
        {
            throw new ArgumentException("At least one kind of fault is needed.", nameof(kinds));
        }

        this.chosen = chosen;
        this.kinds = kinds;
    }

    /// <summary>The writes this plan applies to: those whose API path starts with this (default: every write).</summary>
    public string PathPrefix { get; private set; } = "/";

    /// <summary>Every <paramref name="n"/>th accepted write loses its answer.</summary>
    public static WriteFaultPlan EveryNth(int n, params WriteFaultKind[] kinds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var count = 0;
        return new WriteFaultPlan(() => ++count % n == 0, kinds);
    }

    /// <summary>Each accepted write loses its answer with probability <paramref name="rate"/>, drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public static WriteFaultPlan Random(double rate, int seed, params WriteFaultKind[] kinds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
#pragma warning disable CA5394 // A reproducible schedule for a test double, not a secret.
        var random = new Random(seed);
        return new WriteFaultPlan(() => random.NextDouble() < rate, kinds);
#pragma warning restore CA5394
    }

    /// <summary>Applies the plan only to writes whose API path starts with <paramref name="pathPrefix"/>.</summary>
    public WriteFaultPlan Only(string pathPrefix)
    {
        PathPrefix = pathPrefix;
        return this;
    }

    /// <summary>Whether this accepted write loses its answer, and how; called under the fake's lock, once per accepted write.</summary>
    internal WriteFaultKind? Next(string apiPath) =>
        apiPath.StartsWith(PathPrefix, StringComparison.Ordinal) && chosen() ? kinds[turn++ % kinds.Length] : null;
}
