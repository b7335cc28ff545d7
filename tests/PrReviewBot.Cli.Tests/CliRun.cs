namespace PrReviewBot.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Stdout, string Stderr) Review(string? stdin = null, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? string.Empty);
        var code = ReviewCommand.Run(["review", .. args], input, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder that removes itself.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("prreviewbot-test-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over it is not.
        }
    }
}
