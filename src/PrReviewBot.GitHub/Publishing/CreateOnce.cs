using Octokit;

namespace PrReviewBot.GitHub.Publishing;

/// <summary>
/// A create on GitHub whose answer can be lost after GitHub stored it (a 502, a reset, a timeout):
/// the HTTP layer does not repeat such a request, so this looks for what the create would have
/// made and creates again only when it is not there. Whatever is still missing after a few tries
/// fails the job, whose retry starts over by reading what exists.
/// </summary>
internal static class CreateOnce
{
    public const int Attempts = 3;

    /// <summary>An answer that leaves open whether GitHub carried the write out.</summary>
    public static bool IsUnknownOutcome(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException or IOException => true,

        // HttpClient's own timeout, not our cancellation: the request may have been carried out.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="create"/>; after an unknown outcome, returns what <paramref name="find"/>
    /// finds stored, or creates again, at most <see cref="Attempts"/> times in all.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> create, Func<Task<T?>> find, Action<Exception, int> lost, CancellationToken cancellationToken)
        where T : class
    {
        T? result = null;
        await RunAsync(
            async () => result = await create().ConfigureAwait(false),
            async () => (result = await find().ConfigureAwait(false)) is not null,
            lost,
            cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// Runs <paramref name="create"/>; after an unknown outcome, stops when <paramref name="stored"/>
    /// says GitHub has it all, or creates again (what <paramref name="create"/> sends may have been
    /// narrowed by <paramref name="stored"/> to what is missing), at most <see cref="Attempts"/> times in all.
    /// </summary>
    public static async Task RunAsync(Func<Task> create, Func<Task<bool>> stored, Action<Exception, int> lost, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await create().ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (IsUnknownOutcome(exception, cancellationToken))
            {
                lost(exception, attempt);
                if (await stored().ConfigureAwait(false))
                {
                    return;
                }

                if (attempt >= Attempts)
                {
                    throw;
                }
            }
        }
    }
}
