using System.Diagnostics;
public class Shell
{
    public void Run(string command)
    {
        var psi = new ProcessStartInfo("/bin/bash", "-c \"" + command + "\""); // vuln
        Process.Start(psi);
    }
}
