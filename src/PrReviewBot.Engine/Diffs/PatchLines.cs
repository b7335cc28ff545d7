namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// The lines of a patch and a cursor over them, read as the cursor moves: only the current line and the one after it
/// are held, so a patch read from a stream (git's output) never exists as one string. A line never includes its
/// ending, and a <c>\r</c> before the <c>\n</c> counts as part of the ending, so a CRLF patch reads exactly like an LF one.
/// </summary>
internal sealed class PatchLines
{
    private const int ChunkSize = 64 * 1024;

    private readonly TextReader reader;

    // Most lines of a large patch repeat (blank lines, braces, code a change moves from one place to another: in a
    // real 2,000-file patch 97,000 texts make its 345,000 lines), and its lines are kept for the whole review.
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    private char[] buffer = new char[ChunkSize];
    private int filled;
    private bool readerDone;
    private Line current = Line.None;
    private Line next = Line.None;

    public PatchLines(string text)
        : this(new StringReader(text))
    {
    }

    public PatchLines(TextReader reader)
    {
        this.reader = reader;
        current = ReadLine(0);
        next = current.Exists ? ReadLine(current.End) : Line.None;
    }

    public bool AtEnd => !current.Exists;

    /// <summary>True once a line with something other than white space has been read.</summary>
    public bool SawText { get; private set; }

    /// <summary>0-based index of the current line.</summary>
    public int Index { get; private set; }

    /// <summary>1-based number of the current line, as an editor shows it.</summary>
    public int LineNumber => Index + 1;

    public ReadOnlySpan<char> Current => current.Exists ? buffer.AsSpan(current.Start, current.Length) : throw new InvalidOperationException("past the last line of the patch");

    /// <summary>The line after the current one, if there is one.</summary>
    public bool TryPeekNext(out ReadOnlySpan<char> line)
    {
        line = next.Exists ? buffer.AsSpan(next.Start, next.Length) : default;
        return next.Exists;
    }

    public void Advance()
    {
        if (!current.Exists)
        {
            return;
        }

        Index++;
        current = next;
        next = current.Exists ? ReadLine(current.End) : Line.None;
    }

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

    /// <summary>The line starting at <paramref name="start"/> of the buffer, reading more of the patch until its end is held.</summary>
    private Line ReadLine(int start)
    {
        var searched = start;
        while (true)
        {
            var newline = buffer.AsSpan(searched, filled - searched).IndexOf('\n');
            if (newline >= 0)
            {
                return Found(start, searched + newline, searched + newline + 1);
            }

            if (readerDone)
            {
                // The last line has no ending; a patch that ends with one has no empty line after it.
                return start < filled ? Found(start, filled, filled) : Line.None;
            }

            searched = filled;
            var shift = Fill(start);
            start -= shift;
            searched -= shift;
        }
    }

    private Line Found(int start, int end, int after)
    {
        var length = end - start;
        if (length > 0 && buffer[end - 1] == '\r')
        {
            length--;
        }

        if (!SawText && !buffer.AsSpan(start, length).IsWhiteSpace())
        {
            SawText = true;
        }

        return new Line(start, length, after);
    }

    /// <summary>
    /// Reads another chunk of the patch. What the current line and the one being read hold moves to the front of the
    /// buffer first (the buffer grows only for lines longer than it); returns how far it moved.
    /// </summary>
    private int Fill(int reading)
    {
        var keep = current.Exists && current.Start < reading ? current.Start : reading;
        if (keep > 0)
        {
            Array.Copy(buffer, keep, buffer, 0, filled - keep);
            filled -= keep;
            if (current.Exists && current.Start < reading)
            {
                current = current with { Start = current.Start - keep, End = current.End - keep };
            }
        }

        if (buffer.Length - filled < ChunkSize / 2)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = reader.Read(buffer, filled, buffer.Length - filled);
        if (read == 0)
        {
            readerDone = true;
        }

        filled += read;
        return keep;
    }

    private readonly record struct Line(int Start, int Length, int End)
    {
        public static readonly Line None = new(-1, 0, -1);

        public bool Exists => Start >= 0;
    }
}
