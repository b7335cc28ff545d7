using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Review;
using PrReviewBot.Engine.Tests.Languages.Text;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class RolePolicyTests
{
    private static readonly ReviewEngine Engine = new();

    private static readonly string GitHubToken = "ghp_" + FakeSecrets.Base62(36, seed: 7);

    private const string Undocumented = """
        def handle(request, payload):
            return payload
        """;

    [Fact]
    public void Tests_are_not_asked_for_docs_or_type_hints()
    {
        var options = new ReviewOptions { Docs = DocsMode.Always, PythonTypeHints = TypeHintsMode.All };

        var product = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("app/handlers.py", Undocumented)]), options);
        var test = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("tests/test_handlers.py", Undocumented)]), options);

        Assert.Contains(product.Findings, finding => finding.Category is Category.Docs or Category.TypeHints);
        Assert.DoesNotContain(test.Findings, finding => finding.Category is Category.Docs or Category.TypeHints);
    }

    [Fact]
    public void A_fake_credential_in_a_test_is_not_a_leak()
    {
        var source = "API_PASSWORD = \"Zq8vLr2pXw7kTn4m\"\n";

        var product = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("app/settings.py", source)]));
        var test = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("tests/test_settings.py", source)]));

        Assert.Contains(product.Findings, finding => finding.Category == Category.Security);
        Assert.DoesNotContain(test.Findings, finding => finding.Category == Category.Security);
    }

    [Fact]
    public void A_live_credential_format_in_a_test_is_a_warning()
    {
        var source = $"GITHUB_TOKEN = \"{GitHubToken}\"\n";

        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("tests/test_client.py", source)]));

        var finding = Assert.Single(result.Findings, finding => finding.Category == Category.Security);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.False(result.Fails(Severity.Error));
    }

    [Fact]
    public void Migrations_get_only_security_rules()
    {
        var source = "from django.db import migrations\nimport os\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n";

        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("shop/migrations/0002_auto.py", source)]), new ReviewOptions { Docs = DocsMode.Always });

        Assert.DoesNotContain(result.Findings, finding => finding.Category != Category.Security);
    }

    [Fact]
    public void A_rule_is_skipped_on_a_role_only_where_every_finding_of_it_would_be_dropped()
    {
        string[] texts = ["x = 1\n", $"token = \"{GitHubToken}\"\n", "api_key = \"SK-not-a-key\"\n"];
        foreach (var rule in Engine.Rules)
        {
            foreach (var role in Enum.GetValues<CodeRole>())
            {
                foreach (var text in texts)
                {
                    var finding = new RawFinding(rule, "file", 1, 1, "found", null);
                    if (!RolePolicy.MayKeep(rule, role, () => text))
                    {
                        Assert.Null(RolePolicy.Apply(finding, role, _ => text));
                    }
                }
            }
        }
    }

    [Fact]
    public void Tests_run_only_the_rules_whose_findings_they_can_keep()
    {
        var rules = Engine.Rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);
        const string Plain = "class C { }";
        var withToken = $"class C {{ const string Token = \"{GitHubToken}\"; }}";

        Assert.All(Engine.Rules, rule => Assert.True(RolePolicy.MayKeep(rule, CodeRole.Product, () => Plain)));
        Assert.False(RolePolicy.MayKeep(rules["cs/sql-injection"], CodeRole.Test, () => withToken));
        Assert.False(RolePolicy.MayKeep(rules["cs/null-to-non-nullable"], CodeRole.Test, () => Plain));
        Assert.False(RolePolicy.MayKeep(rules["cs/missing-xml-docs"], CodeRole.Example, () => Plain));
        Assert.True(RolePolicy.MayKeep(rules["cs/naming-convention"], CodeRole.Test, () => Plain));
        Assert.False(RolePolicy.MayKeep(rules["cs/hardcoded-secret"], CodeRole.Test, () => Plain));
        Assert.True(RolePolicy.MayKeep(rules["cs/hardcoded-secret"], CodeRole.Fixture, () => withToken));
        Assert.True(RolePolicy.MayKeep(rules["cs/sql-injection"], CodeRole.Migration, () => Plain));
        Assert.False(RolePolicy.MayKeep(rules["cs/naming-convention"], CodeRole.Migration, () => Plain));
    }
}
