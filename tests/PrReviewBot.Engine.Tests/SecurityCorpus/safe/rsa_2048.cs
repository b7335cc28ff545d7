using System.Security.Cryptography;
class Keys
{
    RSA Create()
    {
        return RSA.Create(2048);
    }
}
