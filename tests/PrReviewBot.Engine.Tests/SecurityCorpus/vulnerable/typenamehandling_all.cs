using Newtonsoft.Json;
public class Api
{
    public object Parse(string json)
    {
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All }; // vuln
        return JsonConvert.DeserializeObject(json, settings);
    }
}
