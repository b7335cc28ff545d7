using System.Security.Cryptography;
class Crypto
{
    ICryptoTransform Make(byte[] key, byte[] iv)
    {
        var des = DES.Create(); // vuln
        return des.CreateEncryptor(key, iv);
    }
}
