using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// What the MSBuild files that really apply to one C# file say about it: the nearest project file
/// up the folder tree and the <c>Directory.Build.props</c> chain above it, read as XML (comments are
/// not settings) and never evaluated. A setting under a <c>Condition</c> is taken only when it turns
/// a feature off: the review never assumes nullable analysis or a documentation file that a build
/// might not have.
/// </summary>
/// <param name="NullableEnabled">Nullable annotations and warnings are on for the project (<c>&lt;Nullable&gt;enable&lt;/Nullable&gt;</c>).</param>
/// <param name="GeneratesDocumentation">The project sets <c>&lt;GenerateDocumentationFile&gt;true&lt;/GenerateDocumentationFile&gt;</c>.</param>
public sealed record CSharpProjectFacts(bool NullableEnabled, bool GeneratesDocumentation)
{
    private const string PropsName = "Directory.Build.props";

    private readonly NullableContextOptions? nullableContext;

    public static CSharpProjectFacts Unknown { get; } = new(false, false);

    /// <summary>The project's nullable context (<c>enable</c>, <c>warnings</c>, <c>annotations</c>, <c>disable</c>), before any <c>#nullable</c> directive of the file.</summary>
    public NullableContextOptions NullableContext
    {
        get => nullableContext ?? (NullableEnabled ? NullableContextOptions.Enable : NullableContextOptions.Disable);
        init => nullableContext = value;
    }

    /// <summary>
    /// The project silences the compiler's missing-documentation warning (<c>CS1591</c> in
    /// <c>&lt;NoWarn&gt;</c>): it generates docs for what is documented but does not ask for them everywhere.
    /// </summary>
    public bool SuppressesMissingDocsWarning { get; init; }

