using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PrReviewBot.FakeGitHub;

// Repository archives the way GitHub serves them: GET /repos/{owner}/{repo}/tarball/{ref} answers 302 to the archive
// host (codeload.github.com), which takes no Authorization header but a short-lived token in the URL and sends a
// gzip-compressed tar whose entries sit under one folder named owner-repo-sha, after a pax header naming the commit.
public sealed partial class FakeGitHubServer
{
    private const string ArchiveHostPrefix = "/codeload/";

    private readonly Dictionary<string, (string Owner, string Repository, string Reference)> archiveTickets = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether GraphQL answers <c>object(expression:)</c> reads of file contents (true, as GitHub does); false
    /// answers them with an error, as a GitHub whose GraphQL cannot be used for them, so the App takes another way.
    /// </summary>
    public bool AnswersBlobQueries { get; set; } = true;

    /// <summary>Archive downloads that came to the archive host with an Authorization header (GitHub's must not).</summary>
    public int ArchiveDownloadsWithCredentials => Inspect(() => archiveDownloadsWithCredentials);

    private int archiveDownloadsWithCredentials;

    private static bool IsArchiveHost(string apiPath) => apiPath.StartsWith(ArchiveHostPrefix, StringComparison.Ordinal);

    private void MapArchives(IEndpointRouteBuilder routes) =>
        routes.MapGet("/repos/{owner}/{repo}/tarball/{**reference}", (string owner, string repo, string reference, HttpContext context) =>
            WithRepository(owner, repo, repository => TarballRedirect(context, repository, Uri.UnescapeDataString(reference))));

    private void MapArchiveHost(WebApplication host) =>
        host.MapGet(ArchiveHostPrefix + "{owner}/{repo}/legacy.tar.gz/{**reference}", (string owner, string repo, string reference, HttpContext context) =>
        {
            lock (gate)
            {
                if (context.Request.Headers.Authorization.Count > 0)
                {
                    archiveDownloadsWithCredentials++;
                }

                var ticket = context.Request.Query["token"].ToString();
                return archiveTickets.Remove(ticket, out var granted) && granted == (owner, repo, Uri.UnescapeDataString(reference)) && Find(owner, repo) is { } repository
                    ? Tarball(repository, granted.Reference)
                    : NotFound();
            }
        });

    private IResult TarballRedirect(HttpContext context, FakeRepository repository, string reference)
    {
        if (repository.ContentsAt(reference) is null)
        {
            return NotFound();
        }

        var ticket = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        archiveTickets[ticket] = (repository.Owner, repository.Name, reference);
        var location = $"{context.Request.Scheme}://{context.Request.Host}{ArchiveHostPrefix}{repository.Owner}/{repository.Name}/legacy.tar.gz/{Uri.EscapeDataString(reference)}?token={ticket}";
        return Results.Redirect(location);
    }

    private static IResult Tarball(FakeRepository repository, string reference)
    {
        var files = repository.ContentsAt(reference)!;
        var folder = $"{repository.Owner}-{repository.Name}-{reference[..Math.Min(7, reference.Length)]}/";
        using var archive = new MemoryStream();
        using (var gzip = new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = reference }));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder));
            foreach (var (path, bytes) in files.OrderBy(file => file.Key, StringComparer.Ordinal))
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, folder + path) { DataStream = new MemoryStream(bytes) });
            }
        }

        return Results.Bytes(archive.ToArray(), "application/x-gzip");
    }
}
