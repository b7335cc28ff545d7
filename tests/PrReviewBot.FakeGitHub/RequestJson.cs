using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PrReviewBot.FakeGitHub;

/// <summary>
/// A request body read as JSON whatever its Content-Type, as GitHub does: Octokit posts JSON
/// labelled <c>application/x-www-form-urlencoded</c>, which minimal APIs would refuse with 415.
/// </summary>
public sealed class RequestJson
{
    private RequestJson(JsonElement value)
    {
        Value = value;
    }

    public JsonElement Value { get; }

    public static async ValueTask<RequestJson?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Request.Body.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return new RequestJson(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return new RequestJson(default);
        }
    }
}
