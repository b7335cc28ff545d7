using System.Security.Cryptography;
class Keys
{
    RSA Create()
    {
        return new RSACryptoServiceProvider(1024); // vuln
    }
}
