using PrReviewBot.Engine.Languages.Python.Security.Sinks;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Security;

/// <summary>A sink call of a family whose dangerous argument carries outside data.</summary>
/// <param name="Callee">The callee after import resolution.</param>
public sealed record TaintedSink(PythonCall Call, PythonSink Sink, PyExpr Argument, TaintSource Source, string Callee);

/// <summary>A cheap test of a piece of source text, read in place.</summary>
public delegate bool SourceTest(ReadOnlySpan<char> text);

/// <summary>Finds, in one module, the calls of a family's catalogue that receive tainted values.</summary>
public static class PythonTaintedSinks
{
    /// <summary>
    /// APIs that call a function later with the arguments they are given: where the function's own position
    /// is and where its arguments start (<c>loop.run_in_executor(None, exec, code)</c>, <c>pool.submit(eval, text)</c>,
    /// <c>asyncio.to_thread(os.system, command)</c>, <c>functools.partial(exec, code)</c>), or, for
    /// <c>Thread</c>/<c>Process</c>, the <c>target=</c> and <c>args=</c> keywords.
    /// </summary>
    private static readonly Dictionary<string, (int Function, int FirstArgument)> HandOffs = new(StringComparer.Ordinal)
    {
        ["run_in_executor"] = (1, 2), ["submit"] = (0, 1), ["to_thread"] = (0, 1), ["partial"] = (0, 1),
        ["call_soon"] = (0, 1), ["call_soon_threadsafe"] = (0, 1), ["call_later"] = (1, 2),
        ["Thread"] = (-1, -1), ["Process"] = (-1, -1),
    };

    public static IEnumerable<TaintedSink> Find(PythonModule module, PythonSinkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(catalogue);
        var values = module.Values;
        foreach (var call in module.Calls)
        {
            var handsOn = HandOffs.ContainsKey(call.Name);
            if (!catalogue.MayMatch(call.Name) && !handsOn)
            {
                continue;
            }

            var resolved = values.Resolve(call);
            if (values.Of(call) is not { } parsed)
            {
                continue;
            }

            var match = catalogue.Match(call, parsed, resolved) is { } direct ? (direct.Sink, direct.Argument, Callee: resolved)
                : handsOn ? HandedOn(module, catalogue, call, parsed) : null;
            if (match is { } found && PythonTaint.Of(module).SourceOf(found.Argument, call.Scope, catalogue.Family) is { } source)
            {
                yield return new TaintedSink(call, found.Sink, found.Argument, source, found.Callee);
            }
        }
    }

    /// <summary>The sink a handed-on function is, and the argument it will be called with in the sink's dangerous position.</summary>
    private static (PythonSink Sink, PyExpr Argument, string Callee)? HandedOn(PythonModule module, PythonSinkCatalogue catalogue, PythonCall call, PyCall parsed)
    {
        var (functionAt, firstArgument) = HandOffs[call.Name];
        var function = functionAt >= 0 ? parsed.Argument(functionAt, null) : parsed.Keyword("target");
        var arguments = functionAt >= 0
            ? [.. parsed.Positional.Skip(firstArgument)]
            : parsed.Keyword("args") is PyDisplay { Kind: PyDisplayKind.Tuple or PyDisplayKind.List } tuple ? tuple.Items : [];
        if (function?.DottedName is not { } name)
        {
            return null;
        }

        var callee = module.Values.Resolve(name, call.Scope, call.Line);
        var sink = catalogue.Sinks.FirstOrDefault(candidate => candidate.When == SinkCondition.None && candidate.Position >= 0
            && !candidate.Callee.StartsWith("*.", StringComparison.Ordinal) && string.Equals(candidate.Callee, callee, StringComparison.Ordinal));
        return sink is not null && sink.Position < arguments.Count ? (sink, arguments[sink.Position], callee) : null;
    }

