using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

public sealed class RuleCatalogTests
{
    [Fact]
    public void Rule_ids_are_unique_and_namespaced()
    {
        var ids = CSharpAnalyzer.AllRules.Select(rule => rule.Descriptor.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^cs/[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public void Every_rule_explains_why_and_how_to_fix()
    {
        Assert.All(CSharpAnalyzer.AllRules, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Descriptor.Title), rule.Descriptor.Id);
            Assert.EndsWith(".", rule.Descriptor.Why, StringComparison.Ordinal);
            Assert.EndsWith(".", rule.Descriptor.Fix, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_category_of_the_review_has_a_csharp_rule()
    {
        var categories = CSharpAnalyzer.AllRules.Select(rule => rule.Descriptor.Category).ToHashSet();

        Assert.All(Enum.GetValues<Category>(), category => Assert.Contains(category, categories));
    }

    [Fact]
    public void Every_rule_has_a_test_class()
    {
        var testClasses = typeof(RuleCatalogTests).Assembly.GetTypes().Select(type => type.Name).ToHashSet(StringComparer.Ordinal);
        var rules = CSharpAnalyzer.AllRules.Select(rule => rule.GetType())
            .Concat(PythonAnalyzer.AllRules.Select(rule => rule.GetType()))
            .Concat(TextAnalyzer.AllRules.Select(rule => rule.GetType()));

        Assert.All(rules, rule => Assert.Contains(rule.Name + "Tests", testClasses));
    }

    [Fact]
    public void Python_and_text_rule_ids_are_unique_namespaced_and_explained()
    {
        var descriptors = PythonAnalyzer.AllRules.Select(rule => rule.Descriptor).Concat(TextAnalyzer.AllRules.Select(rule => rule.Descriptor)).ToList();

        Assert.All(descriptors, descriptor => Assert.Matches("^(py|text)/[a-z0-9]+(-[a-z0-9]+)*$", descriptor.Id));
        Assert.Equal(descriptors.Count, descriptors.Select(descriptor => descriptor.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(descriptors, descriptor => Assert.EndsWith(".", descriptor.Fix, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_lists_every_rule()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var ids = CSharpAnalyzer.AllRules.Select(rule => rule.Descriptor.Id)
            .Concat(PythonAnalyzer.AllRules.Select(rule => rule.Descriptor.Id))
            .Concat(TextAnalyzer.AllRules.Select(rule => rule.Descriptor.Id));

        Assert.All(ids, id => Assert.Contains($"`{id}`", readme, StringComparison.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PrReviewBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PrReviewBot.sln not found above " + AppContext.BaseDirectory);
    }
}
