using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

/// <summary>Where a string is used as a file-system path. The value checked is the path.</summary>
public static class PathTraversalSinks
{
    /// <summary><c>File</c> methods and the argument positions that are paths.</summary>
    private static readonly (string Method, int[] Paths)[] FileMethods =
    [
        ("ReadAllText", [0]), ("ReadAllTextAsync", [0]), ("ReadAllBytes", [0]), ("ReadAllBytesAsync", [0]),
        ("ReadAllLines", [0]), ("ReadAllLinesAsync", [0]), ("ReadLines", [0]), ("ReadLinesAsync", [0]),
        ("WriteAllText", [0]), ("WriteAllTextAsync", [0]), ("WriteAllBytes", [0]), ("WriteAllBytesAsync", [0]),
        ("WriteAllLines", [0]), ("WriteAllLinesAsync", [0]), ("AppendAllText", [0]), ("AppendAllTextAsync", [0]),
        ("AppendAllLines", [0]), ("AppendAllLinesAsync", [0]), ("AppendText", [0]), ("Open", [0]), ("OpenRead", [0]),
        ("OpenWrite", [0]), ("OpenText", [0]), ("OpenHandle", [0]), ("Create", [0]), ("CreateText", [0]),
        ("Delete", [0]), ("SetAttributes", [0]), ("Copy", [0, 1]), ("Move", [0, 1]), ("Replace", [0, 1, 2]),
    ];

    private static readonly (string Method, int[] Paths)[] DirectoryMethods =
    [
        ("Delete", [0]), ("CreateDirectory", [0]), ("GetFiles", [0]), ("GetDirectories", [0]), ("EnumerateFiles", [0]),
        ("EnumerateDirectories", [0]), ("EnumerateFileSystemEntries", [0]), ("GetFileSystemEntries", [0]), ("Move", [0, 1]),
    ];

    private static readonly string[] PathTypes =
    [
        "FileStream", "StreamReader", "StreamWriter", "FileInfo", "DirectoryInfo", "PhysicalFileResult", "PhysicalFileProvider",
    ];

    public static SinkCatalogue Catalogue { get; } = new(
        VulnerabilityFamily.PathTraversal,
        [
            .. FileMethods.SelectMany(method => method.Paths.Select(path => Sink.Static("File", method.Method, path))),
            .. DirectoryMethods.SelectMany(method => method.Paths.Select(path => Sink.Static("Directory", method.Method, path))),
            .. PathTypes.Select(type => Sink.New(type, 0, "path", "fileName", "root")),

            // Controller and minimal-API results that send a file from disk; File(bytes, type) and File(stream, type) send data.
            Sink.Inherited("ControllerBase", "PhysicalFile"),
            Sink.Inherited("ControllerBase", "File") with { OnlyStrings = true },
            Sink.Static("Results", "PhysicalFile"),
            Sink.Static("Results", "File") with { OnlyStrings = true },
            Sink.Static("TypedResults", "PhysicalFile"),
            Sink.Static("TypedResults", "File") with { OnlyStrings = true },

            // An archive entry written where the archive says (zip slip).
            Sink.Call("ZipArchiveEntry", "ExtractToFile", 0, "destinationFileName", "entry"),
            Sink.Static("ZipFileExtensions", "ExtractToFile", 1, "destinationFileName"),
        ],
        [SanitizerEffect.FileName],
        TaintSourceKind.ArchiveEntryName)
    {
        Markers = ["File", "Directory", "Stream"],
    };
}
