using System.Diagnostics;
using System.Globalization;
using System.Text;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Cli.Inputs;

/// <summary>
/// Reads blobs through one long-lived <c>git cat-file --batch</c>, so a 2,000-file range costs
/// one process rather than thousands; a list of files is asked for all at once, so git answers
/// them in one stream instead of waiting for each question.
/// </summary>
internal sealed class GitBlobReader : IDisposable
{
    private readonly Process process;
    private readonly BufferedStream output;
    private readonly Lock gate = new();

    public GitBlobReader(string root)
    {
        var start = GitRangeInput.StartInfo(root, ["cat-file", "--batch"]);
        start.RedirectStandardInput = true;
        process = GitRangeInput.Start(start);
        output = new BufferedStream(process.StandardOutput.BaseStream, 64 * 1024);
        _ = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The blob's text, or null with a reason (binary, too large, missing).</summary>
    public string? Read(string commit, string path, int maxBytes, out string? skipReason)
    {
        lock (gate)
        {
            Ask(commit, path);
            process.StandardInput.Flush();
            return ReadAnswer(path, maxBytes, out skipReason);
        }
    }

    /// <summary>
    /// The blobs at <paramref name="commit"/> of every path, in order, each as <see cref="Read"/> gives it. The
    /// questions are written by another thread while the answers are read, so neither side waits on a full pipe.
    /// </summary>
    public IReadOnlyList<(string? Text, string? SkipReason)> ReadAll(string commit, IReadOnlyList<string> paths, int maxBytes)
    {
        lock (gate)
        {
            var questions = Task.Run(() =>
            {
                foreach (var path in paths)
                {
                    Ask(commit, path);
                }

                process.StandardInput.Flush();
            });
            var answers = new (string? Text, string? SkipReason)[paths.Count];
            for (var index = 0; index < paths.Count; index++)
            {
                var text = ReadAnswer(paths[index], maxBytes, out var skipReason);
                answers[index] = (text, skipReason);
            }

            questions.GetAwaiter().GetResult();
            return answers;
        }
    }

    private void Ask(string commit, string path) => process.StandardInput.Write($"{commit}:{path}\n");

    private string? ReadAnswer(string path, int maxBytes, out string? skipReason)
    {
        var header = ReadHeader();
        var fields = header.Split(' ');
        if (fields.Length < 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            skipReason = "not found in the commit";
            return null;
        }

        var bytes = new byte[size];
        output.ReadExactly(bytes);
        output.ReadExactly(new byte[1]);
        if (fields[1] != "blob")
        {
            skipReason = $"not a file ({fields[1]})";
            return null;
        }

        if (size > maxBytes)
        {
            skipReason = SkipReasons.TooLarge(size, maxBytes);
            return null;
        }

        if (SourceFiles.IsBinary(bytes))
        {
            skipReason = SkipReasons.Binary;
            return null;
        }

        skipReason = null;
        return SourceFiles.Decode(bytes, path);
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            process.WaitForExit(5000);
        }
        finally
        {
            process.Dispose();
        }
    }

    private string ReadHeader()
    {
        var builder = new StringBuilder();
        while (true)
        {
            var next = output.ReadByte();
            if (next is -1 or '\n')
            {
                return builder.ToString();
            }

            builder.Append((char)next);
        }
    }
}
