namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Spots the shape behind most exponential-time regular expressions: a repeated group that itself
/// contains a repetition, as in <c>(a+)+</c>, <c>(\w+\s?)*</c> or <c>(([a-z])+.)+</c>.
/// </summary>
public static class CatastrophicPatterns
{
    /// <summary>True when some group with an unbounded repetition inside is itself repeated without bound.</summary>
    public static bool HasNestedQuantifier(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);

        // One flag per open group: does it contain a repetition?
        var groups = new Stack<bool>();
        for (var index = 0; index < pattern.Length; index++)
        {
            switch (pattern[index])
            {
                case '\\':
                    index++;
                    break;
                case '[':
                    index = EndOfClass(pattern, index);
                    break;
                case '(':
                    groups.Push(false);
                    break;
                case ')' when groups.Count > 0:
                    var repeatsInside = groups.Pop();
                    if (repeatsInside && IsRepetitionAt(pattern, index + 1))
                    {
                        return true;
                    }

                    if (repeatsInside && groups.Count > 0)
                    {
                        groups.Push(groups.Pop() || repeatsInside);
                    }

                    break;
                case '*' or '+' when groups.Count > 0:
                    groups.Pop();
                    groups.Push(true);
                    break;
                case '{' when groups.Count > 0 && IsRepetitionAt(pattern, index):
                    groups.Pop();
                    groups.Push(true);
                    break;
            }
        }

        return false;
    }

    /// <summary>An unbounded repetition: <c>*</c>, <c>+</c> or <c>{n,}</c>.</summary>
    private static bool IsRepetitionAt(string pattern, int index)
    {
        if (index >= pattern.Length)
        {
            return false;
        }

        if (pattern[index] is '*' or '+')
        {
            return true;
        }

        if (pattern[index] != '{')
        {
            return false;
        }

        var close = pattern.IndexOf('}', index);
        return close > index && pattern.AsSpan(index + 1, close - index - 1).Trim().EndsWith(",");
    }

    private static int EndOfClass(string pattern, int open)
    {
        var index = open + 1;
        if (index < pattern.Length && pattern[index] == '^')
        {
            index++;
        }

        if (index < pattern.Length && pattern[index] == ']')
        {
            index++;
        }

        for (; index < pattern.Length; index++)
        {
            if (pattern[index] == '\\')
            {
                index++;
            }
            else if (pattern[index] == ']')
            {
                return index;
            }
        }

        return pattern.Length;
    }
}
