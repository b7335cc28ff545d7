using System.Security.Cryptography;
class Crypto
{
    ICryptoTransform Make(byte[] key, byte[] iv)
    {
        var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        return aes.CreateEncryptor(key, iv);
    }
}
