using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using PrReviewBot.Engine.Review;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>
/// Files' contents at one reference from the repository's tarball (<c>GET /repos/{owner}/{repo}/tarball/{ref}</c>, which
/// GitHub redirects to its archive host): one download for any number of files, read as it streams and left as soon as
/// every wanted file was found. Entries sit under one top folder (<c>owner-repo-sha/</c>), which is dropped. A wanted
/// file the whole archive does not hold is not at that reference; an archive cut short answers only for what it held.
/// </summary>
internal static class TarballBlobs
{
    /// <summary>How much an archive may unpack to before the reading stops (what was not reached is read the REST way).</summary>
    private const long MaxUnpackedBytes = 4L << 30;

    /// <param name="alsoKeep">Files to keep besides <paramref name="paths"/> (context files), which means reading the whole archive.</param>
    /// <returns>The files found, and whether the whole archive was read (a wanted path it lacks is then answered null).</returns>
    public static async Task<(Dictionary<(string Reference, string Path), BlobText?> Found, bool Whole)> ReadAsync(
        GitHubDownloads downloads, PullRequestTarget target, string reference, IReadOnlyCollection<string> paths, Func<string, bool>? alsoKeep, int maxBytes, CancellationToken cancellationToken)
    {
        var path = $"repos/{Uri.EscapeDataString(target.Owner)}/{Uri.EscapeDataString(target.Repository)}/tarball/{Uri.EscapeDataString(reference)}";
        using var response = await downloads.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await ReadArchiveAsync(body, reference, paths, alsoKeep, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same from an archive's bytes as they arrive (gzip-compressed or plain tar).</summary>
    internal static async Task<(Dictionary<(string Reference, string Path), BlobText?> Found, bool Whole)> ReadArchiveAsync(
        Stream body, string reference, IReadOnlyCollection<string> paths, Func<string, bool>? alsoKeep, int maxBytes, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(paths, StringComparer.Ordinal);
        var found = new Dictionary<(string Reference, string Path), BlobText?>();
        await using var archive = await UnpackedAsync(PipeReader.Create(body), cancellationToken).ConfigureAwait(false);
        await using var reader = new TarReader(archive);
        long unpacked = 0;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                continue;
            }

            unpacked += entry.Length;
            if (WithoutTopFolder(entry.Name) is { } name && (wanted.Remove(name) || alsoKeep?.Invoke(name) == true))
            {
                found[(reference, name)] = await ReadEntryAsync(entry, maxBytes, cancellationToken).ConfigureAwait(false);
                if (wanted.Count == 0 && alsoKeep is null)
                {
                    return (found, false);
                }
            }

            if (unpacked > MaxUnpackedBytes)
            {
                return (found, false);
            }
        }

        foreach (var missing in wanted)
        {
            found[(reference, missing)] = null;
        }

        return (found, true);
    }

    /// <summary>The tar stream: GitHub's archive is gzip-compressed, unless something on the way already unpacked it.</summary>
    private static async Task<Stream> UnpackedAsync(PipeReader body, CancellationToken cancellationToken)
    {
        var start = await body.ReadAtLeastAsync(2, cancellationToken).ConfigureAwait(false);
        var gzip = start.Buffer.Length >= 2 && start.Buffer.Slice(0, 2).ToArray() is [0x1f, 0x8b];
        body.AdvanceTo(start.Buffer.Start);
        var stream = body.AsStream();
        return gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static string? WithoutTopFolder(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || slash == name.Length - 1 ? null : name[(slash + 1)..];
    }

    /// <summary>The entry as GraphQL's <c>Blob</c> would give it: no text when binary or over <paramref name="maxBytes"/>.</summary>
    private static async Task<BlobText> ReadEntryAsync(TarEntry entry, int maxBytes, CancellationToken cancellationToken)
    {
        if (entry.Length > maxBytes)
        {
            return new BlobText(null, entry.Length);
        }

        if (entry.DataStream is not { } data)
        {
            return new BlobText(string.Empty, 0);
        }

        var bytes = new byte[entry.Length];
        await data.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return SkipReasons.IsBinary(bytes)
            ? new BlobText(null, bytes.Length, IsBinary: true)
            : new BlobText(Encoding.UTF8.GetString(bytes), bytes.Length);
    }
}
