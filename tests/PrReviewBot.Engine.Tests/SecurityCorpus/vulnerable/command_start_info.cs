using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
public class ToolsController : Controller
{
    public IActionResult Ping(string host)
    {
        var process = new Process();
        process.StartInfo.FileName = "ping";
        process.StartInfo.Arguments = "-c 1 " + host;
        process.Start(); // vuln
        return Ok();
    }
}
