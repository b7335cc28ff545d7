using Polly;

namespace PrReviewBot.GitHub.Http;

/// <summary>
/// Runs each request of one installation's client through the resilience pipeline, lets only one
/// write (POST, PATCH, PUT, DELETE) of that installation be in flight at a time, as GitHub asks of
/// integrations to stay clear of its secondary rate limits, and after a secondary limit holds every
/// request of the installation until the cool-down is over.
/// </summary>
internal sealed class ResilientGitHubHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly SecondaryLimitCoolDown coolDown;
    private readonly TimeProvider timeProvider;
    private readonly TimeSpan maxWait;
    private readonly SemaphoreSlim writes = new(1, 1);

    public ResilientGitHubHandler(ResiliencePipeline<HttpResponseMessage> pipeline, GitHubAppOptions options, TimeProvider timeProvider, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.pipeline = pipeline;
        this.timeProvider = timeProvider;
        maxWait = options.MaxRateLimitWait;
        coolDown = new SecondaryLimitCoolDown(timeProvider);
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
            var cooling = coolDown.Remaining;
            if (cooling > maxWait)
            {
                // Asking GitHub again during the cool-down would only prolong it.
                return coolDown.Refusal(request);
            }

            if (cooling > TimeSpan.Zero)
            {
                await Task.Delay(cooling, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            var response = await pipeline.ExecuteAsync(
                static async (context, state) => await state.handler.SendOnceAsync(state.request, context).ConfigureAwait(false),
                context,
                (handler: this, request)).ConfigureAwait(false);
            if (context.Properties.TryGetValue(GitHubResilience.SecondaryWaitKey, out var wait) && wait is not null)
            {
                response.Dispose();
                return coolDown.Refusal(request);
            }

            return response;
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

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, ResilienceContext context)
    {
        var response = await base.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
        if (await GitHubResilience.IsSecondaryLimitAsync(response, context.CancellationToken).ConfigureAwait(false))
        {
            context.Properties.Set(GitHubResilience.SecondaryWaitKey, coolDown.Strike(GitHubResilience.AskedWait(response, timeProvider)));
        }
        else
        {
            context.Properties.Set(GitHubResilience.SecondaryWaitKey, null);
            if (response.IsSuccessStatusCode)
            {
                coolDown.Clear();
            }
        }

        return response;
    }
}
