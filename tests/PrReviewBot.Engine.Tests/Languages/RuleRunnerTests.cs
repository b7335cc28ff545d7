using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages;

namespace PrReviewBot.Engine.Tests.Languages;

public sealed class RuleRunnerTests
{
    private static readonly string[] Paths = ["a.txt", "broken.txt", "c.txt"];

    [Fact]
    public void A_file_whose_context_cannot_be_built_becomes_a_problem_and_the_other_files_are_still_analysed()
    {
        var problems = new List<string>();

        var findings = RuleRunner.Run<FileUnderTest>(
            Paths.Length,
            _ => 1,
            [new ReportingRule()],
            index => Paths[index],
            (index, sink) => Paths[index] == "broken.txt" ? throw new InvalidOperationException("the parser gave up") : new FileUnderTest(Paths[index], sink),
            problems,
            CancellationToken.None);

        Assert.Equal(["a.txt", "c.txt"], findings.Select(finding => finding.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["reading broken.txt failed: InvalidOperationException; no rule ran on it"], problems);
    }

    [Fact]
    public void Cancellation_while_building_a_context_is_not_swallowed_as_a_problem()
    {
        var problems = new List<string>();

        var error = Record.Exception(() => RuleRunner.Run<FileUnderTest>(
            1,
            _ => 1,
            [new ReportingRule()],
            _ => "a.txt",
            (_, _) => throw new OperationCanceledException(),
            problems,
            CancellationToken.None));

        var inner = error is AggregateException aggregate ? Assert.Single(aggregate.InnerExceptions) : error;
        Assert.IsType<OperationCanceledException>(inner);
        Assert.Empty(problems);
    }

    private sealed record FileUnderTest(string Path, List<RawFinding> Sink);

    private sealed class ReportingRule : Rule<FileUnderTest>
    {
        public override RuleDescriptor Descriptor { get; } =
            new("test/reports", "Reports", Category.Comments, Severity.Note, "It is a test.", "Nothing to fix.");

        public override void Analyze(FileUnderTest context) =>
            context.Sink.Add(new RawFinding(Descriptor, context.Path, 1, 1, "found", null));
    }
}
