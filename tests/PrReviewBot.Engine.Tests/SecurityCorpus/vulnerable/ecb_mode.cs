using System.Security.Cryptography;
class Crypto
{
    ICryptoTransform Make(byte[] key)
    {
        var aes = Aes.Create();
        aes.Mode = CipherMode.ECB; // vuln
        return aes.CreateEncryptor(key, null);
    }
}
