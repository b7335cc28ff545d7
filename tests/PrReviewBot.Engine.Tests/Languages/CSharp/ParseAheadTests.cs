using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// Trees parsed while the input is still being read stand in for the review's own parse: only for the very text offered,
/// once, and the review finds the same whether it had them or not, in one compilation or in batches.
/// </summary>
public sealed class ParseAheadTests
{
    private static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "SecurityCorpus");

    [Fact]
    public void A_tree_is_handed_over_once_and_only_for_the_text_that_was_offered()
    {
        const string Text = "class C { void M() { } }\n";
        using var ahead = new ParseAhead();

        ahead.Run([("src/C.cs", Text), ("src/notes.md", "# Notes\n"), ("src/Gone.cs", null), ("src/script.py", "x = 1\n")]);
        ahead.Finish();

        // Another string with the same characters is another text (a base version, say): it gets no tree from here.
        Assert.Null(ahead.Take("src/C.cs", new string(Text.AsSpan())));
        using var again = new ParseAhead();
        again.Run([("src/C.cs", Text)]);
        var tree = again.Take("src/C.cs", Text);
        Assert.NotNull(tree);
        Assert.Equal("src/C.cs", tree.FilePath);
        Assert.Equal(Text, tree.ToString());
        Assert.Null(again.Take("src/C.cs", Text));
        Assert.Null(ahead.Take("src/notes.md", "# Notes\n"));
        Assert.Null(ahead.Take("src/script.py", "x = 1\n"));
    }

    [Fact]
    public void Nothing_more_is_parsed_once_the_review_has_finished_taking()
    {
        const string Text = "class C { }\n";
        using var ahead = new ParseAhead();
        ahead.Finish();

        ahead.Run([("src/C.cs", Text)]);

        Assert.Null(ahead.Take("src/C.cs", Text));
    }

    [Fact]
    public async Task Parsing_stops_after_the_file_in_hand_when_the_review_finishes_taking()
    {
        var files = Enumerable.Range(0, 5_000).Select(index => ($"src/C{index}.cs", (string?)$"class C{index} {{ }}\n")).ToList();
        using var ahead = new ParseAhead();
        var running = Task.Factory.StartNew(() => ahead.Run(files), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        SpinWait.SpinUntil(() => ahead.ParsedFiles > 0 || running.IsCompleted);

        ahead.Finish();
        var parsedWhenFinished = ahead.ParsedFiles;

        await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(ahead.ParsedFiles, 1, parsedWhenFinished);
        Assert.True(parsedWhenFinished < files.Count, "the loop went on parsing while the review waited to take its trees");
        Assert.Null(ahead.Take(files[^1].Item1, files[^1].Item2!));
    }

    [Fact]
    public void A_review_with_trees_parsed_ahead_finds_what_it_finds_without_them()
    {
        var files = Directory.EnumerateFiles(CorpusFolder, "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => ChangedFile.WholeFile(Path.GetRelativePath(CorpusFolder, path).Replace('\\', '/'), File.ReadAllText(path)))
            .ToList();
        var snapshot = new PullRequestSnapshot(files);

        foreach (var engine in new[] { new ReviewEngine(), new ReviewEngine(new CSharpAnalyzer { BatchThreshold = 0, BatchChars = 20_000 }) })
        {
            var without = Describe(engine.Review(snapshot).Findings);

            // Half the files parsed ahead, as when the patch is read before every head version is parsed.
            using var ahead = new ParseAhead();
            ahead.Run([.. files.Where((_, index) => index % 2 == 0).Select(file => (file.Path, file.NewContent))]);
            var with = Describe(engine.Review(snapshot, null, ahead).Findings);

            Assert.NotEmpty(without);
            Assert.Equal(without, with);
        }
    }

    private static List<string> Describe(IEnumerable<Finding> findings) =>
        [.. findings.Select(finding => $"{finding.Path}:{finding.StartLine}-{finding.EndLine} {finding.Rule.Id} {finding.Message}")];
}
