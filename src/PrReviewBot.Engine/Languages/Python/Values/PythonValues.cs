namespace PrReviewBot.Engine.Languages.Python.Values;

/// <summary>
/// The value layer of one module, built once and shared by every rule: the parsed expressions of
/// call arguments, assignments and statements; what a called name means after imports and local
/// aliases; and the value of expressions that are constant when the code is written.
/// Not thread-safe, and need not be: a module's rules run one after another on one worker.
/// </summary>
public sealed class PythonValues
{
    private const int MaxDepth = 12;

    private readonly PythonModule module;
    private readonly Dictionary<(int First, int Last), PyExpr?> parsed = [];
    private readonly Dictionary<PythonCall, string> resolvedCalls = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<ILookup<string, PythonAssignment>> assignmentsByName;
    private readonly Lazy<Dictionary<(int Line, int Column), PythonToken>> tokensByPosition;

    // Every call's callee is resolved through the imports: look up the few that bind its name, in module order.
    private readonly Lazy<ILookup<string, PythonImport>> importsByName;

    // `__import__("os").system(...)` looks for the importing call on the same line: look among that line's calls only.
    private readonly Lazy<ILookup<int, PythonCall>> callsByLine;

    internal PythonValues(PythonModule module)
    {
        this.module = module;
        assignmentsByName = new Lazy<ILookup<string, PythonAssignment>>(() => NameTargets(module).ToLookup(pair => pair.Text, pair => pair.Assignment, StringComparer.Ordinal));
        importsByName = new Lazy<ILookup<string, PythonImport>>(() => module.Imports
            .Where(import => import.Level == 0 && !import.IsStar)
            .ToLookup(import => import.BoundName, StringComparer.Ordinal));
        callsByLine = new Lazy<ILookup<int, PythonCall>>(() => module.Calls.ToLookup(call => call.Line));
        tokensByPosition = new Lazy<Dictionary<(int Line, int Column), PythonToken>>(() =>
        {
            var index = new Dictionary<(int Line, int Column), PythonToken>();
            foreach (var token in module.Tokens)
            {
                index.TryAdd((token.Start.Line, token.Start.Column), token);
            }

            return index;
        });
    }

    private static List<(string Text, PythonAssignment Assignment)> NameTargets(PythonModule module)
    {
        var targets = new List<(string Text, PythonAssignment Assignment)>(module.Assignments.Count);
        foreach (var assignment in module.Assignments)
        {
            for (var i = 0; i < assignment.Targets.Count; i++)
            {
                if (assignment.Targets[i].Kind == PythonTargetKind.Name)
                {
                    targets.Add((assignment.Targets[i].Text, assignment));
                }
            }
        }

        return targets;
    }

    /// <summary>The token at the expression's line and column, for showing its source (f-string fields count columns within the field).</summary>
    public PythonToken? FirstToken(PyExpr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return tokensByPosition.Value.GetValueOrDefault((expression.Line, expression.Column));
    }

    /// <summary>True when <paramref name="scope"/> itself (not an enclosing scope) assigns <paramref name="name"/>.</summary>
    public bool AssignsIn(string name, PythonDefinition? scope) =>
        assignmentsByName.Value[name].Any(assignment => ReferenceEquals(assignment.Scope, scope));

    public PyExpr? Of(PythonArgument argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var value = Parse(argument.FirstToken, argument.LastToken);
        return argument.Keyword is null && value is PyOther { Kind: "star" } star && star.Parts.Count == 1 ? star.Parts[0] : value;
    }

    /// <summary>The assigned value, or null for an annotation without one.</summary>
    public PyExpr? Of(PythonAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.ValueFirstToken < 0 ? null : Parse(assignment.ValueFirstToken, assignment.ValueLastToken);
    }

    /// <summary>The first target list of an assignment as an expression (<c>a</c>, <c>d["k"]</c>, <c>a, b</c>).</summary>
    public PyExpr? TargetOf(PythonAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.TargetFirstToken < 0 ? null : Parse(assignment.TargetFirstToken, assignment.TargetLastToken);
    }

    /// <summary>The expression of a statement: the returned value, the test, the <c>for</c>/<c>with</c> header.</summary>
    public PyExpr? Of(PythonStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.FirstToken < 0 ? null : Parse(statement.FirstToken, statement.LastToken);
    }

    /// <summary>The call as an expression tree: parsed from the callee's first token to the closing bracket.</summary>
    public PyCall? Of(PythonCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.FirstToken < 0)
        {
            return null;
        }

