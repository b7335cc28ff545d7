using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
public class WeatherController : Controller
{
    private static readonly HttpClient Http = new HttpClient();
    public async Task<IActionResult> Forecast(string city)
    {
        var json = await Http.GetStringAsync("https://api.weather.example/v1/forecast?city=" + Uri.EscapeDataString(city));
        return Content(json, "application/json");
    }
}
