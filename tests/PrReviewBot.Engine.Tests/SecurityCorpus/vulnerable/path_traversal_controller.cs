using System.IO;
using Microsoft.AspNetCore.Mvc;
public class FilesController : Controller
{
    public IActionResult Download(string name)
    {
        var bytes = System.IO.File.ReadAllBytes("/var/data/" + name); // vuln
        return File(bytes, "application/octet-stream");
    }
}
