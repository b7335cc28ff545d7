using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace PrReviewBot.Server.Webhooks;

/// <summary>What reading a delivery's body came to.</summary>
public enum WebhookBodyRead
{
    Complete,

    /// <summary>More bytes than the cap: answered 413, the rest is never read.</summary>
    TooLarge,

    /// <summary>No room in <see cref="WebhookBodyBudget"/> in time: answered 429 with Retry-After.</summary>
    Busy,
}

/// <summary>
/// A delivery's body, read in pooled segments under a byte cap and a shared budget, with its
/// HMAC-SHA256 computed while it streams in, so the signature is known the moment the last byte
/// arrives and no body is ever held whole in one large array before it is trusted.
/// </summary>
public sealed class WebhookBody : IDisposable
{
    private readonly List<byte[]> segments = [];
    private readonly WebhookBodyBudget budget;
    private readonly IncrementalHash hmac;
    private byte[]? hash;

    private WebhookBody(WebhookBodyBudget budget, string secret)
    {
        this.budget = budget;
        hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
    }

    public long Length { get; private set; }

    public WebhookBodyRead Result { get; private set; }

    /// <summary>Reads <paramref name="source"/> to its end, or until it passes <paramref name="maxBytes"/> or the budget runs out.</summary>
    public static async Task<WebhookBody> ReadAsync(
        Stream source, string secret, long maxBytes, WebhookBodyBudget budget, TimeSpan budgetWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(budget);
        var body = new WebhookBody(budget, secret);
        try
        {
            body.Result = await body.FillAsync(source, maxBytes, budgetWait, cancellationToken).ConfigureAwait(false);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="header"/> is <c>sha256=</c> and the hex HMAC of the body, compared in constant time.</summary>
    public bool IsSignedBy(string? header)
    {
        if (Result != WebhookBodyRead.Complete || !WebhookSignature.TryParse(header, out var given))
        {
            return false;
        }

        hash ??= hmac.GetHashAndReset();
        return CryptographicOperations.FixedTimeEquals(hash, given);
    }

    /// <summary>The body as one array; for a delivery whose signature was checked.</summary>
    public byte[] ToArray()
    {
        var whole = new byte[Length];
        var offset = 0;
        foreach (var segment in segments)
        {
            var count = (int)Math.Min(segment.Length, Length - offset);
            segment.AsSpan(0, count).CopyTo(whole.AsSpan(offset));
            offset += count;
        }

        return whole;
    }

    public void Dispose()
    {
        foreach (var segment in segments)
        {
            ArrayPool<byte>.Shared.Return(segment);
        }

        budget.Return(segments.Count);
        segments.Clear();
        hmac.Dispose();
    }

    private async Task<WebhookBodyRead> FillAsync(Stream source, long maxBytes, TimeSpan budgetWait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var used = WebhookBodyBudget.SegmentBytes;
        while (true)
        {
            if (used == WebhookBodyBudget.SegmentBytes)
            {
                // The whole read shares one wait, so a body cannot hold its segments for long while it queues for more.
                if (!await budget.TryTakeSegmentAsync(budgetWait - Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false))
                {
                    return WebhookBodyRead.Busy;
                }

                segments.Add(ArrayPool<byte>.Shared.Rent(WebhookBodyBudget.SegmentBytes));
                used = 0;
            }

            var segment = segments[^1];
            var read = await source.ReadAsync(segment.AsMemory(used, WebhookBodyBudget.SegmentBytes - used), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return WebhookBodyRead.Complete;
            }

            Length += read;
            if (Length > maxBytes)
            {
                return WebhookBodyRead.TooLarge;
            }

            hmac.AppendData(segment, used, read);
            used += read;
        }
    }
}