        // The parse of a call's tokens is the call itself, possibly followed by more trailers; the
        // outermost call ending at the closing bracket is this one.
        var parsedCall = Parse(call.FirstToken, call.LastToken);
        for (var current = parsedCall; current is not null;)
        {
            switch (current)
            {
                case PyCall found:
                    return found;
                case PyMember member:
                    current = member.Target;
                    break;
                case PySubscript subscript:
                    current = subscript.Target;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private PyExpr? Parse(int first, int last)
    {
        if (!parsed.TryGetValue((first, last), out var expression))
        {
            expression = PythonExpressionParser.Parse(module.Tokens, first, last);
            parsed[(first, last)] = expression;
        }

        return expression;
    }

    /// <summary>
    /// What a call's callee means: its first segment replaced by the module it was imported from
    /// (<c>pk.loads</c> after <c>import pickle as pk</c> is <c>pickle.loads</c>), or by what a local
    /// name was set to once (<c>s.get</c> after <c>s = requests.Session()</c> is
    /// <c>requests.Session().get</c>). A function-local import counts only inside its function.
    /// </summary>
    public string Resolve(PythonCall call)
    {
        ArgumentNullException.ThrowIfNull(call);

        // Every security rule asks this of every call it looks at: resolve each call once per module.
        if (!resolvedCalls.TryGetValue(call, out var resolved))
        {
            resolved = DynamicImport(call) ?? DynamicCallee(call) ?? Resolve(call.Callee, call.Scope, call.Line);
            resolvedCalls[call] = resolved;
        }

        return resolved;
    }

    /// <summary><c>getattr(os, "system")(cmd)</c>: the attribute a literal name picks, as if written <c>os.system(cmd)</c>.</summary>
    private string? DynamicCallee(PythonCall call)
    {
        if (!call.Callee.StartsWith("getattr()", StringComparison.Ordinal) || Of(call) is not { } parsed)
        {
            return null;
        }

        return parsed.Function switch
        {
            PyCall inner => Attribute(inner, call.Scope, call.Line, 0),
            PyMember { Target: PyCall inner } member when Attribute(inner, call.Scope, call.Line, 0) is { } owner => owner + "." + member.Name,
            _ => null,
        };
    }

    /// <summary>
    /// What a value names when it is a module or function picked at run time by a literal name:
    /// <c>__import__("os")</c> is <c>os</c>, <c>getattr(os, "system")</c> is <c>os.system</c>.
    /// </summary>
    private string? Attribute(PyExpr value, PythonDefinition? scope, int line, int depth)
    {
        if (depth > 3 || value is not PyCall { Function.DottedName: { } function } call || call.Arguments.Count == 0)
        {
            return null;
        }

        var resolved = Resolve(function, scope, line, depth + 1);
        if (resolved is "__import__" or "builtins.__import__" or "importlib.import_module")
        {
            return call.Arguments[0].Value is PyString { Value: var name } && name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? name : null;
        }

        if (resolved is not ("getattr" or "builtins.getattr") || call.Arguments.Count < 2
            || call.Arguments[1].Value is not PyString { Value: var attribute } || attribute.Length == 0 || !attribute.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            return null;
        }

        var owner = call.Arguments[0].Value;
        var ownerName = owner is PyCall ? Attribute(owner, scope, line, depth + 1)
            : owner.DottedName is { } dotted ? Resolve(dotted, scope, line, depth + 1) : null;
        return ownerName is null ? null : ownerName + "." + attribute;
    }

    /// <summary>As <see cref="Resolve(PythonCall)"/> for a dotted name written at a line of a scope.</summary>
    public string Resolve(string dotted, PythonDefinition? scope, int line) => Resolve(dotted, scope, line, 0);

    private string Resolve(string dotted, PythonDefinition? scope, int line, int depth)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        var head = Head(dotted);
        if (ImportFor(head, scope, line) is { } import)
        {
            return Apply(import, dotted);
        }

        // Both questions below ask for the head's one value: look it up once (every callee of a module comes here).
        var looked = false;
        PyExpr? single = null;
        PyExpr? Single()
        {
            if (!looked)
            {
                single = SingleValue(head, scope, line);
                looked = true;
            }

            return single;
        }

        if (depth < 3 && head.Length < dotted.Length && Single() is { } value
            && value.DottedName is { } aliased && !aliased.StartsWith(head + ".", StringComparison.Ordinal))
        {
            return Resolve(aliased + dotted[head.Length..], scope, line, depth + 1);
        }

        // `run = getattr(os, "system")` or `m = __import__("os")`: the name stands for what the literal picks.
        if (depth < 3 && head.Length > 0 && Single() is PyCall picked
            && picked.Function.DottedName is "getattr" or "__import__" or "importlib.import_module"
            && Attribute(picked, scope, line, depth + 1) is { } named)
        {
            return named + dotted[head.Length..];
        }

        return dotted;
    }

    /// <summary>The only value ever assigned to a name in its scope (or at module level when the scope never assigns it).</summary>
    public PyExpr? SingleValue(string name, PythonDefinition? scope, int line)
    {
        var assignments = AssignmentsVisible(name, scope, line);
        return assignments.Count == 1 && !assignments[0].IsAugmented && assignments[0].Targets.Count == 1 ? Of(assignments[0]) : null;
    }

    /// <summary>The assignments to a name that a read at <paramref name="line"/> of <paramref name="scope"/> can see: those of the innermost scope that assigns it.</summary>
    public IReadOnlyList<PythonAssignment> AssignmentsVisible(string name, PythonDefinition? scope, int line)
    {
        // Asked for every name a rule follows: loops, without closures over the name and scope each time.
        var all = assignmentsByName.Value[name];
        if (!all.Any())
        {
            return [];
        }

        for (var current = scope; ; current = current.Parent)
        {
            var here = new List<PythonAssignment>();
            foreach (var assignment in all)
            {
                if (ReferenceEquals(assignment.Scope, current))
                {
                    here.Add(assignment);
                }
            }

            if (here.Count > 0 || current is null)
            {
                return here;
            }

            if (current.Kind == PythonDefinitionKind.Function && HasParameter(current, name))
            {
                return [];
            }
        }
    }

    private static bool HasParameter(PythonDefinition function, string name)
    {
        foreach (var parameter in function.Parameters)
        {
            if (parameter.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private PythonImport? ImportFor(string head, PythonDefinition? scope, int line)
    {
        PythonImport? local = null;
        PythonImport? global = null;
        PythonImport? later = null;
        foreach (var candidate in importsByName.Value[head])
        {
            if (candidate.InFunction)
            {
                if (candidate.StatementLine <= line && Encloses(scope, candidate.StatementLine))
                {
                    local = candidate;
                }
            }
            else if (candidate.StatementLine <= line)
            {
                global = candidate;
            }
            else if (scope is not null)
            {
                later = candidate;
            }
        }

        // A function body runs after the whole module, so it may see a module import written below it;
        // when an import above already binds the name, that is the one its reader means.
        return local ?? global ?? later;
    }

    /// <summary><c>__import__("os").system(...)</c> or <c>importlib.import_module("os").system(...)</c>: <c>os.system</c>.</summary>
    private string? DynamicImport(PythonCall call)
    {
        var callee = call.Callee;
        var marker = callee.IndexOf("().", StringComparison.Ordinal);
        if (marker < 0 || callee.IndexOf("().", marker + 3, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var importer = callee[..marker];
        var inner = callsByLine.Value[call.Line].LastOrDefault(candidate => candidate.Column <= call.Column
            && string.Equals(candidate.Callee, importer, StringComparison.Ordinal));
        if (inner is null || Resolve(importer, call.Scope, call.Line) is not ("__import__" or "builtins.__import__" or "importlib.import_module")
            || inner.Arguments.Count == 0 || Of(inner.Arguments[0]) is not PyString { Value: var name })
        {
            return null;
        }

        return name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? name + callee[(marker + 2)..] : null;
    }

    private static bool Encloses(PythonDefinition? scope, int line)
    {
        for (var definition = scope; definition is not null; definition = definition.Parent)
        {
            if (definition.Line <= line && line <= definition.EndLine)
            {
                return true;
            }
        }

        return false;
    }

    private static string Head(string dotted)
    {
        var end = dotted.IndexOfAny(['.', '(', '[']);
        return end < 0 ? dotted : dotted[..end];
    }

    private static string Apply(PythonImport import, string dotted)
    {
        var rest = dotted[Head(dotted).Length..];
        if (import.IsFromImport)
        {
            return import.Module + "." + import.ImportedName + rest;
        }

        return import.Alias is null ? dotted : import.Module + rest;
    }

    /// <summary>
    /// The string an expression always has, when it is fixed when the code is written: literals,
    /// their concatenation and formatting with constant values, f-strings of constants, and names
    /// only ever assigned such values. Null when any part can vary.
    /// </summary>
    public string? ConstantString(PyExpr? expression, PythonDefinition? scope) => Constant(expression, scope, 0);

    /// <summary>True when the expression's value is fixed when the code is written (strings, numbers, None, and collections of them).</summary>
    public bool IsConstant(PyExpr? expression, PythonDefinition? scope) => expression switch
    {
        null => false,
        PyConstant => true,
        PyDisplay collection => collection.Items.All(item => IsConstant(item, scope)) && collection.Keys.All(key => key is null || IsConstant(key, scope)),
        PyUnary { Operator: "-" or "+" or "~" } unary => IsConstant(unary.Operand, scope),
        _ => ConstantString(expression, scope) is not null,
    };

    private string? Constant(PyExpr? expression, PythonDefinition? scope, int depth)
    {
        if (expression is null || depth > MaxDepth)
        {
            return null;
        }

        switch (expression)
        {
            case PyString text:
                return text.Value;
            case PyConstant constant when constant.Text is not ("None" or "..."):
                return constant.Text;
            case PyFString formatted:
                var fields = formatted.Fields.Select(field => Constant(field, scope, depth + 1)).ToList();
                if (fields.Any(field => field is null))
                {
                    return null;
                }

                var builder = new System.Text.StringBuilder();
                for (var i = 0; i < formatted.Literals.Count; i++)
                {
                    builder.Append(formatted.Literals[i]);
                    if (i < fields.Count)
                    {
                        builder.Append(fields[i]);
                    }
                }

                return builder.ToString();
            case PyBinary { Operator: "+" } sum:
                return Constant(sum.Left, scope, depth + 1) is { } left && Constant(sum.Right, scope, depth + 1) is { } right ? left + right : null;
            case PyBinary { Operator: "%" } percent:
                return Constant(percent.Left, scope, depth + 1) is { } pattern && IsConstantOperand(percent.Right, scope, depth) ? pattern : null;
            case PyCall { Function: PyMember { Name: "format" or "strip" or "lower" or "upper" or "join" } method } call:
                return Constant(method.Target, scope, depth + 1) is { } target && call.Arguments.All(argument => IsConstantOperand(argument.Value, scope, depth))
                    ? target
                    : null;
            case PyName name:
                var assignments = AssignmentsVisible(name.Id, scope, name.Line);
                if (assignments.Count == 0 || assignments.Any(assignment => assignment.Targets.Count != 1 || assignment.Targets[0].Kind != PythonTargetKind.Name))
                {
                    return null;
                }

                string? last = null;
                foreach (var assignment in assignments)
                {
                    var value = Constant(Of(assignment), assignment.Scope, depth + 1);
                    if (value is null)
                    {
                        return null;
                    }

                    last = assignment.IsAugmented ? (last ?? string.Empty) + value : value;
                }

                return last;
            case PyConditional conditional:
                return Constant(conditional.Body, scope, depth + 1) is { } body && Constant(conditional.OrElse, scope, depth + 1) is not null ? body : null;
            default:
                return null;
        }
    }

    private bool IsConstantOperand(PyExpr expression, PythonDefinition? scope, int depth) => expression switch
    {
        PyDisplay collection => collection.Items.All(item => IsConstantOperand(item, scope, depth)),
        PyConstant => true,
        _ => Constant(expression, scope, depth + 1) is not null,
    };

    /// <summary>
    /// The pieces a string is built from, in order: literal text as <see cref="PyString"/>, and the
    /// expressions put between them (concatenation, f-string fields, <c>%</c> and <c>.format</c>
    /// arguments). A value that is not built is its own only piece.
    /// </summary>
    public static IReadOnlyList<PyExpr> Pieces(PyExpr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var pieces = new List<PyExpr>();
        AddPieces(expression, pieces, 0);
        return pieces;
    }

    private static void AddPieces(PyExpr expression, List<PyExpr> pieces, int depth)
    {
        switch (expression)
        {
            case PyBinary { Operator: "+" } sum when depth < MaxDepth:
                AddPieces(sum.Left, pieces, depth + 1);
                AddPieces(sum.Right, pieces, depth + 1);
                break;
            case PyBinary { Operator: "%", Left: PyString or PyFString } percent when depth < MaxDepth:
                AddPieces(percent.Left, pieces, depth + 1);
                if (percent.Right is PyDisplay { Kind: PyDisplayKind.Tuple or PyDisplayKind.Dict } values)
                {
                    pieces.AddRange(values.Items);
                }
                else
                {
                    pieces.Add(percent.Right);
                }

                break;
            case PyCall { Function: PyMember { Name: "format", Target: PyString or PyFString } format } call when depth < MaxDepth:
                AddPieces(format.Target, pieces, depth + 1);
                pieces.AddRange(call.Arguments.Select(argument => argument.Value));
                break;
            case PyFString formatted:
                for (var i = 0; i < formatted.Literals.Count; i++)
                {
                    if (formatted.Literals[i].Length > 0)
                    {
                        pieces.Add(new PyString(formatted.Literals[i], false, formatted.Line, formatted.Column));
                    }

                    if (i < formatted.Fields.Count)
                    {
                        pieces.Add(formatted.Fields[i]);
                    }
                }

                break;
            default:
                pieces.Add(expression);
                break;
        }
    }

    /// <summary>True when the expression builds a string from literal text and at least one other value.</summary>
    public static bool IsBuiltString(PyExpr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var pieces = Pieces(expression);
        return pieces.Count > 1 && pieces.Any(piece => piece is PyString) && pieces.Any(piece => piece is not (PyString or PyConstant));
    }
}
