using System.Net.Http;
class Client
{
    HttpClient Create()
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator; // vuln
        return new HttpClient(handler);
    }
}
