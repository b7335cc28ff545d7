using System.Diagnostics;
using PrReviewBot.GitHub.Snapshots;

namespace PrReviewBot.GitHub.Tests.Snapshots;

/// <summary>
/// Reading files out of a repository archive as GitHub serves it: <c>git archive</c> output (what GitHub's archive host
/// sends), with its pax header, the top folder, long paths and binary files.
/// </summary>
public sealed class TarballBlobsTests : IDisposable
{
    private const string Head = "c0ffee";
    private static readonly string LongPath = string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 6)) + "/Service.cs";

    private readonly string repository = Directory.CreateTempSubdirectory("prreviewbot-tarball-").FullName;

    public TarballBlobsTests()
    {
        Git("init", "-q");
        Write("src/App.cs", "namespace App;\n");
        Write(LongPath, "class Service { }\n");
        Write("assets/logo.png", "\u0089PNG\0\0\0binary");
        Write("docs/huge.md", new string('x', 5000));
        Write(".editorconfig", "root = true\n");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "files");
    }

    [Theory]
    [InlineData("tar.gz")]
    [InlineData("tar")]
    public async Task Wanted_files_come_with_their_text_binary_and_too_large_ones_without_and_a_missing_one_is_answered_absent(string format)
    {
        await using var archive = Archive(format);

        var (found, whole) = await TarballBlobs.ReadArchiveAsync(archive, Head, ["src/App.cs", LongPath, "assets/logo.png", "docs/huge.md", "src/Gone.cs"], alsoKeep: null, maxBytes: 1000, CancellationToken.None);

        Assert.True(whole);
        Assert.Equal("namespace App;\n", found[(Head, "src/App.cs")]!.Text);
        Assert.Equal("class Service { }\n", found[(Head, LongPath)]!.Text);
        Assert.True(found[(Head, "assets/logo.png")]!.IsBinary);
        Assert.Null(found[(Head, "assets/logo.png")]!.Text);
        Assert.Equal((null, 5000L), (found[(Head, "docs/huge.md")]!.Text, found[(Head, "docs/huge.md")]!.ByteSize));
        Assert.Null(found[(Head, "src/Gone.cs")]);
    }

    [Fact]
    public async Task Reading_stops_once_every_wanted_file_was_found_unless_other_files_are_kept_too()
    {
        await using (var archive = Archive("tar.gz"))
        {
            var (found, whole) = await TarballBlobs.ReadArchiveAsync(archive, Head, [".editorconfig"], alsoKeep: null, maxBytes: 1000, CancellationToken.None);
            Assert.False(whole);
            Assert.Equal([(Head, ".editorconfig")], found.Keys);
        }

        await using (var archive = Archive("tar.gz"))
        {
            var (found, whole) = await TarballBlobs.ReadArchiveAsync(archive, Head, ["src/App.cs"], alsoKeep: path => path.EndsWith(".editorconfig", StringComparison.Ordinal), maxBytes: 1000, CancellationToken.None);
            Assert.True(whole);
            Assert.Equal("root = true\n", found[(Head, ".editorconfig")]!.Text);
            Assert.Equal(2, found.Count);
        }
    }

    public void Dispose() => Directory.Delete(repository, recursive: true);

    /// <summary>The archive as GitHub's archive host makes it: <c>git archive</c> of the commit under an <c>owner-repo-sha/</c> folder.</summary>
    private MemoryStream Archive(string format) => new(Git("archive", "--format=" + format, "--prefix=acme-shop-c0ffee1/", "HEAD"));

    private void Write(string path, string text)
    {
        var full = Path.Combine(repository, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private byte[] Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error.Result}");
        return output.ToArray();
    }
}