    /// <summary>
    /// Strings built from outside data whose literal text looks like a given language (SQL, HTML),
    /// wherever they are built: assigned, returned, passed on. A query or page assembled from the
    /// request is the defect even before it reaches a call this catalogue knows.
    /// </summary>
    /// <param name="mayLookLike">A cheap test of a statement's source text, before anything is parsed.</param>
    public static IEnumerable<(int Line, PyExpr Built, TaintSource Source)> BuiltStrings(
        PythonModule module, SourceTest mayLookLike, Func<string, bool> looksLike, Detection.Taint.VulnerabilityFamily family)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(mayLookLike);
        ArgumentNullException.ThrowIfNull(looksLike);
        var taint = PythonTaint.Of(module);
        var text = module.Tokenization.Source;
        var tokens = module.Tokens;
        bool Worth(int first, int last) => first >= 0 && mayLookLike(text.AsSpan(tokens[first].StartOffset, tokens[last].EndOffset - tokens[first].StartOffset));
        var candidates = module.Assignments.Where(assignment => Worth(assignment.ValueFirstToken, assignment.ValueLastToken))
            .Select(assignment => (assignment.Line, Value: module.Values.Of(assignment), assignment.Scope))
            .Concat(module.Statements.Where(statement => statement.Keyword is "return" or "" && Worth(statement.FirstToken, statement.LastToken))
                .Select(statement => (statement.Line, Value: module.Values.Of(statement), statement.Scope))
                .Where(candidate => !IsOutput(candidate.Value)));
        var seen = new HashSet<int>();
        foreach (var (line, value, scope) in candidates)
        {
            if (value is null || seen.Contains(line))
            {
                continue;
            }

            foreach (var node in value.DescendantsAndSelf())
            {
                if (node is not (PyBinary { Operator: "+" or "%" } or PyFString or PyCall { Function: PyMember { Name: "format" } }))
                {
                    continue;
                }

                var pieces = PythonValues.Pieces(node);
                if (pieces.Count < 2 || !looksLike(string.Concat(pieces.OfType<PyString>().Select(piece => piece.Value)))
                    || taint.SourceOf(node, scope, family) is not { } source)
                {
                    continue;
                }

                seen.Add(line);
                yield return (line, node, source);
                break;
            }
        }
    }

    /// <summary>Text printed or logged (<c>print(...)</c>, <c>logger.info(...)</c>) is read by people, not run.</summary>
    private static bool IsOutput(PyExpr? value) =>
        value is PyCall { Function: var function } && (function is PyName { Id: "print" }
            || (function is PyMember { Name: "debug" or "info" or "warning" or "warn" or "error" or "exception" or "critical" or "log" } member
                && member.Target.DottedName is { } logger && (logger.Contains("log", StringComparison.OrdinalIgnoreCase) || logger == "self")));

    /// <summary>
    /// The first line of the flow a finding shows: the assignment a few lines above the sink that
    /// read the outside value into the variable the sink uses (<c>url = request.args["u"]</c>), so
    /// the comment covers where the value enters as well as where it does harm.
    /// </summary>
    public static int FlowStart(PythonModule module, TaintedSink sink, Detection.Taint.VulnerabilityFamily family)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(sink);
        const int reach = 10;
        var start = sink.Call.Line;
        var names = new Queue<(string Name, int Before, int Depth)>(sink.Argument.DescendantsAndSelf().OfType<PyName>().Select(name => (name.Id, sink.Call.Line, 0)));
        while (names.Count > 0)
        {
            var (name, before, depth) = names.Dequeue();
            var assignment = module.Values.AssignmentsVisible(name, sink.Call.Scope, before)
                .LastOrDefault(candidate => ReferenceEquals(candidate.Scope, sink.Call.Scope) && candidate.Line < before);
            if (assignment is null || assignment.Line < sink.Call.Line - reach
                || PythonTaint.Of(module).SourceOf(module.Values.Of(assignment), sink.Call.Scope, family) is null)
            {
                continue;
            }

            start = Math.Min(start, assignment.Line);
            if (depth < 2 && module.Values.Of(assignment) is { } value)
            {
                foreach (var inner in value.DescendantsAndSelf().OfType<PyName>())
                {
                    names.Enqueue((inner.Id, assignment.Line, depth + 1));
                }
            }
        }

        return start;
    }

    /// <summary>
    /// The last line of the sink's dangerous argument when it runs past the call's first line
    /// (<c>Person.objects.raw(</c> on one line, the built query on the next), so the finding covers the text at fault.
    /// </summary>
    public static int EndLine(PythonModule module, TaintedSink sink)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(sink);
        var tokens = module.Tokens;
        foreach (var argument in sink.Call.Arguments)
        {
            if (argument.FirstToken < 0 || argument.LastToken >= tokens.Count || argument.FirstToken > argument.LastToken)
            {
                continue;
            }

            var (first, last) = (tokens[argument.FirstToken].Start, tokens[argument.LastToken].End);
            var at = (sink.Argument.Line, sink.Argument.Column);
            if ((first.Line, first.Column).CompareTo(at) <= 0 && at.CompareTo((last.Line, last.Column)) < 0)
            {
                return Math.Max(sink.Call.Line, tokens[argument.LastToken].End.Line);
            }
        }

        return sink.Call.Line;
    }

    /// <summary>
    /// The literal text a value starts with, following a name to the one value it is given: a URL
    /// whose scheme and host are fixed before any outside value (<c>f"https://api.example.com/{id}"</c>)
    /// cannot be pointed elsewhere.
    /// </summary>
    public static string? FixedPrefix(PythonModule module, PyExpr argument, PythonDefinition? scope)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(argument);
        var current = argument;
        for (var depth = 0; depth < 4 && current is PyName name; depth++)
        {
            current = module.Values.SingleValue(name.Id, scope, name.Line);
            if (current is null)
            {
                return null;
            }
        }

        var pieces = PythonValues.Pieces(current!);
        if (pieces.Count < 2)
        {
            return null;
        }

        return pieces[0] is PyString text ? text.Value : module.Values.ConstantString(pieces[0], scope);
    }

    /// <summary>True when a URL's fixed prefix already names the scheme and host (<c>https://host/</c>) or a local path (<c>/account/</c>).</summary>
    public static bool FixesHost(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return false;
        }

        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            return prefix.IndexOf('/', scheme + 3) > scheme + 3;
        }

        return prefix.Length > 1 && prefix[0] == '/' && prefix[1] != '/' && prefix[1] != '\\';
    }
}
