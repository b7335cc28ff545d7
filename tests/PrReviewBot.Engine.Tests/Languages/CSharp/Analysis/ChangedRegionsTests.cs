using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Analysis;

public sealed class ChangedRegionsTests
{
    private const string Source = """
        using System;

        namespace Shop;

        public sealed class Untouched
        {
            private const string UntouchedField = "a";

            public void UntouchedMethod() => Console.WriteLine(UntouchedField);
        }

        [Serializable]
        public sealed class Cart : Basket
        {
            private readonly string field = "b";

            public string Initialized { get; } = "c";

            public string Plain { get; set; }

            public void OldMethod()
            {
                Console.WriteLine("old");
            }

            public void NewMethod()
            {
                Console.WriteLine("new");
            }
        }
        """;

    [Fact]
    public void Cover_the_changed_member_its_type_head_and_the_type_scoped_members()
    {
        var text = string.Concat(Regions(Source, Added(Source, "Console.WriteLine(\"new\");")));

        Assert.Contains("Console.WriteLine(\"new\");", text, StringComparison.Ordinal);
        Assert.Contains("[Serializable]", text, StringComparison.Ordinal);
        Assert.Contains("public sealed class Cart : Basket", text, StringComparison.Ordinal);
        Assert.Contains("namespace Shop;", text, StringComparison.Ordinal);
        Assert.Contains("private readonly string field = \"b\";", text, StringComparison.Ordinal);
        Assert.Contains("public string Initialized { get; } = \"c\";", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leave_out_members_and_types_the_change_did_not_touch()
    {
        var text = string.Concat(Regions(Source, Added(Source, "Console.WriteLine(\"new\");")));

        Assert.DoesNotContain("Console.WriteLine(\"old\");", text, StringComparison.Ordinal);
        Assert.DoesNotContain("public string Plain", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Untouched", text, StringComparison.Ordinal);
        Assert.DoesNotContain("using System;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Are_the_whole_file_when_every_line_counts_or_the_review_reads_whole_files()
    {
        var changed = Added(Source, "Console.WriteLine(\"new\");");

        Assert.Equal(Source, string.Concat(Regions(Source, ChangedLines.All)));
        Assert.Equal(Source, string.Concat(Regions(Source, changed, AnalysisScope.WholeFiles)));
    }

    [Fact]
    public void Are_in_order_and_apart()
    {
        var spans = Probe(Source, Added(Source, "Console.WriteLine(\"new\");"), AnalysisScope.ChangedCode).Spans;

        Assert.All(spans.Zip(spans.Skip(1)), pair => Assert.True(pair.First.End < pair.Second.Start));
    }

    private static IEnumerable<string> Regions(string source, ChangedLines changed, AnalysisScope scope = AnalysisScope.ChangedCode) =>
        Probe(source, changed, scope).Spans.Select(span => source.Substring(span.Start, span.Length));

    private static ChangedRegions Probe(string source, ChangedLines changed, AnalysisScope scope)
    {
        var probe = new RegionProbe();
        var problems = new List<string>();
        new CSharpAnalyzer([probe]).Analyze(
            [new CSharpSource("src/Cart.cs", source, changed, HasFullContent: true, EditorConfigSettings.None)],
            ReviewOptions.Default with { Scope = scope },
            problems);
        Assert.Empty(problems);
        return probe.Regions!;
    }

    /// <summary>A change that added only the line holding <paramref name="text"/>.</summary>
    private static ChangedLines Added(string source, string text)
    {
        var lines = source.Split('\n');
        var added = Array.FindIndex(lines, line => line.Contains(text, StringComparison.Ordinal)) + 1;
        var diffLines = Enumerable.Range(1, lines.Length)
            .Select(line => line == added
                ? new DiffLine(DiffLineKind.Added, string.Empty, null, line)
                : new DiffLine(DiffLineKind.Context, string.Empty, line, line))
            .ToList();
        return ChangedLines.FromHunks([new Hunk(1, lines.Length - 1, 1, lines.Length, string.Empty, diffLines)]);
    }

    /// <summary>Reads the regions a rule would search; reports nothing.</summary>
    private sealed class RegionProbe : CSharpRule
    {
        private static readonly RuleDescriptor Rule = new("test/region-probe", "Region probe", Category.Security, Severity.Note, "Test only.", "Test only.");

        public ChangedRegions? Regions { get; private set; }

        public override RuleDescriptor Descriptor => Rule;

        public override void Analyze(CSharpRuleContext context) => Regions = ChangedRegions.Of(context);
    }
}
