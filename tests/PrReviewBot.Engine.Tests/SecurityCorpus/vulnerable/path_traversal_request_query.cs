using System.IO;
using Microsoft.AspNetCore.Http;
public class Handler
{
    public string Read(HttpRequest Request)
    {
        string file = Request.Query["file"];
        return File.ReadAllText(Path.Combine("uploads", file)); // vuln
    }
}
