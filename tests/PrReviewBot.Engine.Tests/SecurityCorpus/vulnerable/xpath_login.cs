using System.Xml;
using Microsoft.AspNetCore.Mvc;
public class LoginController : Controller
{
    private readonly XmlDocument _users = new XmlDocument();
    public IActionResult Login(string user, string password)
    {
        var node = _users.SelectSingleNode("//user[@name='" + user + "' and @password='" + password + "']"); // vuln
        return node is null ? Unauthorized() : Ok();
    }
}
