using System.Globalization;
using System.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Review;

/// <summary>How the summary links and what the front door measured (the engine has no clock).</summary>
/// <param name="LinkBase">
/// Prefix for file links, e.g. <c>https://github.com/o/r/blob/SHA/</c>; locations are plain
/// <c>path:line</c> when null.
/// </param>
/// <param name="EngineTime">How long the engine took, measured by the caller.</param>
/// <param name="IncludeMarker">Adds the hidden marker the GitHub publisher finds its comment by.</param>
/// <param name="MaxExamplesPerGroup">How many examples each suggestion group names.</param>
public sealed record SummaryContext(
    string? LinkBase = null,
    TimeSpan? EngineTime = null,
    bool IncludeMarker = false,
    int MaxExamplesPerGroup = 5)
{
    /// <summary>Findings the front door could not place as inline comments; listed in full so none is lost.</summary>
    public IReadOnlyList<Finding> NotPlacedInline { get; init; } = [];

    /// <summary>Findings left out of the inline comments by the cap on their number (<see cref="InlineCap"/>); listed so none is lost.</summary>
    public IReadOnlyList<Finding> OverInlineCap { get; init; } = [];

    /// <summary>How many inline comments the front door places on one pull request (<c>max_inline_comments</c>).</summary>
    public int InlineCap { get; init; }

    /// <summary>What the front door wants the reader to know about the review itself (a broken config, a capped file list).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
}

/// <summary>
/// Writes the review in the product's voice: the security verdict first, then numbered groups
/// of suggestions in a fixed order with real examples, an "Overall" line that matches what was
/// found, and a collapsed coverage footer. Stays under GitHub's 65,536-character limit.
/// </summary>
public static class SummaryWriter
{
    public const string Marker = "<!-- prreviewbot:summary -->";
    public const string CleanVerdict = "No security defects are detected in the code.";
    public const int MaxBodyLength = 65_000;

    public static string Write(ReviewResult result, SummaryContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        context ??= new SummaryContext();
        var examples = Math.Max(1, context.MaxExamplesPerGroup);
        var securityLimit = int.MaxValue;
        while (true)
        {
            var text = Render(result, context, examples, securityLimit);
            if (text.Length <= MaxBodyLength)
            {
                return text;
            }

            if (examples > 1)
            {
                examples /= 2;
            }
            else if (securityLimit > 10)
            {
                securityLimit = Math.Min(securityLimit, result.Security.Count()) / 2;
            }
            else
            {
                return text[..(MaxBodyLength - 40)] + "\n\n…(summary truncated)\n";
            }
        }
    }

    private static string Render(ReviewResult result, SummaryContext context, int examplesPerGroup, int securityLimit)
    {
        var output = new StringBuilder();
        var security = result.Security.ToList();
        var groups = result.Suggestions.GroupBy(finding => finding.Category).OrderBy(group => group.Key).ToList();
        var coverage = result.Coverage;

        output.AppendLine(Verdict(security.Count, coverage, result.Rules.Any(rule => rule.Category == Category.Security), SupportedLanguages(coverage)));
        if (security.Count > 0)
        {
            output.AppendLine();
            var number = 0;
            foreach (var finding in security.Take(securityLimit))
            {
                number++;
                output.Append(CultureInfo.InvariantCulture, $"{number}. **{finding.Rule.Title}** at {Location(finding, context)} (`{finding.Rule.Id}`, {finding.Severity.Slug()})  \n");
                output.Append(CultureInfo.InvariantCulture, $"   {Inline(finding.Message)}  \n");
                output.Append(CultureInfo.InvariantCulture, $"   *Why:* {Inline(finding.Rule.Why)} *Fix:* {Inline(finding.Rule.Fix)}\n");
            }

            if (security.Count > securityLimit)
            {
                output.Append(CultureInfo.InvariantCulture, $"\n…and {security.Count - securityLimit} more, each marked inline.\n");
            }
        }

        if (groups.Count > 0)
        {
            output.AppendLine();
            output.AppendLine(security.Count == 0
                ? "However, I do have some suggestions for improving the code's readability and maintainability:"
                : "Beyond security, I have some suggestions for improving the code's readability and maintainability:");
            output.AppendLine();
            var number = 0;
            foreach (var group in groups)
            {
                number++;
                var findings = group.ToList();
                output.Append(CultureInfo.InvariantCulture, $"{number}. **{group.Key.Title()}**: {GroupLead(group.Key, findings.Count)}\n");
                foreach (var finding in findings.Take(examplesPerGroup))
                {
                    output.Append(CultureInfo.InvariantCulture, $"   - {Location(finding, context)}: {Inline(finding.Message)}\n");
                }

                if (findings.Count > examplesPerGroup)
                {
                    output.Append(CultureInfo.InvariantCulture, $"   - …and {findings.Count - examplesPerGroup} more, each marked inline.\n");
                }
            }
        }

        AppendListed(output, context, context.NotPlacedInline, "These findings could not be placed on the changed lines, so they are listed here:", examplesPerGroup);
        AppendListed(
            output,
            context,
            context.OverInlineCap,
            string.Create(CultureInfo.InvariantCulture, $"Inline comments stop at {context.InlineCap} per pull request (`max_inline_comments`), the most severe first; these findings are listed here instead:"),
            examplesPerGroup);

        foreach (var notice in context.Notices)
        {
            output.AppendLine();
            output.Append(CultureInfo.InvariantCulture, $"> **Note:** {Inline(notice)}\n");
        }

        output.AppendLine();
        output.AppendLine(Overall(security.Count, result.Suggestions.Count(), coverage));
        output.AppendLine();
        AppendCoverage(output, result, context);
        if (context.IncludeMarker)
        {
            output.AppendLine();
            output.AppendLine(Marker);
        }

        return output.ToString();
    }

