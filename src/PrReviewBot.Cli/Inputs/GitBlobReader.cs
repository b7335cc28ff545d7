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
            return Interpret(ReadObject(maxBytes), path, maxBytes, out skipReason);
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
                var text = Interpret(ReadObject(maxBytes), paths[index], maxBytes, out var skipReason);
                answers[index] = (text, skipReason);
            }

            questions.GetAwaiter().GetResult();
            return answers;
        }
    }

    private void Ask(string commit, string path) => process.StandardInput.Write($"{commit}:{path}\n");

    /// <summary>
    /// One answer of <c>cat-file --batch</c>. The content is kept only for a blob of at most <paramref name="maxBytes"/>:
    /// a larger object (a 500 MB asset in the range) is read past in small pieces, never held whole.
    /// </summary>
    private GitObject ReadObject(int maxBytes)
    {
        var fields = ReadHeader().Split(' ');
        if (fields.Length < 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return new GitObject(null, 0, null);
        }

        byte[]? bytes = null;
        if (fields[1] == "blob" && size <= maxBytes)
        {
            bytes = new byte[size];
            output.ReadExactly(bytes);
        }
        else
        {
            Skip(size);
        }

        output.ReadExactly(new byte[1]);
        return new GitObject(fields[1], size, bytes);
    }

    private static string? Interpret(GitObject found, string path, int maxBytes, out string? skipReason)
    {
        switch (found)
        {
            case { Type: null }:
                skipReason = "not found in the commit";
                return null;
            case { Type: not "blob" }:
                skipReason = $"not a file ({found.Type})";
                return null;
            case { Bytes: null }:
                skipReason = SkipReasons.TooLarge(found.Size, maxBytes);
                return null;
            case { Bytes: var bytes } when SkipReasons.IsBinary(bytes):
                skipReason = SkipReasons.Binary;
                return null;
            default:
                skipReason = null;
                return SourceFiles.Decode(found.Bytes, path);
        }
    }

    /// <summary>Reads past an object not kept (too large, or not a file) without holding it.</summary>
    private void Skip(long size)
    {
        var scratch = new byte[(int)Math.Min(size, 64 * 1024)];
        for (var left = size; left > 0;)
        {
            var read = output.Read(scratch, 0, (int)Math.Min(left, scratch.Length));
            if (read == 0)
            {
                throw new EndOfStreamException("git cat-file stopped in the middle of an object");
            }

            left -= read;
        }
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

/// <summary>What <c>cat-file --batch</c> said of one object: its type (null: missing), its size, and its content when kept.</summary>
internal readonly record struct GitObject(string? Type, long Size, byte[]? Bytes);
