using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
public class ClientFactory
{
    public HttpClient Create()
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => AcceptAll(message, certificate, chain, errors);
        var tls = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Trust }; // vuln
        return new HttpClient(handler);
    }
    private static bool AcceptAll(object m, X509Certificate c, X509Chain ch, SslPolicyErrors e) => e == SslPolicyErrors.None;
    private static bool Trust(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) => true;
}
