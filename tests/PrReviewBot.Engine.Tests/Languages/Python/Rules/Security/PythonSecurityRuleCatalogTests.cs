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

    /// <summary>Ids, explanations and test classes are checked for every rule in <c>RuleCatalogTests</c>.</summary>
    [Fact]
    public void All_security_rules_are_discovered_in_the_security_category()
    {
        Assert.Equal(40, SecurityRules.Length);
        Assert.All(SecurityRules, rule => Assert.Equal(Category.Security, rule.Descriptor.Category));
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
