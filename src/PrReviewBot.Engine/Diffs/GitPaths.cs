using System.Text;

namespace PrReviewBot.Engine.Diffs;

/// <summary>
/// File names as diffs write them: git's C-style quoting, <c>/dev/null</c>, the <c>a/</c> and
/// <c>b/</c> prefixes, and the two names of a <c>diff --git</c> line.
/// </summary>
internal static class GitPaths
{
    public const string DevNull = "/dev/null";

    /// <summary>
    /// Prefix pairs git writes: the default, and those of <c>diff.mnemonicPrefix</c>
    /// (commit, index, work tree, object). Anything else is taken as <c>--no-prefix</c>.
    /// </summary>
    private static readonly (string Old, string New)[] PrefixPairs =
        [("a/", "b/"), ("c/", "w/"), ("c/", "i/"), ("i/", "w/"), ("o/", "w/"), ("1/", "2/")];

    /// <summary>
    /// Reads the name in a <c>---</c>/<c>+++</c>, <c>rename</c> or <c>copy</c> line: quoted, or up to a tab
    /// (plain <c>diff -u</c> puts a timestamp there, git a lone tab after names with spaces).
    /// </summary>
    /// <returns>The name, or null for <c>/dev/null</c>.</returns>
    public static string? ReadName(ReadOnlySpan<char> field, int lineNumber)
    {
        string name;
        if (field.StartsWith('"'))
        {
            if (!TryUnquote(field, out name, out _))
            {
                throw new PatchFormatException(lineNumber, $"unterminated or invalid quoted file name {PatchLines.Quote(field)}");
            }
        }
        else
        {
            var tab = field.IndexOf('\t');
            name = (tab < 0 ? field : field[..tab]).ToString();
        }

        return name == DevNull ? null : name;
    }

    /// <summary>
    /// Splits the names of a <c>diff --git</c> line. Unquoted names may contain spaces; git then
    /// writes the same name twice, so the split is where both halves name the same file.
    /// </summary>
    public static bool TrySplitHeaderNames(ReadOnlySpan<char> names, out string oldName, out string newName)
    {
        oldName = newName = string.Empty;
        if (names.StartsWith('"'))
        {
            if (!TryUnquote(names, out oldName, out var consumed) || !names[consumed..].StartsWith(' '))
            {
                return false;
            }

            var rest = names[(consumed + 1)..];
            if (!rest.StartsWith('"'))
            {
                newName = rest.ToString();
                return newName.Length > 0;
            }

            return TryUnquote(rest, out newName, out consumed) && consumed == rest.Length;
        }

        if (names.EndsWith('"'))
        {
            for (var space = names.IndexOf(" \"", StringComparison.Ordinal); space > 0; space = NextIndex(names, " \"", space))
            {
                var quoted = names[(space + 1)..];
                if (TryUnquote(quoted, out newName, out var consumed) && consumed == quoted.Length)
                {
                    oldName = names[..space].ToString();
                    return true;
                }
            }
        }

        // Names that differ (renames) are not ambiguous in practice: git adds rename lines and
        // ---/+++ lines, which win. Without them, split before "b/", else at the first space.
        int? sameName = null;
        int? beforeNewPrefix = null;
        int? firstSpace = null;
        for (var space = names.IndexOf(' '); space > 0 && sameName is null; space = NextIndex(names, " ", space))
        {
            firstSpace ??= space;
            if (beforeNewPrefix is null && names[(space + 1)..].StartsWith("b/", StringComparison.Ordinal))
            {
                beforeNewPrefix = space;
            }

            if (WithoutFirstDirectory(names[..space]).SequenceEqual(WithoutFirstDirectory(names[(space + 1)..])))
            {
                sameName = space;
            }
        }

        if ((sameName ?? beforeNewPrefix ?? firstSpace) is not { } split || split == names.Length - 1)
        {
            return false;
        }

        oldName = names[..split].ToString();
        newName = names[(split + 1)..].ToString();
        return true;
    }

    /// <summary>The lengths of the prefixes the two names of a <c>diff --git</c> line carry; 0 and 0 for <c>--no-prefix</c>.</summary>
    public static (int Old, int New) PrefixLengths(string oldName, string newName)
    {
        foreach (var (oldPrefix, newPrefix) in PrefixPairs)
        {
            if (oldName.StartsWith(oldPrefix, StringComparison.Ordinal) && newName.StartsWith(newPrefix, StringComparison.Ordinal))
            {
                return (oldPrefix.Length, newPrefix.Length);
            }
        }

        return (0, 0);
    }

    public static string? StripPrefix(string? name, int length) => name is null || length == 0 ? name : name[length..];

    /// <summary>
    /// Reads a C-quoted name starting at <paramref name="text"/>[0] == '"'. Octal escapes are
    /// bytes of the UTF-8 encoding, so the name is decoded from bytes.
    /// </summary>
    /// <param name="consumed">How many characters the name took, both quotes included.</param>
    public static bool TryUnquote(ReadOnlySpan<char> text, out string value, out int consumed)
    {
        value = string.Empty;
        consumed = 0;
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var length = 0;
        var position = 1;
        while (position < text.Length)
        {
            var run = text[position..].IndexOfAny('"', '\\');
            if (run < 0)
            {
                return false;
            }

            length += Encoding.UTF8.GetBytes(text.Slice(position, run), bytes.AsSpan(length));
            position += run;
            if (text[position] == '"')
            {
                value = Encoding.UTF8.GetString(bytes, 0, length);
                consumed = position + 1;
                return true;
            }

            if (!TryReadEscape(text, ref position, out bytes[length]))
            {
                return false;
            }

            length++;
        }

        return false;
    }

    /// <param name="position">On the backslash; moved past the escape.</param>
    private static bool TryReadEscape(ReadOnlySpan<char> text, ref int position, out byte value)
    {
        value = 0;
        if (position + 1 >= text.Length)
        {
            return false;
        }

        var escape = text[position + 1];
        position += 2;
        if (escape is >= '0' and <= '7')
        {
            var number = escape - '0';
            for (var digits = 1; digits < 3 && position < text.Length && text[position] is >= '0' and <= '7'; digits++)
            {
                number = (number * 8) + (text[position] - '0');
                position++;
            }

            value = (byte)number;
            return number <= byte.MaxValue;
        }

        char? plain = escape switch
        {
            'a' => '\a',
            'b' => '\b',
            't' => '\t',
            'n' => '\n',
            'v' => '\v',
            'f' => '\f',
            'r' => '\r',
            '"' => '"',
            '\\' => '\\',
            _ => null,
        };
        value = (byte)(plain ?? '\0');
        return plain is not null;
    }

    private static ReadOnlySpan<char> WithoutFirstDirectory(ReadOnlySpan<char> name)
    {
        var slash = name.IndexOf('/');
        return slash < 0 ? name : name[(slash + 1)..];
    }

    private static int NextIndex(ReadOnlySpan<char> text, string value, int previous)
    {
        var next = text[(previous + 1)..].IndexOf(value, StringComparison.Ordinal);
        return next < 0 ? -1 : previous + 1 + next;
    }
}