    private static void AppendListed(StringBuilder output, SummaryContext context, IReadOnlyList<Finding> findings, string heading, int examplesPerGroup)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var shown = Math.Max(examplesPerGroup * 10, 10);
        output.AppendLine();
        output.AppendLine(heading);
        output.AppendLine();
        foreach (var finding in findings.Take(shown))
        {
            output.Append(CultureInfo.InvariantCulture, $"- {Location(finding, context)}: {Inline(finding.Message)} (`{finding.Rule.Id}`)\n");
        }

        if (findings.Count > shown)
        {
            output.Append(CultureInfo.InvariantCulture, $"- …and {findings.Count - shown} more.\n");
        }
    }

    private static string Verdict(int defects, Coverage coverage, bool securityRulesRan, string supportedLanguages)
    {
        if (!securityRulesRan && defects == 0)
        {
            return "No security review was run: every security rule is disabled by the configuration.";
        }

        if (defects > 0)
        {
            return defects == 1
                ? "**1 security defect is detected in the code:**"
                : string.Create(CultureInfo.InvariantCulture, $"**{defects} security defects are detected in the code:**");
        }

        var unreviewed = coverage.Skipped.Where(file => file.IsGap).ToList();
        if (coverage.Reviewed.Count == 0)
        {
            var secretsChecked = coverage.TextOnly.Count > 0 ? " (the changed files were only checked for leaked secrets)" : string.Empty;
            return unreviewed.Count == 0
                ? $"No security review of code was run: none of the changed files is in a language the reviewer supports ({supportedLanguages}){secretsChecked}."
                : string.Create(CultureInfo.InvariantCulture, $"No security review was run: {Files(unreviewed.Count)} could not be reviewed ({Reasons(unreviewed)}).");
        }

        if (unreviewed.Count > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No security defects were detected in the reviewed files, but {Files(unreviewed.Count)} could not be reviewed ({Reasons(unreviewed)}), so this is not a complete security review.");
        }

        if (coverage.Problems.Count > 0)
        {
            return "No security defects were detected, but some rules failed to run (see Coverage), so this is not a complete security review.";
        }

        return CleanVerdict;
    }

    /// <summary>Names the languages the engine could review, for verdicts that say what was not reviewed.</summary>
    private static string SupportedLanguages(Coverage coverage) =>
        coverage.ReviewedLanguages.Count == 0 ? "none" : string.Join(", ", coverage.ReviewedLanguages.Select(language => language.DisplayName()));

    private static string GroupLead(Category category, int count) => category switch
    {
        Category.Naming => Count(count, "name breaks", "names break") + " the conventions of the language and of the surrounding code.",
        Category.TypeHints => Count(count, "declaration gives", "declarations give") + " up static typing or null safety.",
        Category.Docs => Count(count, "public type or member", "public types and members") + " that the change added " + (count == 1 ? "has" : "have") + " no documentation.",
        Category.Indentation => Count(count, "block is", "blocks are") + " indented differently from the rest of the file or from `.editorconfig`.",
        Category.Imports => Count(count, "import is", "imports are") + " not used.",
        Category.Comments => Count(count, "comment adds", "comments add") + " nothing for the reader: restated code or dead code.",
        _ => Count(count, "finding", "findings") + ".",
    };

    private static string Overall(int defects, int suggestions, Coverage coverage)
    {
        var unreviewed = coverage.Skipped.Count(file => file.IsGap);
        var caveat = unreviewed > 0
            ? string.Create(CultureInfo.InvariantCulture, $" Note that {Files(unreviewed)} could not be reviewed.")
            : string.Empty;
        if (coverage.Reviewed.Count == 0)
        {
            return "Overall, there was nothing the reviewer could check in this change." + caveat;
        }

        if (defects > 0)
        {
            var rest = suggestions > 0 ? "; the readability suggestions can be addressed alongside." : ".";
            return string.Create(CultureInfo.InvariantCulture, $"Overall, {(defects == 1 ? "the security defect above should" : "the security defects above should")} be fixed before this change is merged{rest}{caveat}");
        }

        if (suggestions > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Overall, I did not detect any security defects{(unreviewed > 0 ? " in the reviewed files" : string.Empty)}; addressing the {Count(suggestions, "suggestion", "suggestions")} above will make the code easier to read and maintain.{caveat}");
        }

        return unreviewed > 0
            ? "Overall, the reviewed files look good." + caveat
            : "Overall, the change looks good: no security defects and nothing to suggest.";
    }

    private static void AppendCoverage(StringBuilder output, ReviewResult result, SummaryContext context)
    {
        var coverage = result.Coverage;
        output.AppendLine("<details>");
        output.Append(CultureInfo.InvariantCulture, $"<summary>Coverage: {Files(coverage.Reviewed.Count)} reviewed, {coverage.Skipped.Count} skipped</summary>\n\n");
        var languages = coverage.Reviewed
            .GroupBy(file => file.Language)
            .OrderBy(group => group.Key)
            .Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key.DisplayName()}: {group.Count()}"));
        output.Append(CultureInfo.InvariantCulture, $"- **Reviewed:** {Files(coverage.Reviewed.Count)}");
        if (coverage.Reviewed.Count > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $" ({string.Join(", ", languages)}), {Count(coverage.AddedLines, "added line", "added lines")}");
        }

        output.AppendLine();
        var diffOnly = coverage.Reviewed.Count(file => !file.WholeFile);
        if (diffOnly > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **From the diff only:** {Files(diffOnly)} (full content not available, so file-wide checks saw only the hunks)\n");
        }

        if (coverage.TextOnly.Count > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **Text checks only** (leaked secrets, conflict markers, indentation): {string.Join(", ", coverage.TextOnly.Take(50).Select(file => $"`{file.Path}`"))}");
            output.AppendLine(coverage.TextOnly.Count > 50 ? string.Create(CultureInfo.InvariantCulture, $", and {coverage.TextOnly.Count - 50} more") : string.Empty);
        }

        if (coverage.Skipped.Count > 0)
        {
            // Every file that should have been reviewed is named; of those the repository chose to leave out, the first fifty.
            var gaps = coverage.Skipped.Where(file => file.IsGap).ToList();
            var chosen = coverage.Skipped.Where(file => !file.IsGap).ToList();
            var named = gaps.Concat(chosen.Take(50)).ToList();
            output.Append(CultureInfo.InvariantCulture, $"- **Skipped:** {string.Join("; ", named.Select(file => $"`{file.Path}` ({file.Reason})"))}");
            output.AppendLine(chosen.Count > 50 ? string.Create(CultureInfo.InvariantCulture, $"; and {chosen.Count - 50} more") : string.Empty);
        }

        if (coverage.BaseMissing.Count > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **Not compared with the base version:** {string.Join(", ", coverage.BaseMissing.Take(50).Select(path => $"`{path}`"))}");
            output.AppendLine(coverage.BaseMissing.Count > 50 ? string.Create(CultureInfo.InvariantCulture, $", and {coverage.BaseMissing.Count - 50} more") : string.Empty);
            output.Append("  (the file before the change was not available, so findings there may include problems the change did not introduce)\n");
        }

        if (coverage.UnchangedFiles > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **No added lines:** {Files(coverage.UnchangedFiles)} (renames or removals only)\n");
        }

        output.Append(CultureInfo.InvariantCulture, $"- **Rules:** {result.Rules.Count} ran\n");
        foreach (var problem in coverage.Problems)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **Problem:** {Inline(problem)}\n");
        }

        if (context.EngineTime is { } time)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **Engine time:** {time.TotalSeconds:0.00} s\n");
        }

        if (result.HeadCommit is { Length: > 0 } commit)
        {
            output.Append(CultureInfo.InvariantCulture, $"- **Commit reviewed:** `{commit}`\n");
        }

        output.AppendLine("</details>");
    }

    private static string Location(Finding finding, SummaryContext context)
    {
        var label = finding.StartLine == finding.EndLine
            ? string.Create(CultureInfo.InvariantCulture, $"{finding.Path}:{finding.StartLine}")
            : string.Create(CultureInfo.InvariantCulture, $"{finding.Path}:{finding.StartLine}-{finding.EndLine}");
        if (context.LinkBase is not { } linkBase)
        {
            return $"`{label}`";
        }

        var anchor = finding.StartLine == finding.EndLine
            ? string.Create(CultureInfo.InvariantCulture, $"#L{finding.StartLine}")
            : string.Create(CultureInfo.InvariantCulture, $"#L{finding.StartLine}-L{finding.EndLine}");
        return $"[`{label}`]({linkBase}{Uri.EscapeDataString(finding.Path).Replace("%2F", "/", StringComparison.Ordinal)}{anchor})";
    }

    /// <summary>Escapes angle brackets outside code spans so GitHub does not read them as HTML.</summary>
    internal static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var inCode = false;
        foreach (var character in text)
        {
            if (character == '`')
            {
                inCode = !inCode;
            }

            builder.Append(!inCode && character == '<' ? "&lt;" : !inCode && character == '>' ? "&gt;" : character.ToString());
        }

        return builder.Replace("\r", string.Empty).Replace("\n", " ").ToString();
    }

    private static string Reasons(IEnumerable<SkippedFile> files) =>
        string.Join("; ", files.Take(5).Select(file => $"`{file.Path}`: {file.Reason}")) + (files.Count() > 5 ? "; …" : string.Empty);

    private static string Files(int count) => Count(count, "file", "files");

    private static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
