using System.Diagnostics;

namespace PrReviewBot.Cli.Tests;

/// <summary>A throwaway git repository in a temporary folder, committed to as a test's story needs.</summary>
internal sealed class GitFolder : IDisposable
{
    private readonly TempFolder folder = new();

    public GitFolder()
    {
        Run("init", "-q", "-b", "main");
    }

    public string Path => folder.Path;

    public void Write(string relative, string content) => folder.Write(relative, content);

    public void WriteBytes(string relative, byte[] content) => File.WriteAllBytes(System.IO.Path.Combine(Path, relative), content);

    /// <summary>Stages everything and commits; returns the new commit's id.</summary>
    public string Commit(string message)
    {
        Run("add", "-A");
        Run("commit", "-q", "-m", message);
        return Run("rev-parse", "HEAD").Trim();
    }

    public string Run(params string[] args) => RunIn(Path, args);

    public static string RunIn(string workingFolder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error.Result}");
        return output;
    }

    public void Dispose() => folder.Dispose();
}
