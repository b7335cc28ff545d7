using System.Security.Cryptography;
using System.Text;
public class Hasher
{
    public byte[] Hash(string value)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(Encoding.UTF8.GetBytes(value));
    }
}
