using System.Security.Cryptography;
class Sig
{
    byte[] Sign(byte[] data)
    {
        var sha1 = new SHA1Managed(); // vuln
        return sha1.ComputeHash(data);
    }
}
