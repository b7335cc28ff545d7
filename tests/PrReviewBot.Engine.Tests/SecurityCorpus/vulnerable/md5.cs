using System.Security.Cryptography;
using System.Text;
public class Hasher
{
    public byte[] Hash(string password)
    {
        using var md5 = MD5.Create(); // vuln
        return md5.ComputeHash(Encoding.UTF8.GetBytes(password));
    }
}
