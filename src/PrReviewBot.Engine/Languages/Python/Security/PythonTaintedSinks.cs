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
    public static IEnumerable<TaintedSink> Find(PythonModule module, PythonSinkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(catalogue);
        var values = module.Values;
        foreach (var call in module.Calls)
        {
            if (!catalogue.MayMatch(call.Name))
            {
                continue;
            }

            var resolved = values.Resolve(call);
            if (values.Of(call) is not { } parsed || catalogue.Match(call, parsed, resolved) is not { } match)
            {
                continue;
            }

            if (PythonTaint.Of(module).SourceOf(match.Argument, call.Scope, catalogue.Family) is { } source)
            {
                yield return new TaintedSink(call, match.Sink, match.Argument, source, resolved);
            }
        }
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
