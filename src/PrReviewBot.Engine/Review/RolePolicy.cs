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
        if (!KeepsRule(finding.Rule, role))
        {
            return null;
        }

        if (!JudgesCredentialsOnly(finding.Rule, role))
        {
            return finding;
        }

        if (!CredentialFormats.HasLiveCredentialFormat(lineText(finding.StartLine)))
        {
            return null;
        }

        return finding.Severity > Severity.Warning ? finding with { Severity = Severity.Warning } : finding;
    }

    /// <summary>
    /// False when <see cref="Apply"/> would drop every finding of the rule in this file, so the analyzers need not run it
    /// there: a rule of a category the role does not take, or a secret rule on a test whose text holds no anchor of any
    /// live credential format, so no line of it can hold one.
    /// </summary>
    /// <param name="text">The file's text, read only for a secret rule on a test.</param>
    public static bool MayKeep(RuleDescriptor rule, CodeRole role, Func<string> text) =>
        KeepsRule(rule, role) && (!JudgesCredentialsOnly(rule, role) || CredentialFormats.MayHold(text()));

    private static bool KeepsRule(RuleDescriptor rule, CodeRole role) => role switch
    {
        CodeRole.Product => true,
        CodeRole.Migration => rule.Category == Category.Security,
        _ => rule.Category switch
        {
            Category.Docs or Category.TypeHints => false,
            Category.Security => SecretRules.Contains(rule.Id),
            _ => true,
        },
    };

    /// <summary>A secret rule on tests, fixtures and examples: its findings stand only on a line in a live credential format.</summary>
    private static bool JudgesCredentialsOnly(RuleDescriptor rule, CodeRole role) =>
        role is not (CodeRole.Product or CodeRole.Migration) && rule.Category == Category.Security;
}
