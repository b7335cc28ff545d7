using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Review;

/// <summary>
/// Which findings make sense for code of each <see cref="CodeRole"/>. Tests, fixtures and examples
/// are not public API (no docs or type-hint requests) and never see untrusted input (security
/// rules only for credentials in a live format, and then as a warning: a fake token in a test is
/// not a leak). A migration was written by a tool, so only security applies there.
/// </summary>
internal static class RolePolicy
{
    /// <summary>The rules that judge committed credentials, in every language.</summary>
    private static readonly HashSet<string> SecretRules = new(StringComparer.Ordinal)
    {
        "cs/hardcoded-secret", "py/hardcoded-secret", "text/leaked-secret",
    };

    /// <summary>The finding as it applies to code of <paramref name="role"/>, or null when it does not apply there.</summary>
    /// <param name="lineText">The text of the finding's first line, to tell a live credential format from a fake.</param>
    public static RawFinding? Apply(RawFinding finding, CodeRole role, Func<int, string> lineText)
    {
        var category = finding.Rule.Category;
        switch (role)
        {
            case CodeRole.Product:
                return finding;
            case CodeRole.Migration:
                return category == Category.Security ? finding : null;
            default:
                if (category is Category.Docs or Category.TypeHints)
                {
                    return null;
                }

                if (category != Category.Security)
                {
                    return finding;
                }

                if (!SecretRules.Contains(finding.Rule.Id) || !CredentialFormats.HasLiveCredentialFormat(lineText(finding.StartLine)))
                {
                    return null;
                }

                return finding.Severity > Severity.Warning ? finding with { Severity = Severity.Warning } : finding;
        }
    }
}
