using System.Text;
using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Configuration;

/// <summary>
/// A path glob as <c>.editorconfig</c> and <c>exclude:</c> write them: <c>*</c> (within a folder),
/// <c>**</c> (across folders), <c>?</c>, <c>{a,b}</c> and <c>[abc]</c>. A pattern without a
/// slash matches the file name in any folder, as in <c>.editorconfig</c> and <c>.gitignore</c>.
/// </summary>
public sealed class GlobPattern
{
    private readonly Regex regex;

    public GlobPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
        var body = pattern.Replace('\\', '/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        var prefix = anchored ? "^" : "^(?:.*/)?";
        regex = new Regex(prefix + Translate(body) + "$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public string Pattern { get; }

    /// <summary>True when the repository-relative path (forward slashes) matches.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return regex.IsMatch(path.Replace('\\', '/').TrimStart('/'));
    }

    private static string Translate(string glob)
    {
        var builder = new StringBuilder();
        var braceDepth = 0;
        for (var index = 0; index < glob.Length; index++)
        {
            var character = glob[index];
            switch (character)
            {
                case '*' when index + 1 < glob.Length && glob[index + 1] == '*':
                    index++;
                    if (index + 1 < glob.Length && glob[index + 1] == '/')
                    {
                        index++;
                        builder.Append("(?:.*/)?");
                    }
                    else
                    {
                        builder.Append(".*");
                    }

                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '{':
                    braceDepth++;
                    builder.Append("(?:");
                    break;
                case '}' when braceDepth > 0:
                    braceDepth--;
                    builder.Append(')');
                    break;
                case ',' when braceDepth > 0:
                    builder.Append('|');
                    break;
                case '[':
                    var close = glob.IndexOf(']', index + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var set = glob[(index + 1)..close];
                    builder.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    index = close;
                    break;
                default:
                    builder.Append(Regex.Escape(character.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}
