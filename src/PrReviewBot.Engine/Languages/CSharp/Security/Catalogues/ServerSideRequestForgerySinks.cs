using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

/// <summary>
/// Where a URL makes the server send a request. The value checked is the address; a receiver
/// whose type does not resolve counts when its name says what it is (<c>_httpClient</c>,
/// <c>factory.CreateClient()</c>, <c>webClient</c>).
/// </summary>
public static class ServerSideRequestForgerySinks
{
    private static readonly string[] ClientHints = ["client", "http"];

    /// <summary><c>HttpClient</c>'s methods that send a request to the URI they are given.</summary>
    public static readonly IReadOnlyList<string> HttpClientMethods =
    [
        "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "PostAsync", "PutAsync", "PatchAsync",
        "DeleteAsync", "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync",
    ];

    /// <summary><c>WebClient</c>'s methods that send a request to the address they are given.</summary>
    public static readonly IReadOnlyList<string> WebClientMethods =
    [
        "DownloadString", "DownloadData", "DownloadFile", "OpenRead", "OpenWrite", "UploadString", "UploadData", "UploadFile",
        "UploadValues", "DownloadStringAsync", "DownloadDataAsync", "DownloadFileAsync", "OpenReadAsync", "OpenWriteAsync",
        "UploadStringAsync", "UploadDataAsync", "UploadFileAsync", "UploadValuesAsync", "DownloadStringTaskAsync",
        "DownloadDataTaskAsync", "DownloadFileTaskAsync", "OpenReadTaskAsync", "OpenWriteTaskAsync", "UploadStringTaskAsync",
        "UploadDataTaskAsync", "UploadFileTaskAsync", "UploadValuesTaskAsync",
    ];

    public static SinkCatalogue Catalogue { get; } = new(
        VulnerabilityFamily.ServerSideRequestForgery,
        [
            .. HttpClientMethods.Select(method => Sink.Call("HttpClient", method, 0, "requestUri", ClientHints)),
            Sink.Property("HttpClient", "BaseAddress", ClientHints),
            Sink.New("HttpRequestMessage", 1, "requestUri"),
            Sink.Property("HttpRequestMessage", "RequestUri", "request", "message"),
            Sink.Static("WebRequest", "Create", 0, "requestUriString"),
            Sink.Static("WebRequest", "CreateHttp", 0, "requestUriString"),
            Sink.Static("WebRequest", "CreateDefault", 0, "requestUri"),
            Sink.Static("HttpWebRequest", "Create", 0, "requestUriString"),
            Sink.Static("HttpWebRequest", "CreateHttp", 0, "requestUriString"),
            Sink.Static("FtpWebRequest", "Create", 0, "requestUriString"),
            .. WebClientMethods.Select(method => Sink.Call("WebClient", method, 0, "address", "client", "web")),
            Sink.Property("WebClient", "BaseAddress", "client", "web"),
            Sink.New("RestClient", 0, "baseUrl"),
            Sink.New("RestClientOptions", 0, "baseUrl"),
            Sink.New("RestRequest", 0, "resource"),
            Sink.New("TcpClient", 0, "hostname") with { MinimumArguments = 2 },
        ],
        [SanitizerEffect.UrlComponent])
    {
        Markers = ["HttpClient", "WebClient", "WebRequest", "RestClient", "RestRequest", "HttpRequestMessage", "TcpClient", "CreateClient"],
    };
}
