using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace PrReviewBot.Engine.Configuration;

/// <summary>
/// One <c>.editorconfig</c> file: <c>indent_style</c> and <c>indent_size</c> for the indentation rules,
/// and every property (naming rules among them) for whoever needs it. Sections apply in order,
/// later ones winning, as the EditorConfig specification says.
/// </summary>
public sealed class EditorConfigFile
{
    private readonly List<(GlobPattern Glob, Dictionary<string, string> Properties)> sections;

    /// <summary>Per inherited settings object (by identity), the settings made for each list of matching sections.</summary>
    private readonly ConditionalWeakTable<EditorConfigSettings, ConcurrentDictionary<string, EditorConfigSettings>> applied = new();

    private EditorConfigFile(string directory, bool isRoot, List<(GlobPattern Glob, Dictionary<string, string> Properties)> sections)
    {
        Directory = directory;
        IsRoot = isRoot;
        this.sections = sections;
    }

    /// <summary>The folder the file sits in, repository-relative, empty for the root.</summary>
    public string Directory { get; }

    public bool IsRoot { get; }

    public static EditorConfigFile Parse(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var slash = path.Replace('\\', '/').LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : path[..slash];
        var isRoot = false;
        Dictionary<string, string>? current = null;
        var sections = new List<(GlobPattern Glob, Dictionary<string, string> Properties)>();
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var glob = line[1..^1].Trim();
                if (glob.Length > 0 && Section(glob) is { } pattern)
                {
                    sections.Add((pattern, current));
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            if (current is null)
            {
                isRoot |= key == "root" && value.Equals("true", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                current[key] = value;
            }
        }

        return new EditorConfigFile(directory, isRoot, sections);
    }

    /// <summary>A section's glob, or null when it cannot be read (an unclosed <c>{</c>): the section is left out, as editors do, and the rest of the file still applies.</summary>
    private static GlobPattern? Section(string glob)
    {
        try
        {
            return new GlobPattern(glob);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Applies this file's matching sections for a repository-relative path on top of <paramref name="inherited"/>. Paths that
    /// match the same sections on top of the same settings get the same settings object, so what is derived from a file's
    /// properties (its naming rules) can be worked out once per distinct set instead of once per file.
    /// </summary>
    public EditorConfigSettings Apply(string path, EditorConfigSettings inherited)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inherited);
        var relative = Directory.Length == 0 ? path : path[(Directory.Length + 1)..];
        var matched = new List<int>();
        for (var index = 0; index < sections.Count; index++)
        {
            if (sections[index].Glob.IsMatch(relative))
            {
                matched.Add(index);
            }
        }

        if (matched.Count == 0)
        {
            return inherited;
        }

        var byMatch = applied.GetValue(inherited, _ => new ConcurrentDictionary<string, EditorConfigSettings>(StringComparer.Ordinal));
        return byMatch.GetOrAdd(string.Join(',', matched), _ => Merge(inherited, matched));
    }

    private EditorConfigSettings Merge(EditorConfigSettings inherited, List<int> matched)
    {
        var result = inherited;
        var merged = new Dictionary<string, string>(inherited.Properties, StringComparer.OrdinalIgnoreCase);
        foreach (var (_, properties) in matched.Select(index => sections[index]))
        {
            foreach (var (key, value) in properties)
            {
                merged[key] = value;
            }

            if (properties.TryGetValue("indent_style", out var style))
            {
                result = result with
                {
                    IndentStyle = style.Equals("tab", StringComparison.OrdinalIgnoreCase) ? IndentStyle.Tab
                        : style.Equals("space", StringComparison.OrdinalIgnoreCase) ? IndentStyle.Space
                        : result.IndentStyle,
                };
            }

            if (properties.TryGetValue("indent_size", out var size) && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is > 0 and <= 16)
            {
                result = result with { IndentSize = width };
            }
        }

        return result with { Properties = merged };
    }

    /// <summary>True when this file governs the path (it sits in one of the path's folders).</summary>
    public bool Governs(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Length == 0 || path.StartsWith(Directory + "/", StringComparison.Ordinal);
    }

    /// <summary>Resolves the settings for a path from every file that governs it, outermost first.</summary>
    public static EditorConfigSettings Resolve(IEnumerable<EditorConfigFile> files, string path)
    {
        ArgumentNullException.ThrowIfNull(files);
        var governing = files.Where(file => file.Governs(path)).OrderByDescending(file => file.Directory.Length).ToList();
        var rootIndex = governing.FindIndex(file => file.IsRoot);
        if (rootIndex >= 0)
        {
            governing = governing[..(rootIndex + 1)];
        }

        governing.Reverse();
        return governing.Aggregate(EditorConfigSettings.None, (settings, file) => file.Apply(path, settings));
    }
}
