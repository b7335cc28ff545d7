namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// The lines of a patch and a cursor over them. A line never includes its ending, and a
/// <c>\r</c> before the <c>\n</c> counts as part of the ending, so a CRLF patch reads exactly like an LF one.
/// </summary>
internal sealed class PatchLines
{
    private readonly string text;
    private readonly List<(int Start, int Length)> lines = [];

    // Most lines of a large patch repeat (blank lines, braces, code a change moves from one place to another: in a
    // real 2,000-file patch 97,000 texts make its 345,000 lines), and its lines are kept for the whole review.
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    public PatchLines(string text)
    {
        this.text = text;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            lines.Add((start, length));
            start = end + 1;
        }
    }

    public int Count => lines.Count;

    public bool AtEnd => Index >= lines.Count;

    /// <summary>0-based index of the current line.</summary>
    public int Index { get; private set; }

    /// <summary>1-based number of the current line, as an editor shows it.</summary>
    public int LineNumber => Index + 1;

    public ReadOnlySpan<char> Current => this[Index];

    public ReadOnlySpan<char> this[int index] => text.AsSpan(lines[index].Start, lines[index].Length);

    /// <summary>The line after the current one, if there is one.</summary>
    public bool TryPeekNext(out ReadOnlySpan<char> line)
    {
        if (Index + 1 < lines.Count)
        {
            line = this[Index + 1];
            return true;
        }

        line = default;
        return false;
    }

    public void Advance() => Index++;

    /// <summary>A line's text as a string, the same string for the same text throughout the patch.</summary>
    public string Text(ReadOnlySpan<char> line)
    {
        var lookup = texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(line, out var shared))
        {
            shared = line.ToString();
            texts.Add(shared, shared);
        }

        return shared;
    }

    /// <summary>A line as an error message quotes it: in quotes, and cut short when long.</summary>
    public static string Quote(ReadOnlySpan<char> line)
    {
        const int MaxLength = 60;
        return line.Length <= MaxLength ? $"'{line}'" : $"'{line[..MaxLength]}…'";
    }
}