    /// <summary>The facts that apply to the C# file at <paramref name="path"/>, read from the project files by repository path.</summary>
    /// <param name="projectFiles"><c>*.csproj</c>, <c>Directory.Build.props</c> and <c>.editorconfig</c> texts by repository-relative path.</param>
    public static CSharpProjectFacts For(string path, IReadOnlyDictionary<string, string> projectFiles)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Reader(projectFiles).For(path);
    }

    /// <summary>
    /// The MSBuild files of one change, read for many C# files: each file's XML is parsed once, and the facts are
    /// evaluated once per folder (they depend only on it). On PowerShell's 474 changed C# files, parsing the same
    /// <c>Directory.Build.props</c> chain again for every folder was 1.5 % of the review's CPU.
    /// </summary>
    internal sealed class Reader
    {
        private readonly Dictionary<string, string> files;

        private readonly Dictionary<string, XElement?> roots = new(StringComparer.OrdinalIgnoreCase);

        private readonly Dictionary<string, CSharpProjectFacts> byFolder = new(StringComparer.Ordinal);

        /// <param name="projectFiles"><c>*.csproj</c>, <c>Directory.Build.props</c> and <c>.editorconfig</c> texts by repository-relative path.</param>
        public Reader(IReadOnlyDictionary<string, string> projectFiles)
        {
            ArgumentNullException.ThrowIfNull(projectFiles);
            files = projectFiles
                .Where(pair => IsMsBuildFile(pair.Key))
                .ToDictionary(pair => Normalize(pair.Key), pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The facts that apply to the C# file at <paramref name="path"/>.</summary>
        public CSharpProjectFacts For(string path)
        {
            ArgumentNullException.ThrowIfNull(path);
            var folder = FolderOf(Normalize(path));
            if (!byFolder.TryGetValue(folder, out var facts))
            {
                facts = files.Count == 0 ? Unknown : Evaluate(folder);
                byFolder[folder] = facts;
            }

            return facts;
        }

        /// <summary>The root element of an MSBuild file, parsed the first time it is asked for; null when it is not well-formed XML.</summary>
        private XElement? RootOf(string path)
        {
            if (!roots.TryGetValue(path, out var root))
            {
                root = Parse(files[path])?.Root;
                roots[path] = root;
            }

            return root;
        }

        private CSharpProjectFacts Evaluate(string folder)
        {
            var projects = NearestProjects(folder, files);
            var projectFolder = projects.Count > 0 ? FolderOf(projects[0]) : folder;
            var state = new Evaluation(files, RootOf);
            if (FileAbove(projectFolder, PropsName, files) is { } props)
            {
                state.Evaluate(props);
            }

            if (projects.Count == 0)
            {
                return state.Facts;
            }

            // Several project files in one folder: a setting counts only when every one of them has it.
            var results = projects.Select(project =>
            {
                var copy = state.Copy();
                copy.Evaluate(project);
                return copy.Facts;
            }).ToList();
            var nullable = results.Select(result => result.NullableContext).Distinct().Count() == 1 ? results[0].NullableContext : NullableContextOptions.Disable;
            return Create(nullable, results.All(result => result.GeneratesDocumentation)) with
            {
                SuppressesMissingDocsWarning = results.Any(result => result.SuppressesMissingDocsWarning),
            };
        }

        /// <summary>Parses without DTDs or external entities; a file that is not well-formed XML says nothing.</summary>
        private static XDocument? Parse(string text)
        {
            try
            {
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
                using var reader = XmlReader.Create(new StringReader(text), settings);
                return XDocument.Load(reader);
            }
            catch (XmlException)
            {
                return null;
            }
        }
    }

    /// <summary>Facts equal to the plain ones whenever the context is just on or off.</summary>
    private static CSharpProjectFacts Create(NullableContextOptions nullable, bool documentation) =>
        nullable is NullableContextOptions.Enable or NullableContextOptions.Disable
            ? new(nullable == NullableContextOptions.Enable, documentation)
            : new(false, documentation) { NullableContext = nullable };

    private static bool IsMsBuildFile(string path)
    {
        var name = NameOf(path);
        return name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || name.Equals(PropsName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The project files in the nearest folder (from the file's own folder up) that has any.</summary>
    private static List<string> NearestProjects(string folder, Dictionary<string, string> files)
    {
        for (var current = folder; current is not null; current = ParentOf(current))
        {
            var here = files.Keys
                .Where(key => key.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) && string.Equals(FolderOf(key), current, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (here.Count > 0)
            {
                return here;
            }
        }

        return [];
    }

    /// <summary>MSBuild's <c>GetPathOfFileAbove</c>: the file of that name in <paramref name="folder"/> or the nearest folder above it.</summary>
    private static string? FileAbove(string? folder, string name, Dictionary<string, string> files)
    {
        for (var current = folder; current is not null; current = ParentOf(current))
        {
            var candidate = current.Length == 0 ? name : $"{current}/{name}";
            if (files.ContainsKey(candidate))
            {
                return files.Keys.First(key => string.Equals(key, candidate, StringComparison.OrdinalIgnoreCase));
            }
        }

        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string FolderOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;

    /// <summary>The parent folder, or null above the repository root.</summary>
    private static string? ParentOf(string folder) => folder.Length == 0 ? null : FolderOf(folder);

    /// <summary>Walks MSBuild files in evaluation order, property by property, following imports it can resolve.</summary>
    /// <param name="rootOf">A file's root element, or null when it is not well-formed XML.</param>
    private sealed class Evaluation(Dictionary<string, string> files, Func<string, XElement?> rootOf)
    {
        private readonly HashSet<string> visited = new(StringComparer.OrdinalIgnoreCase);

        private NullableContextOptions nullable = NullableContextOptions.Disable;

        private bool documentation;

        private bool suppressesMissingDocs;

        public CSharpProjectFacts Facts => Create(nullable, documentation) with { SuppressesMissingDocsWarning = suppressesMissingDocs };

        public Evaluation Copy()
        {
            var copy = new Evaluation(files, rootOf) { nullable = nullable, documentation = documentation, suppressesMissingDocs = suppressesMissingDocs };
            copy.visited.UnionWith(visited);
            return copy;
        }

        public void Evaluate(string path)
        {
            if (!visited.Add(path) || rootOf(path) is not { } root)
            {
                return;
            }

            foreach (var element in root.Elements())
            {
                switch (element.Name.LocalName)
                {
                    case "PropertyGroup":
                        var groupConditioned = element.Attribute("Condition") is not null;
                        foreach (var property in element.Elements())
                        {
                            Apply(property, groupConditioned || property.Attribute("Condition") is not null);
                        }

                        break;
                    case "Import" when Resolve(path, element) is { } imported:
                        // Imports are usually guarded by `Exists(...)`, which holds for a file we have.
                        Evaluate(imported);
                        break;
                }
            }
        }

        private void Apply(XElement property, bool conditioned)
        {
            var value = property.Value.Trim();
            switch (property.Name.LocalName)
            {
                case "Nullable":
                    var setting = value.ToLowerInvariant() switch
                    {
                        "enable" => NullableContextOptions.Enable,
                        "warnings" => NullableContextOptions.Warnings,
                        "annotations" => NullableContextOptions.Annotations,
                        _ => NullableContextOptions.Disable,
                    };

                    // A conditional setting might not apply: take it only when it switches analysis off.
                    if (!conditioned || setting == NullableContextOptions.Disable)
                    {
                        nullable = setting;
                    }

                    break;
                case "NoWarn":
                    // Even a conditional silence counts: it only makes the review quieter.
                    suppressesMissingDocs |= value.Split([';', ','], StringSplitOptions.TrimEntries).Any(code => code is "CS1591" or "1591" or "cs1591");
                    break;
                case "GenerateDocumentationFile":
                    var generates = value.Equals("true", StringComparison.OrdinalIgnoreCase);
                    if (!conditioned || !generates)
                    {
                        documentation = generates;
                    }

                    break;
            }
        }

        /// <summary>The repository path an <c>&lt;Import&gt;</c> names, when it is one of the files we have.</summary>
        private string? Resolve(string importer, XElement import)
        {
            var project = import.Attribute("Project")?.Value.Trim();
            if (string.IsNullOrEmpty(project))
            {
                return null;
            }

            var folder = FolderOf(importer);
            if (project.Contains("GetPathOfFileAbove", StringComparison.OrdinalIgnoreCase) || project.Contains("GetDirectoryNameOfFileAbove", StringComparison.OrdinalIgnoreCase))
            {
                // The usual chaining idiom looks for the same file name from the parent folder up.
                var name = project.Contains(PropsName, StringComparison.OrdinalIgnoreCase) ? PropsName : null;
                return name is null ? null : FileAbove(ParentOf(folder), name, files);
            }

            var relative = project
                .Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.OrdinalIgnoreCase)
                .Replace("$(MSBuildProjectDirectory)", string.Empty, StringComparison.OrdinalIgnoreCase)
                .Replace('\\', '/');
            if (relative.Contains("$(", StringComparison.Ordinal) || relative.StartsWith('/'))
            {
                return null;
            }

            var parts = folder.Length == 0 ? new List<string>() : [.. folder.Split('/')];
            foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "..")
                {
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                }
                else if (part != ".")
                {
                    parts.Add(part);
                }
            }

            var target = string.Join('/', parts);
            return files.Keys.FirstOrDefault(key => string.Equals(key, target, StringComparison.OrdinalIgnoreCase));
        }
    }
}
