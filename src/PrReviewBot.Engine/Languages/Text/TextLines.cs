namespace PrReviewBot.Engine.Languages.Text;

/// <summary>
/// A text's lines, split on <c>\n</c> with a <c>\r</c> before it dropped and the empty rest after a final newline not
/// counted as a line, each made the first time it is read. Splitting every changed file whole, to read the few lines a
/// change added, made a quarter of a large review's strings (PowerShell's 1,190-file change: 53 MB of lines for the
/// leaked-secret rule, which reads added lines only).
/// </summary>
internal sealed class TextLines : IReadOnlyList<string>
{
    private readonly string text;

    /// <summary>Where each line starts; one more entry, past the end, closes the last line.</summary>
    private readonly int[] starts;

    private readonly string?[] made;

    public TextLines(string text)
    {
        this.text = text;
        var count = text.Length == 0 ? 0 : text.AsSpan().Count('\n') + (text[^1] == '\n' ? 0 : 1);
        starts = new int[count + 1];
        var start = 0;
        for (var index = 0; index < count; index++)
        {
            starts[index] = start;
            var newline = text.IndexOf('\n', start);
            start = newline < 0 ? text.Length + 1 : newline + 1;
        }

        starts[count] = start;
        made = new string?[count];
    }

    public int Count => made.Length;

    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return made[index] ??= Make(index);
        }
    }

    /// <summary>The line without its <c>\n</c>, and without a <c>\r</c> before it.</summary>
    private string Make(int index)
    {
        var start = starts[index];
        var end = starts[index + 1] - 1;
        var length = end > start && text[end - 1] == '\r' ? end - start - 1 : end - start;
        return text.Substring(start, length);
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var index = 0; index < Count; index++)
        {
            yield return this[index];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
