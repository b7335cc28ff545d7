namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// A signed delivery whose body lacks a field a job needs, or holds one of the wrong kind. Another
/// delivery of the same body would fail the same way, so it is answered 400, never 503.
/// </summary>
public sealed class MalformedDeliveryException : Exception
{
    public MalformedDeliveryException()
    {
    }

    public MalformedDeliveryException(string message)
        : base(message)
    {
    }

    public MalformedDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
