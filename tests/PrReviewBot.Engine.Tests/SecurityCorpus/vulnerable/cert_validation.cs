using System.Net;
class Client
{
    void Init()
    {
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true; // vuln
    }
}
