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

    /// <summary>Asserts that every part appears in the review, in the order given.</summary>
    public static void AssertInOrder(string review, IReadOnlyList<string> parts)
    {
        var positions = parts.Select(part => review.IndexOf(part, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, position => Assert.True(position >= 0, review));
        Assert.Equal(positions.Order(), positions);
    }

    /// <summary>The path of a sample that ships in the repository's <c>samples/</c> folder.</summary>
    public static string Sample(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PrReviewBot.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "samples", name);
    }

    /// <summary>The markdown review of a sample without its engine-time line, which varies from run to run.</summary>
    public static string ReviewSample(string name)
    {
        var (code, stdout, stderr) = Review(null, "--diff", Sample(name));
        Assert.True(code == 0, stderr);
        return string.Join('\n', stdout.Split('\n').Where(line => !line.StartsWith("- **Engine time:**", StringComparison.Ordinal)));
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
