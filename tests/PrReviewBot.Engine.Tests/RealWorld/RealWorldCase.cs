using System.IO.Compression;
using System.Text;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.Python;

namespace PrReviewBot.Engine.Tests.RealWorld;

/// <summary>
/// One merged change of a public repository, stored by <c>add-case.sh</c> as a folder of its
/// repository's zip (<c>change.diff</c>, <c>head/</c>, <c>base/</c>, <c>context/</c>, <c>manifest.tsv</c>),
/// turned into the engine's input exactly as the CLI's <c>--git PARENT..COMMIT</c> builds it.
/// </summary>
public sealed record RealWorldCase(
    string Repository,
    string Licence,
    string Commit,
    string Parent,
    string Subject,
    PullRequestSnapshot Snapshot,
    ReviewOptions Options)
{
    /// <summary>The first ten digits of the commit: how judgements and messages name the case.</summary>
    public string ShortCommit => Commit[..10];

    public SourceLanguage? MainLanguage => Snapshot.Files
        .Select(file => SourceLanguages.FromPath(file.Path))
        .Where(language => language is SourceLanguage.CSharp or SourceLanguage.Python)
        .GroupBy(language => language)
        .OrderByDescending(group => group.Count())
        .Select(group => group.Key)
        .FirstOrDefault();

    /// <summary>The text of a changed file as merged, for quoting the flagged code.</summary>
    public string? HeadText(string path) => Snapshot.Files.FirstOrDefault(file => file.Path == path)?.NewContent;

    public static IReadOnlyList<RealWorldCase> LoadAll(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*.zip")
            .Order(StringComparer.Ordinal)
            .SelectMany(Load)
            .OrderBy(@case => @case.Repository, StringComparer.Ordinal)
            .ThenBy(@case => @case.Commit, StringComparer.Ordinal),
    ];

    private static IEnumerable<RealWorldCase> Load(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var entries = archive.Entries
            .Where(entry => entry.FullName.Contains('/', StringComparison.Ordinal) && !entry.FullName.EndsWith('/'))
            .GroupBy(entry => entry.FullName[..entry.FullName.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal);
        var cases = new List<RealWorldCase>();
        foreach (var folder in entries)
        {
            var files = folder.ToDictionary(entry => entry.FullName[(folder.Key.Length + 1)..], ReadBytes, StringComparer.Ordinal);
            cases.Add(FromFiles(folder.Key, files));
        }

        return cases;
    }

    private static RealWorldCase FromFiles(string name, Dictionary<string, byte[]> files)
    {
        var manifest = Encoding.UTF8.GetString(files["manifest.tsv"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .ToDictionary(fields => fields[0], fields => fields.Length > 1 ? fields[1] : string.Empty, StringComparer.Ordinal);

        string? Text(string folder, string? path) =>
            path is not null && files.TryGetValue($"{folder}/{path}", out var bytes) ? Decode(bytes, path) : null;

        var options = ReviewOptions.Default;
        if (Text("config", ReviewConfigurationFile.RepositoryPath) is { } yaml)
        {
            options = ReviewConfigurationFile.Parse(yaml, ReviewConfigurationFile.RepositoryPath);
        }

        // As GitRangeInput does: head text for every text file with a new side, base text from the parent.
        var changed = new List<ChangedFile>();
        foreach (var diff in UnifiedDiffParser.Parse(Encoding.UTF8.GetString(files["change.diff"])))
        {
            if (diff.IsBinary || diff.NewPath is null)
            {
                changed.Add(ChangedFile.FromDiff(diff));
                continue;
            }

            var head = Text("head", diff.NewPath);
            var file = head is null ? ChangedFile.FromDiff(diff) : ChangedFile.FromDiff(diff, head);
            changed.Add(file with { OldContent = diff.Status == ChangeStatus.Added ? null : Text("base", diff.OldPath ?? diff.NewPath) });
        }

        var context = files.Keys
            .Where(key => key.StartsWith("context/", StringComparison.Ordinal))
            .ToDictionary(key => key["context/".Length..], key => Decode(files[key], key), StringComparer.Ordinal);

        var commit = manifest["commit"];
        if (!commit.StartsWith(name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"case folder {name} holds commit {commit}");
        }

        return new RealWorldCase(
            manifest["repo"],
            manifest["licence"],
            commit,
            manifest["parent"],
            manifest.GetValueOrDefault("subject", string.Empty),
            new PullRequestSnapshot(changed, commit) { ContextFiles = context },
            options);
    }

    /// <summary>The CLI's decoding: PEP 263 cookies for Python, UTF-8 without BOM for the rest.</summary>
    private static string Decode(byte[] bytes, string path)
    {
        if (SourceLanguages.FromPath(path) == SourceLanguage.Python)
        {
            return PythonSource.Decode(bytes).Text;
        }

        var span = bytes.AsSpan();
        return Encoding.UTF8.GetString(span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? span[3..] : span);
    }

    private static byte[] ReadBytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
