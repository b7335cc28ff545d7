using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Languages;

/// <summary>
/// Prose that says why commented-out code below it is switched off and when it comes back: a
/// to-do, or words such as "re-enable" or "until". That is what the commented-out-code rules ask
/// for, in every language, so such code is left alone.
/// </summary>
public static partial class DisabledCodeNotes
{
    public static bool Explains(string prose)
    {
        ArgumentNullException.ThrowIfNull(prose);
        return Explanation().IsMatch(prose.TrimStart('/', '#', '*', ' ', '\t'));
    }

    [GeneratedRegex(@"^(TODO|FIXME|XXX|HACK|NOTE)\b|\b(re-?(add|enable|activate|instate)|uncomment|disabled?|temporarily|until|once .+ (is|are) (fixed|released|supported))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Explanation();
}
