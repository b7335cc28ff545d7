using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PrReviewBot.GitHub;
using PrReviewBot.Server.Configuration;

namespace PrReviewBot.Server.Webhooks;

/// <summary>
/// <c>POST /api/github/webhooks</c>. The signature is checked before anything else: a bad or missing
/// one gets 401 and nothing happens. The body is capped at <see cref="WebhookOptions.MaxBodyBytes"/>
/// whatever its transfer encoding (413 past it, without reading on), and is held in segments
/// counted against <see cref="WebhookOptions.MaxBufferedBytes"/> (429 with Retry-After when full: a flood of unverified bodies is the sender's doing, not a server fault)
/// for at most <see cref="WebhookOptions.BodyReadSeconds"/> (408 past it). A verified delivery is answered 202 once its job is committed
/// to the store (or 200 when it is ignored or a redelivery); a failure to store it answers 503 so
/// GitHub shows the delivery as failed and it can be redelivered.
/// </summary>
public static partial class WebhookEndpoint
{
    public const string Path = "/api/github/webhooks";

    private static readonly HashSet<string> HandledEvents = new(StringComparer.Ordinal) { "pull_request", "issue_comment" };

    public static async Task<IResult> HandleAsync(
        HttpContext context,
        IOptions<GitHubAppOptions> options,
        IOptions<WebhookOptions> limits,
        WebhookBodyBudget budget,
        ReviewWebhookProcessor processor,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger(typeof(WebhookEndpoint));
        var request = context.Request;
        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var signature = request.Headers[WebhookSignature.HeaderName].ToString();
        var secret = options.Value.WebhookSecret ?? string.Empty;
        var maxBytes = Math.Max(1, limits.Value.MaxBodyBytes);

        if (secret.Length == 0 || !WebhookSignature.TryParse(signature, out _))
        {
            // No body can match such a header: refuse before holding a byte of it.
            LogBadSignature(logger, delivery, eventName, context.Connection.RemoteIpAddress?.ToString());
            return Results.Text("invalid or missing X-Hub-Signature-256", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (request.ContentLength > maxBytes)
        {
            LogTooLarge(logger, delivery, eventName, context.Connection.RemoteIpAddress?.ToString(), maxBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // Our own cap replaces Kestrel's (30 MB by default), and holds for chunked bodies too.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        reading.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, limits.Value.BodyReadSeconds)));
        WebhookBody read;
        try
        {
            read = await WebhookBody.ReadAsync(
                request.Body, secret, maxBytes, budget, TimeSpan.FromMilliseconds(Math.Max(0, limits.Value.BufferWaitMilliseconds)), reading.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTooSlow(logger, delivery, eventName, context.Connection.RemoteIpAddress?.ToString(), limits.Value.BodyReadSeconds);
            return Results.Text("the body did not arrive in time", statusCode: StatusCodes.Status408RequestTimeout);
        }

        using var held = read;
        if (read.Result == WebhookBodyRead.TooLarge)
        {
            LogTooLarge(logger, delivery, eventName, context.Connection.RemoteIpAddress?.ToString(), maxBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (read.Result == WebhookBodyRead.Busy)
        {
            LogBusy(logger, delivery, eventName);
            context.Response.Headers.RetryAfter = "5";
            return Results.Text("too many large deliveries at once; redeliver it later", statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (!read.IsSignedBy(signature))
        {
            LogBadSignature(logger, delivery, eventName, context.Connection.RemoteIpAddress?.ToString());
            return Results.Text("invalid or missing X-Hub-Signature-256", statusCode: StatusCodes.Status401Unauthorized);
        }

        var body = read.ToArray().AsMemory();

        // The segments go back to the budget now, not after the store has committed.
        read.Dispose();

        if (string.IsNullOrEmpty(delivery) || string.IsNullOrEmpty(eventName))
        {
            return Results.Text("X-GitHub-Delivery and X-GitHub-Event headers are required", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!HandledEvents.Contains(eventName))
        {
            LogUnhandledEvent(logger, delivery, eventName);
            return Results.Text($"ignored: PrReviewBot does not act on '{eventName}' events", statusCode: StatusCodes.Status200OK);
        }

        var action = ActionOf(body.Span);
        if (action is null)
        {
            LogMalformed(logger, delivery, eventName, "no JSON object with an action");
            return Results.Text("the delivery's body is not a valid " + eventName + " payload", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!ReviewWebhookProcessor.MayActOn(eventName, action))
        {
            LogUnhandledAction(logger, delivery, eventName, action);
            return Results.Text($"ignored: PrReviewBot does not act on '{eventName}' with action '{action}'", statusCode: StatusCodes.Status200OK);
        }

        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value, StringComparer.OrdinalIgnoreCase);
        try
        {
            await processor.ProcessWebhookAsync(headers, Encoding.UTF8.GetString(body.Span), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reading a signed body touches no store: whatever fails here fails for every redelivery too.
            var problem = exception is MalformedDeliveryException or JsonException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
            LogMalformed(logger, delivery, eventName, problem);
            return Results.Text($"the delivery's body is not a valid {eventName} payload: {problem}", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            await processor.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotStored(logger, exception, delivery, eventName);
            return Results.Text("the delivery could not be stored; redeliver it later", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var status = processor.Outcome == "queued" ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
        return Results.Text(processor.Outcome, statusCode: status);
    }

    /// <summary>The delivery's <c>action</c>; empty when it has none, null when the body is not a JSON object.</summary>
    private static string? ActionOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String ? action.GetString() : string.Empty;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: '{Event}' with action '{Action}' is acknowledged and ignored")]
    private static partial void LogUnhandledAction(ILogger logger, string deliveryId, string @event, string action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) from {RemoteAddress} rejected: bad or missing signature")]
    private static partial void LogBadSignature(ILogger logger, string deliveryId, string @event, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: '{Event}' events are acknowledged and ignored")]
    private static partial void LogUnhandledEvent(ILogger logger, string deliveryId, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) has a malformed body: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string deliveryId, string @event, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) from {RemoteAddress} rejected: its body is larger than {MaxBytes} bytes")]
    private static partial void LogTooLarge(ILogger logger, string deliveryId, string @event, string? remoteAddress, int maxBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) from {RemoteAddress} rejected: its body took longer than {Seconds} s (Webhook:BodyReadSeconds)")]
    private static partial void LogTooSlow(ILogger logger, string deliveryId, string @event, string? remoteAddress, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({Event}) answered 429: the bytes held for deliveries not yet verified are at Webhook:MaxBufferedBytes")]
    private static partial void LogBusy(ILogger logger, string deliveryId, string @event);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} ({Event}) could not be stored; answered 503")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string deliveryId, string @event);
}
