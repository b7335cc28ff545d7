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
            _ => null,
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
            _ => null,
            (_, _) => throw new OperationCanceledException(),
            problems,
            CancellationToken.None));

        var inner = error is AggregateException aggregate ? Assert.Single(aggregate.InnerExceptions) : error;
        Assert.IsType<OperationCanceledException>(inner);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_rule_whose_findings_the_files_role_would_drop_is_not_run_on_it()
    {
        var security = new CountingRule(new RuleDescriptor("test/injection", "Injection", Category.Security, Severity.Error, "It is a test.", "Nothing to fix."));
        var naming = new CountingRule(new RuleDescriptor("test/naming", "Naming", Category.Naming, Severity.Note, "It is a test.", "Nothing to fix."));
        CodeRole[] roles = [CodeRole.Product, CodeRole.Test, CodeRole.Migration];

        var findings = RuleRunner.Run<FileOfRole>(
            roles.Length,
            _ => 1,
            [security, naming],
            index => $"{roles[index]}.cs",
            _ => null,
            (index, sink) => new FileOfRole($"{roles[index]}.cs", roles[index], sink),
            [],
            CancellationToken.None);

        Assert.Equal(["Migration.cs", "Product.cs"], security.Files.Order(StringComparer.Ordinal));
        Assert.Equal(["Product.cs", "Test.cs"], naming.Files.Order(StringComparer.Ordinal));
        Assert.Equal(4, findings.Count);
    }

    [Fact]
    public void A_file_is_read_only_with_the_rules_it_is_to_be_read_with()
    {
        var first = new CountingRule(new RuleDescriptor("test/first", "First", Category.Naming, Severity.Note, "It is a test.", "Nothing to fix."));
        var second = new CountingRule(new RuleDescriptor("test/second", "Second", Category.Naming, Severity.Note, "It is a test.", "Nothing to fix."));
        IReadOnlySet<string>?[] only = [null, new HashSet<string> { "test/second" }, new HashSet<string>()];

        var findings = RuleRunner.Run<FileOfRole>(
            only.Length,
            _ => 1,
            [first, second],
            index => $"{index}.cs",
            index => only[index],
            (index, sink) => new FileOfRole($"{index}.cs", CodeRole.Product, sink),
            [],
            CancellationToken.None);

        Assert.Equal(["0.cs"], first.Files);
        Assert.Equal(["0.cs", "1.cs"], second.Files.Order(StringComparer.Ordinal));
        Assert.Equal(3, findings.Count);
    }

    private sealed record FileUnderTest(string Path, List<RawFinding> Sink);

    private sealed record FileOfRole(string Path, CodeRole Role, List<RawFinding> Sink) : IFileOfRole
    {
        public string WholeText => "class C { }";
    }

    private sealed class CountingRule(RuleDescriptor descriptor) : Rule<FileOfRole>
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Files { get; } = [];

        public override RuleDescriptor Descriptor { get; } = descriptor;

        public override void Analyze(FileOfRole context)
        {
            Files.Add(context.Path);
            context.Sink.Add(new RawFinding(Descriptor, context.Path, 1, 1, "found", null));
        }
    }

    private sealed class ReportingRule : Rule<FileUnderTest>
    {
        public override RuleDescriptor Descriptor { get; } =
            new("test/reports", "Reports", Category.Comments, Severity.Note, "It is a test.", "Nothing to fix.");

        public override void Analyze(FileUnderTest context) =>
            context.Sink.Add(new RawFinding(Descriptor, context.Path, 1, 1, "found", null));
    }
}
