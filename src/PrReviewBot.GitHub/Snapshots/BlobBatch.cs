using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Octokit;
using PrReviewBot.GitHub.Http;

namespace PrReviewBot.GitHub.Snapshots;

/// <summary>A file's content as GraphQL's <c>Blob</c> gives it; <see cref="Text"/> is null when GitHub held it back (binary, truncated).</summary>
internal sealed record BlobText(string? Text, long ByteSize, bool IsBinary = false);

/// <summary>
/// Many files' contents in few requests: one GraphQL query reads up to <see cref="FilesPerQuery"/> of them
/// (<c>object(expression: "REF:path") { ... on Blob { text byteSize isBinary isTruncated } }</c>, aliased), where
/// the contents API takes one request per file. What a query could not give is left out, and the caller reads it
/// the REST way.
/// </summary>
internal sealed class BlobBatch
{
    public const int FilesPerQuery = 100;

    private readonly Dictionary<(string Reference, string Path), BlobText?> blobs;

    private BlobBatch(Dictionary<(string Reference, string Path), BlobText?> blobs) => this.blobs = blobs;

    public static BlobBatch Empty { get; } = new([]);

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
            var query = new StringBuilder("query($owner: String!, $name: String!");
            var variables = new JsonObject { ["owner"] = target.Owner, ["name"] = target.Repository };
            for (var index = 0; index < chunk.Length; index++)
            {
                query.Append(CultureInfo.InvariantCulture, $", $e{index}: String!");
                variables[string.Create(CultureInfo.InvariantCulture, $"e{index}")] = $"{chunk[index].Reference}:{chunk[index].Path}";
            }

            query.Append(") { repository(owner: $owner, name: $name) {");
            for (var index = 0; index < chunk.Length; index++)
            {
                query.Append(CultureInfo.InvariantCulture, $" f{index}: object(expression: $e{index}) {{ ... on Blob {{ text byteSize isBinary isTruncated }} }}");
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

        return new BlobBatch(found);
    }
}
