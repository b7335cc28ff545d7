using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Configuration;

public sealed class ReviewConfigurationFileTests
{
    [Fact]
    public void Reads_every_setting()
    {
        var options = ReviewConfigurationFile.Parse(
            """
            fail_on: warning
            docs: always
            python_type_hints: all
            disabled_rules: [cs/naming-convention, cs/unused-using]
            exclude:
              - "**/Migrations/**"
            max_file_size_kb: 64
            max_examples_per_group: 3
            max_inline_comments: 0
            """,
            "prreviewbot.yml");

        Assert.Equal(Severity.Warning, options.FailOn);
        Assert.Equal(DocsMode.Always, options.Docs);
        Assert.Equal(TypeHintsMode.All, options.PythonTypeHints);
        Assert.True(options.DisabledRules.SetEquals(["cs/naming-convention", "cs/unused-using"]));
        Assert.Equal(["**/Migrations/**"], options.Exclude);
        Assert.Equal(64 * 1024, options.MaxFileBytes);
        Assert.Equal(3, options.MaxExamplesPerGroup);
        Assert.Equal(0, options.MaxInlineComments);
    }

    [Fact]
    public void Inline_comments_are_capped_at_twenty_unless_configured()
    {
        Assert.Equal(20, ReviewOptions.Default.MaxInlineComments);
        var error = Assert.Throws<ConfigurationException>(() => ReviewConfigurationFile.Parse("fail_on: error\nmax_inline_comments: -1\n", "x.yml"));
        Assert.Equal("x.yml:2: max_inline_comments must be a whole number (0 or more), not '-1'", error.Message);
    }

    [Fact]
    public void Empty_file_keeps_defaults()
    {
        Assert.Equal(ReviewOptions.Default, ReviewConfigurationFile.Parse("# nothing\n", "x.yml"));
    }

    [Fact]
    public void Fail_on_none_never_fails()
    {
        Assert.Null(ReviewConfigurationFile.Parse("fail_on: none", "x.yml").FailOn);
    }

    [Theory]
    [InlineData("fail_on: sometimes", "x.yml:1: fail_on must be error, warning, note or none, not 'sometimes'")]
    [InlineData("docs: yes please", "x.yml:1: docs must be auto, always or off")]
    [InlineData("max_file_size_kb: -3", "x.yml:1: max_file_size_kb must be a positive whole number")]
    [InlineData("\nfail_onn: error", "x.yml:2: unknown setting 'fail_onn'")]
    [InlineData("fail_on: [error", "x.yml:2: invalid YAML")]
    [InlineData("- a\n- b", "x.yml:1: expected a mapping")]
    public void Broken_configuration_is_a_clear_error_naming_the_line(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => ReviewConfigurationFile.Parse(yaml, "x.yml"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disabled_rules: [cs/naming-convention, cs/naming-conventon]", "x.yml:1: disabled_rules names an unknown rule id 'cs/naming-conventon'; did you mean 'cs/naming-convention'?")]
    [InlineData("disabled_rules:\n  - py/unused-import\n  - py/unused-imports\n", "x.yml:3: disabled_rules names an unknown rule id 'py/unused-imports'; did you mean 'py/unused-import'?")]
    [InlineData("disabled_rules: naming-convention", "x.yml:1: disabled_rules names an unknown rule id 'naming-convention'; did you mean 'cs/naming-convention' or 'py/naming-convention'?")]
    [InlineData("disabled_rules: [py/unused-using]", "x.yml:1: disabled_rules names an unknown rule id 'py/unused-using'; did you mean 'cs/unused-using'?")]
    [InlineData("\ndisabled_rules: [no-such-thing]", "x.yml:2: disabled_rules names an unknown rule id 'no-such-thing' (README.md lists the rules)")]
    public void Unknown_rule_ids_in_disabled_rules_are_an_error_naming_the_line_and_the_likely_id(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => ReviewConfigurationFile.Parse(yaml, "x.yml"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Every_rule_the_engine_runs_may_be_disabled()
    {
        var ids = new ReviewEngine().Rules.Select(rule => rule.Id).ToArray();

        var options = ReviewConfigurationFile.Parse($"disabled_rules: [{string.Join(", ", ids)}]", "x.yml");

        Assert.True(options.DisabledRules.SetEquals(ids));
    }

    [Fact]
    public void An_empty_disabled_rules_list_disables_nothing()
    {
        Assert.Empty(ReviewConfigurationFile.Parse("disabled_rules:\n", "x.yml").DisabledRules);
        Assert.Empty(ReviewConfigurationFile.Parse("disabled_rules: []\n", "x.yml").DisabledRules);
    }
}
