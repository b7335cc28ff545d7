using System.Net;
using System.Net.Security;
class Client
{
    void Init()
    {
        ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => errors == SslPolicyErrors.None;
    }
}
