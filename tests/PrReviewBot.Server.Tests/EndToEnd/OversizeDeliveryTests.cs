using System.Net;
using System.Text;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Server.Tests.EndToEnd;

/// <summary>Bodies past <c>Webhook:MaxBodyBytes</c> are refused 413 whether their length is declared or chunked.</summary>
public sealed class OversizeDeliveryTests : InProcessServerTests
{
    private const int Cap = 16 * 1024;

    protected override void Configure(GitHubAppScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Overrides["Webhook:MaxBodyBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signed_body_past_the_cap_gets_413_whether_its_length_is_declared_or_chunked(bool declared)
    {
        var body = Encoding.UTF8.GetBytes(Padded(GitHubPayloads.PullRequest("opened", "acme", "shop", 77, 12, new string('1', 40)), Cap + 1));

        var response = await PostAsync(body, WebhookSignature.Compute(Scenario.Secret, body), declared);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_just_under_the_cap_is_read_and_queued()
    {
        var body = Encoding.UTF8.GetBytes(Padded(GitHubPayloads.PullRequest("opened", "acme", "shop", 77, 12, new string('1', 40)), Cap));

        var response = await PostAsync(body, WebhookSignature.Compute(Scenario.Secret, body), declared: false);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_large_chunked_body_without_a_signature_gets_401()
    {
        var response = await PostAsync(new byte[Cap * 4], signature: null, declared: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, string? signature, bool declared) =>
        PostAsync(declared ? new MemoryStream(body) : new UnknownLengthStream(body), signature, declared ? body.Length : null);

    private async Task<HttpResponseMessage> PostAsync(Stream body, string? signature, long? length = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Path)
        {
            Content = new StreamContent(body),
        };
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-GitHub-Event", "pull_request");
        request.Headers.Add("X-GitHub-Delivery", Scenario.NewDeliveryId());
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, signature);
        }

        return await Scenario.Server.SendAsync(request);
    }

    /// <summary>The JSON padded with trailing spaces to exactly <paramref name="length"/> bytes.</summary>
    private static string Padded(string json, int length) => json + new string(' ', length - Encoding.UTF8.GetByteCount(json));

    /// <summary>A body whose length is not known up front, so it travels chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
