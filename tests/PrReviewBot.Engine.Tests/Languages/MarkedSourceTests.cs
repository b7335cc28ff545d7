using PrReviewBot.Engine.Findings;
using Xunit.Sdk;

namespace PrReviewBot.Engine.Tests.Languages;

/// <summary>The rule verifiers must be able to fail: on where a finding ends, on how many there are, and on whose they are.</summary>
public sealed class MarkedSourceTests
{
    private static readonly RuleDescriptor Rule = new("test/rule", "Rule", Category.Comments, Severity.Note, "It is a test.", "Nothing to fix.");

    private static readonly RuleDescriptor OtherRule = Rule with { Id = "test/other" };

    private static readonly MarkedSource Marked = MarkedSource.Parse("a\n[|b\nc|]\n[|[|d|]|]\n");

    [Fact]
    public void Each_marker_is_one_finding_from_its_opening_line_to_its_closing_line()
    {
        Assert.Equal("a\nb\nc\nd\n", Marked.Source);
        Assert.Equal([new MarkedSpan(2, 3), new MarkedSpan(4, 4), new MarkedSpan(4, 4)], Marked.Spans);
    }

    [Fact]
    public void Findings_matching_every_marker_pass()
    {
        Marked.AssertFound([Finding(Rule, 4, 4), Finding(Rule, 2, 3), Finding(Rule, 4, 4)], Rule.Id);
    }

    [Fact]
    public void A_finding_that_ends_elsewhere_fails()
    {
        Assert.ThrowsAny<XunitException>(() => Marked.AssertFound([Finding(Rule, 2, 2), Finding(Rule, 4, 4), Finding(Rule, 4, 4)], Rule.Id));
    }

    [Fact]
    public void One_finding_where_two_are_marked_fails()
    {
        Assert.ThrowsAny<XunitException>(() => Marked.AssertFound([Finding(Rule, 2, 3), Finding(Rule, 4, 4)], Rule.Id));
    }

    [Fact]
    public void A_finding_of_another_rule_fails()
    {
        Assert.ThrowsAny<XunitException>(() => Marked.AssertFound([Finding(Rule, 2, 3), Finding(OtherRule, 4, 4), Finding(Rule, 4, 4)], Rule.Id));
    }

    [Fact]
    public void An_unclosed_marker_is_a_broken_test()
    {
        Assert.ThrowsAny<XunitException>(() => MarkedSource.Parse("[|a\n"));
    }

    private static RawFinding Finding(RuleDescriptor rule, int start, int end) => new(rule, "a.txt", start, end, "found", null);
}
