using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Security.Sinks;

/// <summary>Extra conditions a sink call must meet before its argument is dangerous.</summary>
public enum SinkCondition
{
    None,

    /// <summary>Only with <c>shell=True</c>.</summary>
    ShellTrue,

    /// <summary>The program itself (a string, or the first item of an argument list), or anything with <c>shell=True</c>.</summary>
    ProgramOrShell,
}

/// <summary>
/// One place where a value of a family does harm: the callee after import resolution
/// (<c>requests.get</c>), or <c>*.name</c> for a method on any receiver whose name is among
/// <see cref="Receivers"/> (or any receiver when that is empty); the argument by position and/or keyword.
/// </summary>
public sealed record PythonSink(string Callee, int Position, string? Keyword, SinkCondition When = SinkCondition.None)
{
    /// <summary>For <c>*.name</c> sinks: the receiver names that make the call this sink (<c>session</c>, <c>client</c>…), empty for any.</summary>
    public IReadOnlyList<string> Receivers { get; init; } = [];

    public bool Matches(string resolved, string written)
    {
        if (!Callee.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(resolved, Callee, StringComparison.Ordinal);
        }

        var method = Callee[1..];
        if (!written.EndsWith(method, StringComparison.Ordinal) || written.Length == method.Length - 1)
        {
            return false;
        }

        if (Receivers.Count == 0)
        {
            return true;
        }

        var receiver = written[..^method.Length];
        var last = receiver[(receiver.LastIndexOf('.') + 1)..].TrimEnd('(', ')');
        return Receivers.Contains(last, StringComparer.OrdinalIgnoreCase) || ResolvesToReceiver(resolved);
    }

    // A loop rather than a lambda: a closure over `resolved` would be made for every sink tried on every call.
    private bool ResolvesToReceiver(string resolved)
    {
        foreach (var name in Receivers)
        {
            if (resolved.StartsWith(name + ".", StringComparison.Ordinal) || resolved.Contains("." + name + "().", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The sinks of one vulnerability family.</summary>
public sealed record PythonSinkCatalogue(VulnerabilityFamily Family, IReadOnlyList<PythonSink> Sinks)
{
    private HashSet<string>? names;

    /// <summary>True when a callee's last segment is the name of one of the sinks: the cheap test before resolving anything.</summary>
    /// <remarks>Asked of every call of every module: the set is read without making the initializer (a closure) once it exists.</remarks>
    public bool MayMatch(string calleeName) =>
        (names ?? LazyInitializer.EnsureInitialized(ref names, () => Sinks.Select(sink => sink.Callee[(sink.Callee.LastIndexOf('.') + 1)..]).ToHashSet(StringComparer.Ordinal)))
            .Contains(calleeName);

    private static readonly HashSet<string> Interpreters = new(StringComparer.Ordinal)
    {
        "python", "python2", "python3", "sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh",
        "node", "perl", "ruby", "php", "osascript", "lua", "Rscript",
    };

    private static bool IsInterpreter(string program) => Interpreters.Contains(program[(program.LastIndexOfAny(['/', '\\']) + 1)..]);

    /// <summary>The dangerous argument of a call, when the call is one of this family's sinks and its conditions hold.</summary>
    public (PythonSink Sink, PyExpr Argument)? Match(PythonCall call, PyCall parsed, string resolved)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parsed);
        foreach (var sink in Sinks)
        {
            if (!sink.Matches(resolved, call.Callee))
            {
                continue;
            }

            // Position -1 is the receiver: the path of `Path(p).read_text()`.
            var argument = sink.Position < 0 && parsed.Keyword(sink.Keyword ?? string.Empty) is null && parsed.Function is PyMember member
                ? member.Target
                : parsed.Argument(sink.Position, sink.Keyword);
            if (argument is null)
            {
                continue;
            }

            var shell = parsed.Keyword("shell") is PyConstant { Text: "True" } or PyName;
            switch (sink.When)
            {
                case SinkCondition.ShellTrue when !shell:
                    continue;
                case SinkCondition.ProgramOrShell when !shell:
                    // Without a shell only the program matters, unless the program is an interpreter
                    // that runs whatever script or code its arguments name.
                    if (argument is PyDisplay { Kind: PyDisplayKind.List or PyDisplayKind.Tuple } list && list.Items.Count > 0
                        && !(list.Items[0] is PyString { Value: var program } && IsInterpreter(program)))
                    {
                        argument = list.Items[0];
                    }
                    break;
            }

            return (sink, argument);
        }

        return null;
    }
}
