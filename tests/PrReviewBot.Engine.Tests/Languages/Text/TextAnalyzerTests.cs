using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Text;
using PrReviewBot.Engine.Languages.Text.Rules.Comments;

namespace PrReviewBot.Engine.Tests.Languages.Text;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void A_throwing_rule_becomes_a_problem_and_other_rules_still_report()
    {
        var problems = new List<string>();
        var analyzer = new TextAnalyzer([new ThrowingRule(), new MergeConflictMarkerRule()]);

        var findings = analyzer.Analyze(
            [new TextSource("docs/notes.txt", "<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n", ChangedLines.All)],
            ReviewOptions.Default,
            problems);

        Assert.Equal(["text/test-throws failed on docs/notes.txt: InvalidOperationException"], problems);
        Assert.Single(findings);
    }

    [Fact]
    public void Disabled_rules_do_not_run()
    {
        var problems = new List<string>();
        var options = ReviewOptions.Default with { DisabledRules = new HashSet<string>(StringComparer.Ordinal) { "text/test-throws" } };

        var findings = new TextAnalyzer([new ThrowingRule()]).Analyze([new TextSource("a.txt", "text\n", ChangedLines.All)], options, problems);

        Assert.Empty(findings);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_file_is_analysed()
    {
        var sources = Enumerable.Range(0, 20)
            .Select(index => new TextSource($"file{index}.txt", "<<<<<<< HEAD\n", ChangedLines.All))
            .ToArray();

        var findings = new TextAnalyzer([new MergeConflictMarkerRule()]).Analyze(sources, ReviewOptions.Default, new List<string>());

        Assert.Equal(sources.Select(source => source.Path).Order(StringComparer.Ordinal), findings.Select(finding => finding.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_sources_give_no_findings()
    {
        Assert.Empty(new TextAnalyzer().Analyze([], ReviewOptions.Default, new List<string>()));
    }

    [Fact]
    public void Discovers_every_text_rule_in_the_engine()
    {
        var ids = TextAnalyzer.AllRules.Select(rule => rule.Descriptor.Id).ToArray();

        Assert.Contains("text/leaked-secret", ids);
        Assert.Contains("text/merge-conflict-marker", ids);
        Assert.Contains("text/mixed-indentation", ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Scans_five_megabyte_files_with_every_rule()
    {
        var builder = new System.Text.StringBuilder();
        var index = 0;
        while (builder.Length < 5 * 1024 * 1024)
        {
            builder.Append("  token_").Append(index).Append(": ghp_short-").Append(index % 97).Append(" password = passwd_").Append(index).Append(" AKIA ======= <<<<<<<x\n");
            builder.Append(index % 7 == 0 ? "\tpassword:" : "    secret=").Append('a', index % 300).Append('\n');
            index++;
        }

        var oneLine = string.Concat(Enumerable.Repeat("\"token\":\"a=a=a:a=a:ghp_", 5 * 1024 * 1024 / 25));
        var adversarial = string.Concat(Enumerable.Repeat(string.Concat(Enumerable.Repeat("pass=a:", 1400)) + "\n", 5 * 1024 * 1024 / 9800));

        var problems = new List<string>();
        var findings = new TextAnalyzer().Analyze(
            [
                new TextSource("data/big.yml", builder.ToString(), ChangedLines.All),
                new TextSource("data/one-line.json", oneLine, ChangedLines.All),
                new TextSource("data/assignments.txt", adversarial, ChangedLines.All),
            ],
            ReviewOptions.Default,
            problems);

        Assert.Empty(problems);
        Assert.NotEmpty(findings);
    }

    private sealed class ThrowingRule : TextRule
    {
        public override RuleDescriptor Descriptor { get; } =
            new("text/test-throws", "Throws", Category.Comments, Severity.Note, "It is a test.", "Nothing to fix.");

        public override void Analyze(TextRuleContext context) => throw new InvalidOperationException("boom");
    }
}
