using PrReviewBot.Engine.Diffs;

namespace PrReviewBot.Engine.Tests.Diffs;

/// <summary>
/// A patch read from a stream (git's output) is parsed line by line as it arrives, never held whole: however the
/// stream cuts it, the files, hunks, lines and errors are those of the same patch parsed from one string.
/// </summary>
public sealed class PatchReadAsItArrivesTests
{
    /// <summary>Longer than the reader's 64 K buffer, so the buffer must grow to hold it.</summary>
    private static readonly string LongLine = string.Concat(Enumerable.Repeat("var x = 1; ", 9_000));

    private static readonly string Patch = UnifiedDiffParserTests.TwoFiles + "\n" + $"""
        diff --git a/data/minified.js b/data/minified.js
        new file mode 100644
        index 0000000..3333333
        --- /dev/null
        +++ b/data/minified.js
        @@ -0,0 +1,2 @@
        +{LongLine}
        +last
        \ No newline at end of file
        diff --git a/old.txt b/old.txt
        deleted file mode 100644
        index 4444444..0000000
        --- a/old.txt
        +++ /dev/null
        @@ -1 +0,0 @@
        -gone
        """;

    [Theory]
    [InlineData(1, "\n")]
    [InlineData(3, "\r\n")]
    [InlineData(4096, "\n")]
    [InlineData(1 << 20, "\r\n")]
    public void However_the_stream_is_cut_the_patch_reads_the_same(int chunk, string newline)
    {
        var patch = Patch.Replace("\n", newline, StringComparison.Ordinal);

        var fromReader = UnifiedDiffParser.Parse(new ChunkedReader(patch, chunk));

        Assert.Equal(Describe(UnifiedDiffParser.Parse(patch)), Describe(fromReader));
        Assert.Equal(4, fromReader.Count);
        Assert.Equal(LongLine, fromReader[2].Hunks[0].Lines[0].Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_cut_patch_names_the_same_line(int chunk)
    {
        var cut = UnifiedDiffParserTests.TwoFiles[..UnifiedDiffParserTests.TwoFiles.LastIndexOf('\n')];

        var fromString = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse(cut));
        var fromReader = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse(new ChunkedReader(cut, chunk)));

        Assert.Equal(fromString.Message, fromReader.Message);
        Assert.Equal(fromString.LineNumber, fromReader.LineNumber);
    }

    [Fact]
    public void White_space_holds_no_files_and_other_text_is_an_error()
    {
        Assert.Empty(UnifiedDiffParser.Parse(new ChunkedReader(" \n\t\r\n\n", 2)));
        var error = Assert.Throws<PatchFormatException>(() => UnifiedDiffParser.Parse(new ChunkedReader("\n\nnot a patch\n", 2)));
        Assert.Contains("no file changes found", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Describe(IReadOnlyList<FileDiff> files) =>
        [.. files.Select(file => $"{file.OldPath} {file.NewPath} {file.Status} {file.IsBinary} "
            + string.Join(" | ", file.Hunks.Select(hunk => $"{hunk.OldStart},{hunk.OldCount} {hunk.NewStart},{hunk.NewCount} {hunk.Header}: " + string.Join(" / ", hunk.Lines.Select(line => $"{line.Kind} {line.OldLine} {line.NewLine} {line.Text.Length} {line.Text.GetHashCode(StringComparison.Ordinal)} {line.NoNewlineAtEnd}")))))];

    /// <summary>A reader that hands out at most a few characters at a time, as a pipe may.</summary>
    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int position;

        public override int Read(char[] buffer, int index, int count)
        {
            var length = Math.Min(Math.Min(count, chunk), text.Length - position);
            text.CopyTo(position, buffer, index, length);
            position += length;
            return length;
        }
    }
}
