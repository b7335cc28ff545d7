using System;
using System.Net;
using Microsoft.AspNetCore.Mvc;
public class StatusController : Controller
{
    public IActionResult Check(string host)
    {
        var uri = new Uri("http://" + host + "/health");
        var request = WebRequest.Create(uri); // vuln
        using var response = request.GetResponse();
        return Ok();
    }
}
