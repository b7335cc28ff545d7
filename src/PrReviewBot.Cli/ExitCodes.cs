namespace PrReviewBot.Cli;

/// <summary>The CLI's contract with CI systems.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int FindingsAtOrAboveThreshold = 1;
    public const int UsageOrInputError = 2;
}
