using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

/// <summary>
/// Where a URL sends the browser elsewhere. The value checked is the target. A <c>Location</c>
/// header set by name (<c>Response.Headers["Location"] = url</c>) is a sink too; the rule finds it
/// from the header name, which no member name gives away.
/// </summary>
public static class OpenRedirectSinks
{
    private static readonly string[] RedirectMethods = ["Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod"];

    public static SinkCatalogue Catalogue { get; } = new(
        VulnerabilityFamily.OpenRedirect,
        [
            .. RedirectMethods.Select(method => Sink.Inherited("ControllerBase", method, 0, "url")),
            .. RedirectMethods.Select(method => Sink.Call("HttpResponse", method, 0, "url", "response")),
            .. RedirectMethods.Select(method => Sink.Static("Results", method, 0, "url")),
            .. RedirectMethods.Select(method => Sink.Static("TypedResults", method, 0, "url")),
            Sink.New("RedirectResult", 0, "url"),
            Sink.New("RedirectHttpResult", 0, "url"),
            Sink.Property("RedirectResult", "Url"),
            Sink.Property("HttpResponse", "RedirectLocation", "response"),
            Sink.Call("HttpServerUtility", "Transfer", 0, "path", "server"),
            Sink.Call("HttpServerUtility", "TransferRequest", 0, "path", "server"),
        ],
        [SanitizerEffect.UrlComponent])
    {
        Markers = ["Redirect", "Transfer"],
    };
}
