namespace PrReviewBot.Server.Configuration;

/// <summary>How much of a delivery the server will hold before its signature is known (<c>Webhook</c> section).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>The largest body accepted, in bytes, whatever the transfer encoding; GitHub caps payloads at 25 MB.</summary>
    public int MaxBodyBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// The bytes all deliveries being read may hold at once. Bodies are held until their signature
    /// is checked, so this is what unsigned traffic can make the process keep.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long reading one body may take before it is answered 408: a sender trickling bytes
    /// would otherwise hold its share of <see cref="MaxBufferedBytes"/> for as long as it likes.
    /// GitHub itself gives up on a delivery after 10 s.
    /// </summary>
    public int BodyReadSeconds { get; set; } = 10;

    /// <summary>How long a delivery waits for room in <see cref="MaxBufferedBytes"/> before it is answered 429 with Retry-After.</summary>
    public int BufferWaitMilliseconds { get; set; } = 2000;
}
