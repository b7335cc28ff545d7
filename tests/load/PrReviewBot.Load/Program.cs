using System.Globalization;
using PrReviewBot.Load;

// Load and fault runs against freshly started servers, all on 127.0.0.1; each stops by itself.
//   ack      [--store sqlite|postgres] [--replicas N] [--rate 200] [--seconds 30] [--kill-at S] [--restart-at S] [--github-ms 100]
//   hostile  [--bodies 16] [--megabytes 24]
// PostgreSQL: PRREVIEWBOT_LOAD_POSTGRES holds a connection string with rights to create databases.
var command = args.FirstOrDefault() ?? "ack";
string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, "--" + name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before: {Machine.LoadAverage()}");
var status = command switch
{
    "ack" => await AcknowledgementRun.RunAsync(
        Option("store", "sqlite"), Number("replicas", 1), Number("rate", 200), Number("seconds", 30), Number("kill-at", -1), Number("restart-at", -1), Number("github-ms", 100)),
    "hostile" => await HostileBodiesRun.RunAsync(Number("bodies", 16), Number("megabytes", 24)),
    _ => Usage(),
};
Console.WriteLine($"load average after: {Machine.LoadAverage()}");
return status;

static int Usage()
{
    Console.Error.WriteLine("usage: PrReviewBot.Load ack|hostile [options]; see tests/load/README.md");
    return 2;
}
