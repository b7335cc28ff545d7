using Polly;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// Runs each request of one installation's client through the resilience pipeline, and lets only
/// one write (POST, PATCH, PUT, DELETE) of that installation be in flight at a time, as GitHub asks
/// of integrations to stay clear of its secondary rate limits.
/// </summary>
internal sealed class ResilientGitHubHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly SemaphoreSlim writes = new(1, 1);

    public ResilientGitHubHandler(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        this.pipeline = pipeline;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWrite = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (isWrite)
        {
            await writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(GitHubResilience.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (context, state) => await state.handler.SendInnerAsync(state.request, context.CancellationToken).ConfigureAwait(false),
                context,
                (handler: this, request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (isWrite)
            {
                writes.Release();
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            writes.Dispose();
        }

        base.Dispose(disposing);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
