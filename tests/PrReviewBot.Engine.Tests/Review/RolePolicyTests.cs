using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
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
}
