namespace PrReviewBot.Engine.Configuration;

/// <summary>What a repository's <c>.gitattributes</c> files say a file is, among the marks a review honours.</summary>
public enum LinguistMark
{
    /// <summary><c>linguist-generated</c>: written by a tool; GitHub folds its diff.</summary>
    Generated,

    /// <summary><c>linguist-vendored</c>: third-party code kept in the repository.</summary>
    Vendored,
}

/// <summary>
/// The <c>linguist-generated</c> and <c>linguist-vendored</c> attributes of a repository's <c>.gitattributes</c>
/// files, read as git reads them: a pattern without a slash matches a file name in any folder below its
/// <c>.gitattributes</c>, one with a slash matches from that folder; later lines override earlier ones and
/// deeper files override shallower ones; <c>-attr</c> and <c>attr=false</c> unset, <c>!attr</c> forgets.
/// Macro lines (<c>[attr]</c>) and folder patterns (a trailing slash, which git does not apply to attributes)
/// are passed over.
/// </summary>
public sealed class GitAttributes
{
    private const string FileName = ".gitattributes";
    private const string GeneratedAttribute = "linguist-generated";
    private const string VendoredAttribute = "linguist-vendored";

    private readonly List<(string Folder, IReadOnlyList<Line> Lines)> files;

    private GitAttributes(List<(string Folder, IReadOnlyList<Line> Lines)> files) => this.files = files;

    public static GitAttributes None { get; } = new([]);

    /// <summary>True for a path the front doors should pass along as context, so the engine can read it.</summary>
    public static bool IsAttributesFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Equals(FileName, StringComparison.Ordinal) || path.EndsWith("/" + FileName, StringComparison.Ordinal);
    }

    /// <summary>Reads every <c>.gitattributes</c> among the repository's files (repository-relative path → text).</summary>
    public static GitAttributes From(IReadOnlyDictionary<string, string> repositoryFiles)
    {
        ArgumentNullException.ThrowIfNull(repositoryFiles);
        var files = repositoryFiles
            .Where(file => IsAttributesFile(file.Key))
            .Select(file => (Folder: file.Key[..^FileName.Length].TrimEnd('/'), Lines: (IReadOnlyList<Line>)Parse(file.Value)))
            .Where(file => file.Lines.Count > 0)
            .OrderBy(file => file.Folder.Length == 0 ? 0 : file.Folder.Count(character => character == '/') + 1)
            .ThenBy(file => file.Folder, StringComparer.Ordinal)
            .ToList();
        return files.Count == 0 ? None : new GitAttributes(files);
    }

    /// <summary>The mark the attributes give a repository-relative path; generated wins when both are set.</summary>
    public LinguistMark? MarkOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool? generated = null;
        bool? vendored = null;
        foreach (var (folder, lines) in files)
        {
            if (folder.Length > 0 && !path.StartsWith(folder + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var relative = folder.Length == 0 ? path : path[(folder.Length + 1)..];
            foreach (var line in lines)
            {
                if (line.Pattern.IsMatch(relative))
                {
                    generated = Apply(line.Parts, GeneratedAttribute, generated);
                    vendored = Apply(line.Parts, VendoredAttribute, vendored);
                }
            }
        }

        return generated == true ? LinguistMark.Generated : vendored == true ? LinguistMark.Vendored : null;
    }

    private static List<Line> Parse(string text)
    {
        var lines = new List<Line>();
        foreach (var raw in text.Split('\n'))
        {
            var parts = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0].StartsWith('#') || parts[0].StartsWith("[attr]", StringComparison.Ordinal)
                || parts[0].EndsWith('/') || parts[0].StartsWith('"') || parts[0].StartsWith('!'))
            {
                continue;
            }

            if (!parts.Skip(1).Any(part => part.Contains(GeneratedAttribute, StringComparison.Ordinal) || part.Contains(VendoredAttribute, StringComparison.Ordinal)))
            {
                continue;
            }

            try
            {
                lines.Add(new Line(new GlobPattern(parts[0]), parts));
            }
            catch (ArgumentException)
            {
                // A pattern git would read but our glob cannot: leaving the line out only means reviewing the file.
            }
        }

        return lines;
    }

    /// <summary>What one line says of an attribute: git's set, unset and unspecified, or nothing.</summary>
    private static bool? Apply(string[] parts, string attribute, bool? current)
    {
        foreach (var part in parts.AsSpan(1))
        {
            if (part == attribute || part == attribute + "=true")
            {
                current = true;
            }
            else if (part == "-" + attribute || part == attribute + "=false")
            {
                current = false;
            }
            else if (part == "!" + attribute)
            {
                current = null;
            }
        }

        return current;
    }

    private sealed record Line(GlobPattern Pattern, string[] Parts);
}
