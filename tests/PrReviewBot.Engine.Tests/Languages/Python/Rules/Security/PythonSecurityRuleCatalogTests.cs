using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class PythonSecurityRuleCatalogTests
{
    private static readonly PythonRule[] SecurityRules =
        [.. PythonAnalyzer.AllRules.Where(rule => string.Equals(rule.GetType().Namespace, typeof(CodeInjectionRule).Namespace, StringComparison.Ordinal))];

    [Fact]
    public void Security_rules_are_discovered_namespaced_and_explained()
    {
        Assert.Equal(13, SecurityRules.Length);
        var descriptors = SecurityRules.Select(rule => rule.Descriptor).ToList();
        Assert.All(descriptors, descriptor => Assert.Matches("^py/[a-z0-9]+(-[a-z0-9]+)*$", descriptor.Id));
        Assert.All(descriptors, descriptor => Assert.Equal(Category.Security, descriptor.Category));
        Assert.All(descriptors, descriptor => Assert.EndsWith(".", descriptor.Why, StringComparison.Ordinal));
        Assert.All(descriptors, descriptor => Assert.EndsWith(".", descriptor.Fix, StringComparison.Ordinal));
        Assert.Equal(descriptors.Count, descriptors.Select(descriptor => descriptor.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_security_rule_has_a_test_class()
    {
        var testClasses = typeof(PythonSecurityRuleCatalogTests).Assembly.GetTypes().Select(type => type.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(SecurityRules, rule => Assert.Contains(rule.GetType().Name + "Tests", testClasses));
    }

    [Theory]
    [InlineData("")]
    [InlineData("eval(")]
    [InlineData("os.spawnl(0, \"sh\", [")]
    [InlineData("subprocess.run(f\"ls {x\", shell=True")]
    [InlineData("cursor.execute(\"SELECT '\" + \n")]
    [InlineData("password = '''unterminated\n")]
    [InlineData("x = {\"token\": \n")]
    [InlineData("import\nfrom . import\nyaml.load(,,)\n")]
    [InlineData("def f(password=\n    'abc'\nrandom.choice(\n")]
    [InlineData("\t\tif True:\n  DEBUG = True\n))]]}}\n")]
    public void Malformed_source_never_breaks_a_rule(string source)
    {
        var problems = new List<string>();
        new PythonAnalyzer(SecurityRules).Analyze([new PythonSourceFile("pkg/settings.py", source, ChangedLines.All, true)], ReviewOptions.Default, problems);

        Assert.Empty(problems);
    }
}
