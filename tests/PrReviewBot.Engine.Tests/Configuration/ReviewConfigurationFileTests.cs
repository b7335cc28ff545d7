using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;

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
            """,
            "prreviewbot.yml");

        Assert.Equal(Severity.Warning, options.FailOn);
        Assert.Equal(DocsMode.Always, options.Docs);
        Assert.Equal(TypeHintsMode.All, options.PythonTypeHints);
        Assert.True(options.DisabledRules.SetEquals(["cs/naming-convention", "cs/unused-using"]));
        Assert.Equal(["**/Migrations/**"], options.Exclude);
        Assert.Equal(64 * 1024, options.MaxFileBytes);
        Assert.Equal(3, options.MaxExamplesPerGroup);
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
}
