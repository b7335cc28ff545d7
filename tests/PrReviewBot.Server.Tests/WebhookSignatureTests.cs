using System.Text;
using PrReviewBot.Server.Webhooks;

namespace PrReviewBot.Server.Tests;

public sealed class WebhookSignatureTests
{
    // The example GitHub's documentation gives for validating webhook deliveries.
    private const string Secret = "It's a Secret to Everybody";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello, World!");
    private const string Expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Computes_the_signature_GitHub_documents() =>
        Assert.Equal(Expected, WebhookSignature.Compute(Secret, Body));

    [Fact]
    public void Accepts_the_documented_signature() =>
        Assert.True(WebhookSignature.IsValid(Secret, Body, Expected));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=000007ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=not-hex")]
    public void Rejects_missing_or_wrong_signatures(string? header) =>
        Assert.False(WebhookSignature.IsValid(Secret, Body, header));

    [Fact]
    public void Rejects_a_body_changed_after_signing() =>
        Assert.False(WebhookSignature.IsValid(Secret, Encoding.UTF8.GetBytes("Hello, World?"), Expected));
}
