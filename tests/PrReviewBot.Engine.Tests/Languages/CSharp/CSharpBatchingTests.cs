using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// Whether a change is analysed in batches depends on its text and on its added lines, which the rules read and bind:
/// a change of little text but many added lines is batched too.
/// </summary>
public sealed class CSharpBatchingTests
{
    /// <summary>A file of 1,000 lines and 12,000 characters.</summary>
    private static readonly string Text = string.Concat(Enumerable.Repeat("class C { }\n", 1_000));

    // Four such files are 48,000 characters: under the threshold by their text alone.
    private static readonly CSharpAnalyzer Analyzer = new() { BatchThreshold = 100_000, BatchChars = 12_000 };

    [Fact]
    public void A_change_with_few_added_lines_stays_in_one_batch()
    {
        // 48,000 characters and 40 added lines: 50,400.
        Assert.Single(Analyzer.Batches(Sources(Added(10))));
    }

    [Fact]
    public void A_change_whose_added_lines_carry_it_over_the_threshold_is_analysed_in_batches()
    {
        // 48,000 characters and 4,000 added lines: 288,000.
        Assert.Equal(4, Analyzer.Batches(Sources(Added(1_000))).Count);
    }

    [Fact]
    public void Files_read_whole_weigh_their_text_alone()
    {
        // Reviewed by path, every line counts as changed, yet the four files weigh their 48,000 characters alone.
        Assert.Single(Analyzer.Batches(Sources(ChangedLines.All)));
        Assert.Equal(4, new CSharpAnalyzer { BatchThreshold = 47_000, BatchChars = 12_000 }.Batches(Sources(ChangedLines.All)).Count);
    }

    [Fact]
    public void A_change_is_large_exactly_when_it_would_be_batched()
    {
        Assert.False(Analyzer.IsLarge(Sources(Added(10)).Select(source => (source.Text, source.ChangedLines))));
        Assert.True(Analyzer.IsLarge(Sources(Added(1_000)).Select(source => (source.Text, source.ChangedLines))));
    }

    [Fact]
    public void Text_that_fits_one_batch_stays_together_whatever_it_weighs()
    {
        // 48,000 characters and 4,000 added lines weigh far over the threshold, but a batch holds all of their text.
        Assert.Single(new CSharpAnalyzer { BatchThreshold = 100_000, BatchChars = 48_000 }.Batches(Sources(Added(1_000))));
    }

    [Fact]
    public void Added_lines_inside_a_string_literal_are_not_counted_as_code()
    {
        const string text = """"
            class QueryTests
            {
                void Where() => AssertSql(
            """
            SELECT [b].[Id]
            FROM [Blogs] AS [b]
            """);
            }
            """";
        var source = new CSharpSource("test/QueryTests.cs", text, ChangedCodeScope.Added(text, 3, 4, 5, 6, 7), HasFullContent: true, EditorConfigSettings.None);

        // The call, the opening quotes and the closing line are code; the SQL between them is not.
        Assert.Equal(3, CSharpAnalyzer.AddedCodeLines(source));
        Assert.Equal(0, CSharpAnalyzer.AddedCodeLines(source with { ChangedLines = ChangedLines.All }));
    }

    private static List<CSharpSource> Sources(ChangedLines lines) =>
        [.. Enumerable.Range(0, 4).Select(index => new CSharpSource($"src/File{index}.cs", Text, lines, HasFullContent: true, EditorConfigSettings.None))];

    /// <summary>The first <paramref name="count"/> lines, added by one hunk.</summary>
    private static ChangedLines Added(int count) =>
        ChangedLines.FromHunks([new Hunk(0, 0, 1, count, string.Empty, [.. Enumerable.Range(1, count).Select(line => new DiffLine(DiffLineKind.Added, "class C { }", null, line))])]);
}
