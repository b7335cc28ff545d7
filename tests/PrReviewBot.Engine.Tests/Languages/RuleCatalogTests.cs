using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.Python;
using PrReviewBot.Engine.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages;

/// <summary>What every rule of every language must be: findable, namespaced, explained and tested.</summary>
public sealed class RuleCatalogTests
{
    /// <summary>Each rule with the id prefix its language owns.</summary>
    private static readonly (string Prefix, Type Type, RuleDescriptor Descriptor)[] AllRules =
    [
        .. CSharpAnalyzer.AllRules.Select(rule => ("cs", rule.GetType(), rule.Descriptor)),
        .. PythonAnalyzer.AllRules.Select(rule => ("py", rule.GetType(), rule.Descriptor)),
        .. TextAnalyzer.AllRules.Select(rule => ("text", rule.GetType(), rule.Descriptor)),
    ];

    [Fact]
    public void Rule_ids_are_unique_and_namespaced_by_language()
    {
        var ids = AllRules.Select(rule => rule.Descriptor.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(AllRules, rule => Assert.Matches($"^{rule.Prefix}/[a-z0-9]+(-[a-z0-9]+)*$", rule.Descriptor.Id));
    }

    [Fact]
    public void Every_rule_explains_why_and_how_to_fix()
    {
        Assert.All(AllRules, rule =>
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
    public void Every_rule_has_a_test_class_in_the_matching_namespace()
    {
        // Full names, so that rules of the same simple name in two languages cannot pass on each other's tests.
        var testClasses = typeof(RuleCatalogTests).Assembly.GetTypes().Select(type => type.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.All(AllRules, rule =>
            Assert.Contains(rule.Type.FullName!.Replace("PrReviewBot.Engine.", "PrReviewBot.Engine.Tests.", StringComparison.Ordinal) + "Tests", testClasses));
    }

    [Fact]
    public void Readme_lists_every_rule()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.All(AllRules, rule => Assert.Contains($"`{rule.Descriptor.Id}`", readme, StringComparison.Ordinal));
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
