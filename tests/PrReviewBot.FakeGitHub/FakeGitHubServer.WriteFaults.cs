using Microsoft.AspNetCore.Http;

namespace PrReviewBot.FakeGitHub;

// Writes that GitHub stores but whose answer never arrives: the case a client must not answer
// with a blind retry, because the thing it asked for already exists.
public sealed partial class FakeGitHubServer
{
    private const string ResetMark = "fake-github:reset";

    private WriteFaultPlan? writeFaults;
    private int answersLost;

    /// <summary>From now on, accepted writes chosen by <paramref name="plan"/> are stored and then answered 502 or cut off; null stops it.</summary>
    public void LoseAnswersToWrites(WriteFaultPlan? plan)
    {
        lock (gate)
        {
            writeFaults = plan;
        }
    }

    /// <summary>How many stored writes had their answer replaced by a 502 or a reset so far.</summary>
    public int AnswersLost => Inspect(() => answersLost);

    /// <summary>The status a request is recorded with: 0 when its connection was cut instead of answered.</summary>
    private static int RecordedStatus(HttpContext context) => context.Items.ContainsKey(ResetMark) ? 0 : context.Response.StatusCode;

    private bool MayLoseAnswer(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && Inspect(() => writeFaults is not null);

    /// <summary>
    /// Runs the endpoint with its answer held back; once the write is stored (2xx), the plan
    /// decides whether the answer goes out, is replaced by a 502, or the connection is aborted.
    /// </summary>
    private async Task AnswerOrLoseAsync(HttpContext context, string apiPath, RequestDelegate next)
    {
        var response = context.Response;
        var wire = response.Body;
        using var held = new MemoryStream();
        response.Body = held;
        WriteFaultKind? fault = null;
        try
        {
            await next(context).ConfigureAwait(false);
            if (response.StatusCode is >= 200 and < 300)
            {
                lock (gate)
                {
                    fault = writeFaults?.Next(apiPath);
                    answersLost += fault is null ? 0 : 1;
                }
            }
        }
        finally
        {
            response.Body = wire;
        }

        switch (fault)
        {
            case WriteFaultKind.ResetAfterStoring:
                context.Items[ResetMark] = true;
                context.Abort();
                break;
            case WriteFaultKind.BadGatewayAfterStoring:
                response.Headers.Clear();
                await WriteJsonAsync(context, StatusCodes.Status502BadGateway, new { Message = "Server Error", DocumentationUrl = "https://docs.github.com/rest" }).ConfigureAwait(false);
                break;
            default:
                held.Position = 0;
                await held.CopyToAsync(wire, context.RequestAborted).ConfigureAwait(false);
                break;
        }
    }
}
