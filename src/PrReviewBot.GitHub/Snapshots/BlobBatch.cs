using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Octokit;
using PrReviewBot.Engine.Input;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>A file's content as GraphQL's <c>Blob</c> gives it; <see cref="Text"/> is null when GitHub held it back (binary, truncated).</summary>
internal sealed record BlobText(string? Text, long ByteSize, bool IsBinary = false);

/// <summary>
/// Many files' contents in few requests: one GraphQL query reads up to <see cref="FilesPerQuery"/> of them
/// (<c>object(expression: "REF:path") { ... on Blob { text byteSize isBinary isTruncated } }</c>, aliased, each
/// expression written into the query as a string), where the contents API takes one request per file. When GraphQL
/// cannot be used, the repository's tarball at a reference gives the same in one download (<see cref="TarballBlobs"/>).
/// What neither could give is left out, and the caller reads it the REST way.
/// </summary>
internal sealed class BlobBatch
{
    public const int FilesPerQuery = 100;

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<(string Reference, string Path), BlobText?> blobs;

    internal BlobBatch(Dictionary<(string Reference, string Path), BlobText?> blobs, bool byGraphQl, string? wholeReference = null)
    {
        this.blobs = blobs;
        ByGraphQl = byGraphQl;
        WholeReference = wholeReference;
    }

    public static BlobBatch Empty { get; } = new([], byGraphQl: false);

    /// <summary>True when GraphQL gave these contents, so it can be asked for more; false after it failed.</summary>
    public bool ByGraphQl { get; }

    /// <summary>
    /// A reference whose tarball was read whole: the batch then also holds every context file at it
    /// (<see cref="PullRequestSnapshot.IsContextFile"/>), and a path it lacks is not there.
    /// </summary>
    public string? WholeReference { get; }

    /// <summary>The files the batch holds at <paramref name="reference"/> whose path <paramref name="wanted"/> accepts.</summary>
    public IEnumerable<(string Path, BlobText Blob)> At(string reference, Func<string, bool> wanted) =>
        blobs.Where(pair => pair.Key.Reference == reference && pair.Value is not null && wanted(pair.Key.Path)).Select(pair => (pair.Key.Path, pair.Value!));

    /// <summary>
    /// True when the batch answered for the file: <paramref name="blob"/> is then its content, or null when
    /// GitHub has no such file at that reference.
    /// </summary>
    public bool TryGet(string reference, string path, out BlobText? blob) => blobs.TryGetValue((reference, path), out blob);

    public static async Task<BlobBatch> ReadAsync(IConnection connection, PullRequestTarget target, IReadOnlyList<(string Reference, string Path)> files, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string Reference, string Path), BlobText?>();
        foreach (var chunk in files.Distinct().Chunk(FilesPerQuery))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var query = new StringBuilder("query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {");
            var variables = new JsonObject { ["owner"] = target.Owner, ["name"] = target.Repository };
            for (var index = 0; index < chunk.Length; index++)
            {
                var expression = StringLiteral($"{chunk[index].Reference}:{chunk[index].Path}");
                query.Append(CultureInfo.InvariantCulture, $" f{index}: object(expression: {expression}) {{ ... on Blob {{ text byteSize isBinary isTruncated }} }}");
            }

            query.Append(" } }");
            var answer = await GraphQl.QueryAsync(connection, query.ToString(), variables).ConfigureAwait(false);
            var repository = answer["repository"];
            for (var index = 0; index < chunk.Length; index++)
            {
                var node = repository?[string.Create(CultureInfo.InvariantCulture, $"f{index}")];
                if (node is null)
                {
                    found[chunk[index]] = null;
                    continue;
                }

                var size = node["byteSize"]?.GetValue<long>() ?? 0;
                var binary = node["isBinary"]?.GetValue<bool>() == true;
                var heldBack = binary || node["isTruncated"]?.GetValue<bool>() == true;
                found[chunk[index]] = new BlobText(heldBack ? null : node["text"]?.GetValue<string>(), size, binary);
            }
        }

        return new BlobBatch(found, byGraphQl: true);
    }

    /// <summary>A GraphQL string literal: GraphQL strings escape as JSON's do (quotes, backslashes, control characters).</summary>
    internal static string StringLiteral(string value) => JsonSerializer.Serialize(value, LiteralOptions);

}
