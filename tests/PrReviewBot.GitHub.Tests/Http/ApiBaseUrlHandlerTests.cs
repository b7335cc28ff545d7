using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Tests.Http;

public sealed class ApiBaseUrlHandlerTests
{
    [Theory]
    // A base URL at another path: Octokit's /api/v3/ prefix is replaced by it.
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/api/v3/repos/a/b/pulls/1?page=2", "http://127.0.0.1:5000/repos/a/b/pulls/1?page=2")]
    [InlineData("https://proxy.example/github", "https://proxy.example/api/v3/app", "https://proxy.example/github/app")]
    // GitHub Enterprise Server: /api/v3/ is the base URL itself, so requests stay as they are.
    [InlineData("https://ghe.example/api/v3/", "https://ghe.example/api/v3/repos/a/b", "https://ghe.example/api/v3/repos/a/b")]
    // Already under the base URL (e.g. a Link header GitHub sent), or another host: untouched.
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/repos/a/b/pulls/1/files?page=2", "http://127.0.0.1:5000/repos/a/b/pulls/1/files?page=2")]
    [InlineData("http://127.0.0.1:5000/", "https://uploads.github.com/api/v3/x", "https://uploads.github.com/api/v3/x")]
    public void Rebases_requests_under_the_configured_base_url(string baseUrl, string request, string expected)
    {
        using var handler = new ApiBaseUrlHandler(new Uri(baseUrl), new HttpClientHandler());

        Assert.Equal(new Uri(expected), handler.Rebase(new Uri(request)));
    }
}
