using System.IO;
using MBrace.FsPickler;
public class SessionStore
{
    public object Load(Stream stream)
    {
        var serializer = FsPickler.CreateBinarySerializer(); // vuln
        return serializer.Deserialize<object>(stream);
    }
}
