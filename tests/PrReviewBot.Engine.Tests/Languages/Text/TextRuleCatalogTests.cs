using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.Text;

public sealed class TextRuleCatalogTests
{
    [Fact]
    public void Rule_ids_are_unique_and_namespaced()
    {
        var ids = TextAnalyzer.AllRules.Select(rule => rule.Descriptor.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^text/[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public void Every_rule_explains_why_and_how_to_fix()
    {
        Assert.All(TextAnalyzer.AllRules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Descriptor.Title), rule.Descriptor.Id);
            Assert.EndsWith(".", rule.Descriptor.Why, StringComparison.Ordinal);
            Assert.EndsWith(".", rule.Descriptor.Fix, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_rule_has_a_test_class_in_the_matching_namespace()
    {
        var testClasses = typeof(TextRuleCatalogTests).Assembly.GetTypes().Select(type => type.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.All(TextAnalyzer.AllRules, rule =>
            Assert.Contains(rule.GetType().FullName!.Replace("PrReviewBot.Engine.", "PrReviewBot.Engine.Tests.", StringComparison.Ordinal) + "Tests", testClasses));
    }
}
