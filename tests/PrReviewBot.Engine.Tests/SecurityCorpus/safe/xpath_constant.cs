using System.Xml;
using Microsoft.AspNetCore.Mvc;
public class CatalogController : Controller
{
    private readonly XmlDocument _catalog = new XmlDocument();
    public IActionResult Item(int id)
    {
        var node = _catalog.SelectSingleNode("//item[@id=" + id + "]");
        return node is null ? NotFound() : Ok(node.InnerText);
    }
}
