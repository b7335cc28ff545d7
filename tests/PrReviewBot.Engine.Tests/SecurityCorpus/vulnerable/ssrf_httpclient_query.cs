using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
public class ImageController : Controller
{
    private static readonly HttpClient Http = new HttpClient();
    public async Task<IActionResult> Fetch()
    {
        var source = Request.Query["src"].ToString();
        var bytes = await Http.GetByteArrayAsync(source); // vuln
        return File(bytes, "image/png");
    }
}
