namespace PrReviewBot.Cli.Inputs;

/// <summary>The user's input cannot be reviewed (missing file, bad range, malformed patch): exit code 2.</summary>
public sealed class InputException : Exception
{
    public InputException()
    {
    }

    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
