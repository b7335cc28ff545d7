using System.Net;
using Microsoft.Extensions.Logging;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Tests.Http;

public sealed class ResilientGitHubHandlerTests
{
    [Fact]
    public async Task A_retried_network_error_is_logged_with_method_and_url_but_not_the_query_or_the_token()
    {
        var logger = new RecordingLogger();
        var options = new GitHubAppOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 2 };
        using var inner = new FailingOnceHandler(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        using var handler = new ResilientGitHubHandler(GitHubResilience.Create(options, TimeProvider.System, logger), options, TimeProvider.System, inner);
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.github.com/repos/acme/shop/pulls/2?page=2&token=query-secret");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ghs_header-secret");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("GET https://api.github.com/repos/acme/shop/pulls/2 ", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionError", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    private sealed class FailingOnceHandler(Exception failure) : HttpMessageHandler
    {
        private int calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<HttpResponseMessage>(failure) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
