using System.Collections.Concurrent;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// The text of every C# file of one analysis, for the few facts rules take from the whole change
/// (a global filter registered in some startup method). Read from the files themselves, never from a
/// compilation, whose other files may hold only their declarations when a large change is analysed in batches.
/// </summary>
internal sealed class CSharpChangeText(IReadOnlyList<string> texts)
{
    private readonly ConcurrentDictionary<string, bool> mentions = new(StringComparer.Ordinal);

    /// <summary>True when any file contains one of the words (ordinal); each question is answered once per analysis.</summary>
    public bool Mentions(IReadOnlyList<string> words) =>
        mentions.GetOrAdd(string.Join('\n', words), _ => texts.Any(text => words.Any(word => text.Contains(word, StringComparison.Ordinal))));
}
