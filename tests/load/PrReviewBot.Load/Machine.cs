using System.Globalization;

namespace PrReviewBot.Load;

/// <summary>What /proc says about this machine and a process, for the figures' context.</summary>
public static class Machine
{
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Resident and peak resident memory of a process in MB (VmRSS, VmHWM); zero when it is gone.</summary>
    public static (double Rss, double Peak) Memory(int processId)
    {
        try
        {
            var lines = File.ReadAllLines($"/proc/{processId}/status");
            return (Kilobytes(lines, "VmRSS:") / 1024.0, Kilobytes(lines, "VmHWM:") / 1024.0);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static long Kilobytes(string[] lines, string key) =>
        lines.FirstOrDefault(line => line.StartsWith(key, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
            : 0;
}
