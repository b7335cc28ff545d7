namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>What a careful reader decided about one finding on a real change.</summary>
public enum Verdict
{
    /// <summary>A careful senior reviewer would post it.</summary>
    Correct,

    /// <summary>True but minor.</summary>
    Nit,

    /// <summary>False, or advice that would make the code or the repository's conventions worse.</summary>
    Wrong,

    /// <summary>The base version already had it: the change did not introduce it.</summary>
    Preexisting,
}
