using Microsoft.CodeAnalysis;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Languages.CSharp;

/// <summary>
/// C# head texts parsed while a front door is still reading the rest of its input, on a core that would otherwise wait:
/// on a large git range the head versions are read before git has finished writing the patch, and the snapshot is then
/// built on one thread (PowerShell's 1,190-file change: 0.3 s in which one core had git's diff or nothing to do). The
/// review takes the trees parsed so far (<see cref="Finish"/>) and parses the rest itself. Only trees of the very texts
/// offered are taken, so a base version or another text at the same path is always parsed afresh.
/// </summary>
public sealed class ParseAhead : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string Text, SyntaxTree Tree)> trees = new(StringComparer.Ordinal);
    /// <summary>Set before <see cref="gate"/> is asked for, so that the parsing loop stops at once instead of taking the lock again ahead of the review.</summary>
    private volatile bool finished;

    private int parsedFiles;

    /// <summary>
    /// Up to this many characters of C#, every file is parsed ahead. A change may be analysed whole up to
    /// <see cref="CSharpAnalyzer.DefaultWholeIfRoomUpTo"/> of weight, characters and added lines together, but its added
    /// lines are not known yet while git writes the patch: parsed ahead whole, PowerShell's 3,025-file range (29.9 M
    /// characters, but 218,000 added lines: analysed in batches) held all its trees at once while loading, and peaked at
    /// 507–515 MB instead of 486–489 MB.
    /// </summary>
    internal const long WholeUpTo = 26_000_000;

    /// <summary>
    /// Parses the C# files among <paramref name="files"/>, in order, on the calling thread, until they are all parsed or
    /// the review has called <see cref="Finish"/>. More C# than one review may hold at once (over <see cref="WholeUpTo"/>
    /// characters: it is likely to be analysed in batches) is parsed only as far as its first batch, which that review keeps
    /// anyway (files come in the patch's order), so that trees parsed ahead do not raise its peak. It never throws: a text
    /// it cannot parse is left to the review.
    /// </summary>
    public void Run(IReadOnlyList<(string Path, string? Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        // Generated and vendored files are left out as the review leaves them out (EF Core's 544-file change has 105 generated ones).
        var csharp = files
            .Where(file => file.Text is not null && SourceLanguages.FromPath(file.Path) == SourceLanguage.CSharp && TextFileKinds.SkipReason(file.Path, file.Text) is null)
            .ToList();
        var budget = csharp.Sum(file => (long)file.Text!.Length) > WholeUpTo ? CSharpAnalyzer.DefaultBatchChars : long.MaxValue;
        long parsed = 0;
        foreach (var (path, text) in csharp)
        {
            parsed += text!.Length;
            if (parsed > budget || finished)
            {
                return;
            }

            // The lock is held while one file is parsed, so that Finish waits for that file instead of the review parsing it again.
            lock (gate)
            {
                if (finished)
                {
                    return;
                }

                try
                {
                    trees[path] = (text, CSharpAnalyzer.Parse(path, text, CancellationToken.None));
                    Interlocked.Increment(ref parsedFiles);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Stops parsing ahead (after the file being parsed, if any): what is not parsed yet, the review parses itself.</summary>
    public void Finish()
    {
        // The lock is not fair: asked for first, it could wait while the loop took it file after file (0.1 s on EF Core's
        // 544-file change, with the review's own parse held up meanwhile).
        finished = true;
        lock (gate)
        {
            // Taken once the file being parsed is done.
        }
    }

    /// <summary>How many files have been parsed ahead so far.</summary>
    internal int ParsedFiles => Volatile.Read(ref parsedFiles);

    /// <summary>True when a tree parsed ahead for exactly this text at this path waits to be taken.</summary>
    internal bool Holds(string path, string text)
    {
        lock (gate)
        {
            return trees.TryGetValue(path, out var parsed) && ReferenceEquals(parsed.Text, text);
        }
    }

    /// <summary>The tree parsed ahead for exactly this text at this path, handed over once; null when there is none.</summary>
    internal SyntaxTree? Take(string path, string text)
    {
        lock (gate)
        {
            return trees.Remove(path, out var parsed) && ReferenceEquals(parsed.Text, text) ? parsed.Tree : null;
        }
    }

    /// <summary>Stops parsing ahead and lets go of the trees not taken.</summary>
    public void Dispose()
    {
        finished = true;
        lock (gate)
        {
            trees.Clear();
        }
    }
}
