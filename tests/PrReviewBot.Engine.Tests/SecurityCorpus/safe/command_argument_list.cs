using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
public class ToolsController : Controller
{
    public IActionResult Ping(string host)
    {
        var info = new ProcessStartInfo("ping");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("1");
        info.ArgumentList.Add(host);
        Process.Start(info);
        return Ok();
    }
}
