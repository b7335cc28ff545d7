using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
public class SearchController : Controller
{
    public IActionResult Search(string pattern, string text)
    {
        var match = Regex.IsMatch(text, pattern); // vuln
        return Ok(match);
    }
}
