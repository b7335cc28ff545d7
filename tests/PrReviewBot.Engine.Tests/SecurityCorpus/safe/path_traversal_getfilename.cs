using System.IO;
using Microsoft.AspNetCore.Mvc;
public class FilesController : Controller
{
    public IActionResult Download(string name)
    {
        var safe = Path.GetFileName(name);
        var bytes = System.IO.File.ReadAllBytes(Path.Combine("/var/data", safe));
        return File(bytes, "application/octet-stream");
    }
}
