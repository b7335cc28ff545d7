using PrReviewBot.Engine.Input;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>The C# security corpus (vulnerable and safe snippets), copied beside the tests.</summary>
internal static class SecurityCorpusFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "SecurityCorpus");

    /// <summary>Every snippet as one change: each file whole, under its path in the corpus, in path order.</summary>
    public static List<ChangedFile> AsOneChange() =>
        [.. Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => ChangedFile.WholeFile(Path.GetRelativePath(Folder, path).Replace('\\', '/'), File.ReadAllText(path)))];
}
