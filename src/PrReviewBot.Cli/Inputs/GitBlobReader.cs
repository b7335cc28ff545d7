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
    private byte[] buffer = new byte[64 * 1024];

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
            // A thread of its own rather than the pool's, whose first threads may all be busy warming the analyzers up.
            var questions = Task.Factory.StartNew(
                () =>
                {
                    foreach (var path in paths)
                    {
                        Ask(commit, path);
                    }

                    process.StandardInput.Flush();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
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
    /// a larger object (a 500 MB asset in the range) is read past in small pieces, never held whole. The content is
    /// read into one buffer reused for every answer (it is decoded before the next is read), so the thousands of
    /// blobs of a large range do not each leave a large array to the collector.
    /// </summary>
    private GitObject ReadObject(int maxBytes)
    {
        var fields = ReadHeader().Split(' ');
        if (fields.Length < 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return new GitObject(null, 0, null);
        }

        ReadOnlyMemory<byte>? content = null;
        if (fields[1] == "blob" && size <= maxBytes)
        {
            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, Math.Min((long)buffer.Length * 2, maxBytes))];
            }

            content = buffer.AsMemory(0, (int)size);
            output.ReadExactly(buffer, 0, (int)size);
        }
        else
        {
            Skip(size);
        }

        if (output.ReadByte() == -1)
        {
            throw new EndOfStreamException("git cat-file stopped in the middle of an answer");
        }

        return new GitObject(fields[1], size, content);
    }

    private static string? Interpret(GitObject found, string path, int maxBytes, out string? skipReason)
    {
        skipReason = found switch
        {
            { Type: null } => "not found in the commit",
            { Type: not "blob" } => $"not a file ({found.Type})",
            { Content: null } => SkipReasons.TooLarge(found.Size, maxBytes),
            { Content: { } content } when SkipReasons.IsBinary(content.Span) => SkipReasons.Binary,
            _ => null,
        };
        return skipReason is null ? SourceFiles.Decode(found.Content!.Value.Span, path) : null;
    }

    /// <summary>Reads past an object not kept (too large, or not a file) without holding it.</summary>
    private void Skip(long size)
    {
        for (var left = size; left > 0;)
        {
            var read = output.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
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

/// <summary>
/// What <c>cat-file --batch</c> said of one object: its type (null: missing), its size, and its content when kept (in the
/// reader's buffer, valid until the next answer is read).
/// </summary>
internal readonly record struct GitObject(string? Type, long Size, ReadOnlyMemory<byte>? Content);
