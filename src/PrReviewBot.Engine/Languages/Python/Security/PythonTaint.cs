using System.Runtime.CompilerServices;
using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Security;

/// <summary>Where a tainted value came from, and which sanitizers it has been through on the way.</summary>
/// <param name="Description">The source as written (<c>request.args.get("next")</c>, <c>sys.argv</c>, parameter <c>name</c> of a route).</param>
public sealed record TaintSource(TaintSourceKind Kind, string Description)
{
    internal int Sanitized { get; init; }

    internal TaintSource Through(SanitizerEffect effect) => this with { Sanitized = Sanitized | (1 << (int)effect) };

    /// <summary>True when the value still carries the caller's control for <paramref name="family"/>.</summary>
    public bool Reaches(VulnerabilityFamily family) => (Sanitized & Mask(family)) == 0;

    internal static int Mask(VulnerabilityFamily family) => (1 << (int)SanitizerEffect.Everything) | family switch
    {
        VulnerabilityFamily.CommandInjection => 1 << (int)SanitizerEffect.Shell,
        VulnerabilityFamily.CrossSiteScripting => 1 << (int)SanitizerEffect.Html,
        VulnerabilityFamily.PathTraversal => 1 << (int)SanitizerEffect.FileName,
        VulnerabilityFamily.RegexInjection => 1 << (int)SanitizerEffect.Regex,
        VulnerabilityFamily.OpenRedirect or VulnerabilityFamily.ServerSideRequestForgery => 1 << (int)SanitizerEffect.UrlComponent,
        _ => 0,
    };
}

/// <summary>
/// Follows values of one Python module from where they enter (request data, the command line,
/// standard input) through assignments, string building, collections, loops, calls of the
/// module's own functions and their returns, and sanitizers. Flow-insensitive within a function:
/// a name is tainted when any assignment to it is, which suits review (no path reasoning, few
/// surprises) and is what the rule-test suites of the well-known analyzers expect.
/// </summary>
public sealed class PythonTaint
{
    private const int MaxCallDepth = 3;

    private static readonly ConditionalWeakTable<PythonModule, PythonTaint> Cache = new();

    private static readonly HashSet<string> MutatingMethods = new(StringComparer.Ordinal)
    {
        "append", "extend", "insert", "add", "update", "appendleft", "extendleft", "setdefault", "push",
    };

    private static readonly HashSet<string> StringBuildingMethods = new(StringComparer.Ordinal)
    {
        "join", "format", "format_map", "replace", "__add__", "safe_substitute", "substitute",
    };

    private readonly PythonModule module;
    private readonly PythonValues values;
    private readonly Dictionary<PythonDefinition, ScopeFacts> functionFacts = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PythonDefinition> computing = new(ReferenceEqualityComparer.Instance);
    private readonly Lock gate = new();
    private readonly ILookup<string, PythonDefinition> functionsByName;
    private ScopeFacts? moduleFacts;
    private bool computingModule;

    private PythonTaint(PythonModule module)
    {
        this.module = module;
        values = module.Values;
        functionsByName = module.Functions.ToLookup(function => function.Name, StringComparer.Ordinal);
    }

    public static PythonTaint Of(PythonModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Cache.GetValue(module, static key => new PythonTaint(key));
    }

    /// <summary>The outside source an expression's value carries for a family, or null when it carries none (or a sanitizer for the family removed it).</summary>
    public TaintSource? SourceOf(PyExpr? expression, PythonDefinition? scope, VulnerabilityFamily family)
    {
        lock (gate)
        {
            var source = Source(expression, scope, Facts(scope), 0);
            return source is not null && source.Reaches(family) ? source : null;
        }
    }

    /// <summary>True when the function is a web handler: a routed function, a view taking the request, a handler class's method.</summary>
    public static bool IsHandler(PythonDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return HandlerParameters(function).Any() || IsRouted(function);
    }

    private sealed class ScopeFacts
    {
        public Dictionary<string, TaintSource> Names { get; } = new(StringComparer.Ordinal);

        /// <summary>Per name, the checks that vouch for it and the lines where they hold.</summary>
        public Dictionary<string, List<(int Mask, int From, int To)>> Guards { get; } = new(StringComparer.Ordinal);
    }

    private ScopeFacts Facts(PythonDefinition? scope)
    {
        if (scope is null)
        {
            if (moduleFacts is not null)
            {
                return moduleFacts;
            }

            if (computingModule)
            {
                return new ScopeFacts();
            }

            computingModule = true;
            try
            {
                return moduleFacts = Compute(null, new Dictionary<string, TaintSource>(StringComparer.Ordinal));
            }
            finally
            {
                computingModule = false;
            }
        }

        if (functionFacts.TryGetValue(scope, out var facts))
        {
            return facts;
        }

        if (!computing.Add(scope))
        {
            return new ScopeFacts();
        }

        try
        {
            var seeds = new Dictionary<string, TaintSource>(StringComparer.Ordinal);
            foreach (var (name, source) in HandlerParameters(scope).Concat(CallerArguments(scope)))
            {
                seeds.TryAdd(name, source);
            }

            facts = Compute(scope, seeds);
            functionFacts[scope] = facts;
            return facts;
        }
        finally
        {
            computing.Remove(scope);
        }
    }

    private ScopeFacts Compute(PythonDefinition? scope, IReadOnlyDictionary<string, TaintSource> seeds)
    {
        var facts = new ScopeFacts();
        foreach (var (name, source) in seeds)
        {
            facts.Names[name] = source;
        }

        var assignments = module.Assignments.Where(assignment => ReferenceEquals(assignment.Scope, scope)).ToList();
        var statements = module.Statements.Where(statement => ReferenceEquals(statement.Scope, scope)).ToList();
        var calls = module.Calls.Where(call => ReferenceEquals(call.Scope, scope) && MutatingMethods.Contains(call.Name)
            && call.Callee.Count(c => c == '.') == 1).ToList();
        NoteGuards(facts, statements, scope);
        NoteCheckCalls(facts, scope);
        for (var pass = 0; pass < 4; pass++)
        {
            var changed = false;
            foreach (var assignment in assignments)
            {
                if (values.Of(assignment) is { } value && Source(value, scope, facts, 0) is { } source)
                {
                    foreach (var name in Names(values.TargetOf(assignment)))
                    {
                        changed |= facts.Names.TryAdd(name, source);
                    }
                }
            }

            foreach (var statement in statements)
            {
                foreach (var (target, iterable) in Bindings(statement))
                {
                    if (Source(iterable, scope, facts, 0) is { } source)
                    {
                        foreach (var name in Names(target))
                        {
                            changed |= facts.Names.TryAdd(name, source);
                        }
                    }
                }
            }

            foreach (var call in calls)
            {
                var receiver = call.Callee[..call.Callee.IndexOf('.', StringComparison.Ordinal)];
                if (!facts.Names.ContainsKey(receiver) && call.Arguments.Select(values.Of).Any(argument => Source(argument, scope, facts, 0) is not null))
                {
                    var source = call.Arguments.Select(values.Of).Select(argument => Source(argument, scope, facts, 0)).First(found => found is not null)!;
                    facts.Names[receiver] = source;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return facts;
    }

    /// <summary>The names a target expression binds: <c>a</c>; <c>a, b</c>; the container of <c>d["k"]</c> or <c>obj.attr</c> (its content changed).</summary>
    private static IEnumerable<string> Names(PyExpr? target) => target switch
    {
        PyName name => [name.Id],
        PyDisplay display => display.Items.SelectMany(Names),
        PySubscript subscript => Names(subscript.Target),
        PyMember { Target: PyName owner } member => [owner.Id + "." + member.Name],
        PyOther { Kind: "star" } star => star.Parts.SelectMany(Names),
        _ => [],
    };

    /// <summary>What <c>for</c> and <c>with</c> headers bind: each target with the value it gets its content from.</summary>
    private IEnumerable<(PyExpr Target, PyExpr Value)> Bindings(PythonStatement statement)
    {
        if (statement.Keyword == "for" && values.Of(statement) is { } header)
        {
            if (header is PyTest { Operator: "in" } single)
            {
                yield return (single.Left, single.Right);
            }
            else if (header is PyDisplay { Kind: PyDisplayKind.Tuple } tuple && tuple.Items.Count > 0 && tuple.Items[^1] is PyTest { Operator: "in" } last)
            {
                foreach (var item in tuple.Items.Take(tuple.Items.Count - 1))
                {
                    yield return (item, last.Right);
                }

                yield return (last.Left, last.Right);
            }
        }
        else if (statement.Keyword == "with" && statement.FirstToken >= 0)
        {
            var tokens = module.Tokens;
            var itemStart = statement.FirstToken;
            var depth = 0;
            for (var i = statement.FirstToken; i <= statement.LastToken; i++)
            {
                var token = tokens[i];
                if (token.Kind == PythonTokenKind.Op && token.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (token.Kind == PythonTokenKind.Op && token.Text is ")" or "]" or "}")
                {
                    depth--;
                }
                else if (depth == 0 && token.IsOp(","))
                {
                    itemStart = i + 1;
                }
                else if (depth <= 1 && token.IsName("as") && i + 1 <= statement.LastToken && tokens[i + 1].Kind == PythonTokenKind.Name
                    && PythonExpressionParser.Parse(tokens, tokens[itemStart].IsOp("(") && depth == 1 ? itemStart + 1 : itemStart, i - 1) is { } value)
                {
                    yield return (new PyName(tokens[i + 1].Text, tokens[i + 1].Start.Line, tokens[i + 1].Start.Column), value);
                }
            }
        }
    }

    /// <summary>Names a test in the function vouches for (allow-list membership, a full-match check, a containment check): trusted for the family the check fits.</summary>
    private void NoteGuards(ScopeFacts facts, List<PythonStatement> statements, PythonDefinition? scope)
    {
        foreach (var statement in statements)
        {
            if (statement.Keyword is not ("if" or "elif" or "while" or "assert") || values.Of(statement) is not { } test)
            {
                continue;
            }

            // A check holds inside its block, and after it when the block leaves the function (or after an assert).
            var from = statement.Line;
            var to = statement.Keyword == "assert" || LeavesFunction(statement, statements) ? int.MaxValue : statement.EndLine;

            foreach (var node in test.DescendantsAndSelf())
            {
                switch (node)
                {
                    case PyTest { Operator: "in" or "not in" or "==" or "!=", Left: var left, Right: var right } when values.IsConstant(right, scope) || right is PyName or PyMember:
                        Guard(facts, left, SanitizerEffect.Everything, from, to);
                        break;
                    case PyCall call:
                        var name = call.Function.DottedName is { } dotted ? values.Resolve(dotted, scope, call.Line) : null;
                        var method = call.Function is PyMember member ? member.Name : null;
                        if (name is not null && PythonSanitizers.Checks.TryGetValue(name, out var effect))
                        {
                            foreach (var argument in call.Arguments)
                            {
                                Guard(facts, argument.Value, effect, from, to);
                            }
                        }
                        else if (method is not null && PythonSanitizers.Checks.TryGetValue(method, out var methodEffect))
                        {
                            Guard(facts, ((PyMember)call.Function).Target, methodEffect, from, to);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Validation calls anywhere in the function (<c>ok = url_has_allowed_host_and_scheme(url=next)</c>) vouch for the names they check.</summary>
    private void NoteCheckCalls(ScopeFacts facts, PythonDefinition? scope)
    {
        foreach (var call in module.Calls)
        {
            if (ReferenceEquals(call.Scope, scope) && call.Callee.Length > 0 && char.IsLower(call.Callee[0])
                && PythonSanitizers.Checks.TryGetValue(values.Resolve(call), out var effect) && effect != SanitizerEffect.Everything
                && values.Of(call) is { } parsed)
            {
                foreach (var argument in parsed.Arguments)
                {
                    Guard(facts, argument.Value, effect, call.Line, int.MaxValue);
                }
            }
        }
    }

    private static void Guard(ScopeFacts facts, PyExpr expression, SanitizerEffect effect, int from, int to)
    {
        foreach (var name in expression.DescendantsAndSelf().OfType<PyName>())
        {
            if (!facts.Guards.TryGetValue(name.Id, out var ranges))
            {
                facts.Guards[name.Id] = ranges = [];
            }

            ranges.Add((1 << (int)effect, from, to));
        }
    }

    /// <summary>True when an <c>if</c> block returns, raises or aborts: code after it runs only when the check passed.</summary>
    private bool LeavesFunction(PythonStatement block, List<PythonStatement> statements) =>
        statements.Any(statement => statement.Keyword is "return" or "raise" && statement.Line > block.Line && statement.Line <= block.EndLine)
        || module.Calls.Any(call => call.Line > block.Line && call.Line <= block.EndLine && ReferenceEquals(call.Scope, block.Scope)
            && call.Name is "abort" or "exit" or "HttpResponseForbidden" or "HttpResponseBadRequest" or "HTTPException");

    private TaintSource? Source(PyExpr? expression, PythonDefinition? scope, ScopeFacts facts, int depth)
    {
        switch (expression)
        {
            case null or PyString or PyConstant or PyLambda:
                return null;
            case PyName name:
                return NameSource(name, scope, facts);
            case PyFString formatted:
                return First(formatted.Fields, scope, facts, depth);
            case PyBinary binary:
                return Source(binary.Left, scope, facts, depth) ?? Source(binary.Right, scope, facts, depth);
            case PyTest { Operator: "or" or "and" } either:
                return Source(either.Left, scope, facts, depth) ?? Source(either.Right, scope, facts, depth);
            case PyTest or PyUnary:
                return null;
            case PyDisplay display:
                return First(display.Items, scope, facts, depth) ?? First(display.Keys.OfType<PyExpr>(), scope, facts, depth);
            case PyComprehension comprehension:
                return First(comprehension.Elements, scope, facts, depth) ?? First(comprehension.Iterables, scope, facts, depth);
            case PyConditional conditional:
                return Source(conditional.Body, scope, facts, depth) ?? Source(conditional.OrElse, scope, facts, depth);
            case PyOther other:
                return First(other.Parts, scope, facts, depth);
            default:
                return RequestData(expression, scope) ?? ChainSource(expression, scope, facts, depth);
        }
    }

    private TaintSource? First(IEnumerable<PyExpr> expressions, PythonDefinition? scope, ScopeFacts facts, int depth)
    {
        foreach (var expression in expressions)
        {
            if (Source(expression, scope, facts, depth) is { } source)
            {
                return source;
            }
        }

        return null;
    }

    private TaintSource? NameSource(PyName name, PythonDefinition? scope, ScopeFacts facts)
    {
        TaintSource? source = null;
        if (facts.Names.TryGetValue(name.Id, out var local))
        {
            source = local;
        }
        else if (scope is not null && !AssignsOrBinds(scope, name.Id))
        {
            source = scope.Parent is { Kind: PythonDefinitionKind.Function } parent
                ? Facts(parent).Names.GetValueOrDefault(name.Id)
                : Facts(null).Names.GetValueOrDefault(name.Id);
        }

        if (source is null && values.Resolve(name.Id, scope, name.Line) is var resolved && PythonSources.SourceValues.TryGetValue(resolved, out var kind))
        {
            source = new TaintSource(kind, name.Id);
        }

        if (source is not null && facts.Guards.TryGetValue(name.Id, out var guards))
        {
            foreach (var (mask, from, to) in guards)
            {
                if (from <= name.Line && name.Line <= to)
                {
                    source = source with { Sanitized = source.Sanitized | mask };
                }
            }
        }

        return source;
    }

    private bool AssignsOrBinds(PythonDefinition scope, string name) =>
        scope.Parameters.Any(parameter => parameter.Name == name) || values.AssignsIn(name, scope);

    /// <summary>Members of the request object that carry the client's data, however the chain continues (<c>request.args.get("x")</c>, <c>request.GET["x"]</c>, <c>self.get_argument("x")</c>).</summary>
    private TaintSource? RequestData(PyExpr expression, PythonDefinition? scope)
    {
        var chain = new List<PyExpr>();
        for (var current = expression; current is not null;)
        {
            chain.Add(current);
            current = current switch
            {
                PyMember member => member.Target,
                PySubscript subscript => subscript.Target,
                PyCall call => call.Function,
                PyOther { Kind: "await", Parts.Count: 1 } awaited => awaited.Parts[0],
                _ => null,
            };
        }

        chain.Reverse();
        for (var i = 0; i < chain.Count; i++)
        {
            if (chain[i] is not PyMember member || member.Target.DottedName is not { } owner)
            {
                continue;
            }

            var isRequest = PythonSources.RequestObjects.Contains(owner) && IsRequestObject(owner, scope, member.Line);
            var isHandlerMethod = owner == "self" && PythonSources.HandlerDataMethods.Contains(member.Name);
            if ((isRequest && PythonSources.RequestDataMembers.Contains(member.Name)) || isHandlerMethod)
            {
                return new TaintSource(TaintSourceKind.RequestData, Describe(expression));
            }
        }

        return null;
    }

    private bool IsRequestObject(string owner, PythonDefinition? scope, int line)
    {
        var head = owner.Split('.')[0];
        if (head == "self")
        {
            return true;
        }

        var resolved = values.Resolve(head, scope, line);
        return string.Equals(resolved, head, StringComparison.Ordinal)
            || resolved.EndsWith(".request", StringComparison.Ordinal) || resolved.EndsWith(".Request", StringComparison.Ordinal);
    }

    private TaintSource? ChainSource(PyExpr expression, PythonDefinition? scope, ScopeFacts facts, int depth)
    {
        switch (expression)
        {
            case PyMember member:
                return ResolvedValue(member, scope) ?? Source(member.Target, scope, facts, depth);
            case PySubscript subscript:
                return ResolvedValue(subscript, scope) ?? Source(subscript.Target, scope, facts, depth);
            case PyCall call:
                return CallSource(call, scope, facts, depth);
            default:
                return null;
        }
    }

    private TaintSource? ResolvedValue(PyExpr expression, PythonDefinition? scope)
    {
        if (expression.DottedName is not { } dotted)
        {
            return null;
        }

        var resolved = values.Resolve(dotted, scope, expression.Line);
        foreach (var (value, kind) in PythonSources.SourceValues)
        {
            if (resolved.StartsWith(value, StringComparison.Ordinal)
                && (resolved.Length == value.Length || resolved[value.Length] is '[' or '.'))
            {
                return new TaintSource(kind, Describe(expression));
            }
        }

        return null;
    }

    private TaintSource? CallSource(PyCall call, PythonDefinition? scope, ScopeFacts facts, int depth)
    {
        var dotted = call.Function.DottedName;
        var resolved = dotted is null ? null : values.Resolve(dotted, scope, call.Line);
        if (resolved is not null)
        {
            if (PythonSources.SourceCalls.TryGetValue(resolved, out var kind))
            {
                return new TaintSource(kind, Describe(call));
            }

            if (PythonSanitizers.Calls.TryGetValue(resolved, out var effect))
            {
                return effect == SanitizerEffect.Everything ? null : First(call.Arguments.Select(argument => argument.Value), scope, facts, depth)?.Through(effect);
            }

            if (PythonSanitizers.Propagators.Contains(resolved))
            {
                return First(call.Arguments.Select(argument => argument.Value), scope, facts, depth);
            }

            if (OwnFunction(call, scope) is { } function)
            {
                return depth < MaxCallDepth ? ReturnSource(function, call, scope, facts, depth + 1) : null;
            }
        }

        if (call.Function is PyMember { Target.DottedName: { } receiverName } read)
        {
            var last = receiverName[(receiverName.LastIndexOf('.') + 1)..];
            if (PythonSources.NetworkReads.Contains(read.Name) && PythonSources.SocketNames.Contains(last))
            {
                return new TaintSource(TaintSourceKind.Network, Describe(call));
            }

            if (PythonSources.ArgumentParsing.Contains(read.Name) && last.Contains("parser", StringComparison.OrdinalIgnoreCase))
            {
                return new TaintSource(TaintSourceKind.CommandLine, Describe(call));
            }
        }

        if (call.Function is PyMember method)
        {
            if (Source(method.Target, scope, facts, depth) is { } receiver)
            {
                return receiver;
            }

            if (StringBuildingMethods.Contains(method.Name))
            {
                return First(call.Arguments.Select(argument => argument.Value), scope, facts, depth);
            }
        }

        return null;
    }

    /// <summary>A function of this module that a call invokes: <c>f(...)</c>, or <c>self.f(...)</c>/<c>cls.f(...)</c> from a method of the same class.</summary>
    private PythonDefinition? OwnFunction(PyCall call, PythonDefinition? scope)
    {
        var (name, viaSelf) = call.Function switch
        {
            PyName plain => (plain.Id, false),
            PyMember { Target: PyName { Id: "self" or "cls" } } member => (member.Name, true),
            _ => (null, false),
        };
        if (name is null)
        {
            return null;
        }

        var candidates = functionsByName[name].ToList();
        if (viaSelf)
        {
            var owner = ClassOf(scope);
            return candidates.FirstOrDefault(candidate => ReferenceEquals(candidate.Parent, owner));
        }

        return candidates.Count == 1 && !candidates[0].IsMethod ? candidates[0] : null;
    }

    private static PythonDefinition? ClassOf(PythonDefinition? scope)
    {
        for (var current = scope; current is not null; current = current.Parent)
        {
            if (current.Kind == PythonDefinitionKind.Class)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>What a call of a module function returns: a source the function reads itself, or the tainted arguments it hands back.</summary>
    private TaintSource? ReturnSource(PythonDefinition function, PyCall call, PythonDefinition? scope, ScopeFacts facts, int depth)
    {
        var seeds = new Dictionary<string, TaintSource>(StringComparer.Ordinal);
        var parameters = function.Parameters.Where(parameter => !parameter.IsSelfOrCls).ToList();
        var position = 0;
        foreach (var argument in call.Arguments)
        {
            var parameter = argument.Keyword is null
                ? parameters.ElementAtOrDefault(position++)
                : parameters.FirstOrDefault(candidate => candidate.Name == argument.Keyword);
            if (parameter is not null && Source(argument.Value, scope, facts, depth) is { } source)
            {
                seeds[parameter.Name] = source;
            }
        }

        if (!computing.Add(function))
        {
            return null;
        }

        try
        {
            var own = seeds.Count == 0 ? Facts(function) : Compute(function, seeds);
            foreach (var statement in module.Statements)
            {
                if (ReferenceEquals(statement.Scope, function) && statement.Keyword == "return"
                    && Source(values.Of(statement), function, own, depth) is { } returned)
                {
                    return returned;
                }
            }

            return null;
        }
        finally
        {
            computing.Remove(function);
        }
    }

    /// <summary>Parameters of a function that the web framework fills from the request.</summary>
    private static IEnumerable<(string Name, TaintSource Source)> HandlerParameters(PythonDefinition function)
    {
        if (function.Kind != PythonDefinitionKind.Function)
        {
            yield break;
        }

        var parameters = function.Parameters.Where(parameter => !parameter.IsSelfOrCls).ToList();
        var requestIndex = parameters.FindIndex(parameter => parameter.Name is "request" or "req");
        var routed = IsRouted(function);
        var handlerClass = function.Parent is { Kind: PythonDefinitionKind.Class } owner
            && owner.Bases.Any(baseName => PythonSources.HandlerBases.Contains(baseName) || PythonSources.HandlerBases.Contains(baseName.Split('.')[^1]))
            && function.Name is "get" or "post" or "put" or "patch" or "delete" or "head" or "options" or "dispatch";
        var lambda = parameters.Count == 2 && parameters[0].Name == "event" && parameters[1].Name == "context";
        if (lambda)
        {
            yield return ("event", new TaintSource(TaintSourceKind.RequestData, "the `event` of a Lambda handler"));
            yield break;
        }

        if (!routed && !handlerClass && requestIndex != 0)
        {
            yield break;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (i == requestIndex || parameter.Kind == PythonParameterKind.VarKeyword || IsSafeParameter(parameter)
                || (requestIndex < 0 && routed && i == 0 && parameter.Annotation is { } type && type.EndsWith("Request", StringComparison.Ordinal)))
            {
                continue;
            }

            yield return (parameter.Name, new TaintSource(TaintSourceKind.RequestData, $"`{parameter.Name}` of the handler `{function.Name}`"));
        }
    }

    private static bool IsSafeParameter(PythonParameter parameter)
    {
        if (parameter.Default is { } defaultValue && defaultValue.Contains("Depends(", StringComparison.Ordinal))
        {
            return true;
        }

        if (parameter.Annotation is not { } annotation)
        {
            return false;
        }

        var type = annotation.Replace("Optional[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)
            .Split('|')[0].Trim();
        if (type.StartsWith("Annotated[", StringComparison.Ordinal))
        {
            type = type["Annotated[".Length..].Split(',')[0].Trim();
        }

        return PythonSources.SafeParameterTypes.Contains(type) || type is "Request" or "HttpRequest" or "Response" or "BackgroundTasks" or "WebSocket" or "Session";
    }

    private static bool IsRouted(PythonDefinition function) => function.Decorators.Any(decorator =>
    {
        var text = decorator.Text;
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var callee = open < 0 ? text : text[..open];
        var name = callee[(callee.LastIndexOf('.') + 1)..];
        if (!PythonSources.RouteDecoratorNames.Contains(name))
        {
            return false;
        }

        if (name is "get" or "post" or "put" or "delete" or "patch" or "head" or "options")
        {
            var rest = open < 0 ? string.Empty : text[(open + 1)..].TrimStart();
            return rest.StartsWith("\"/", StringComparison.Ordinal) || rest.StartsWith("'/", StringComparison.Ordinal)
                || callee.Split('.')[0] is "app" or "router" or "api" or "bp" or "blueprint" or "routes" or "web";
        }

        return true;
    });

    /// <summary>Route parameters given an <c>int</c>/<c>uuid</c> converter in the route are not text.</summary>
    private IEnumerable<(string Name, TaintSource Source)> CallerArguments(PythonDefinition function)
    {
        if (function.Kind != PythonDefinitionKind.Function || IsRouted(function))
        {
            yield break;
        }

        var parameters = function.Parameters.Where(parameter => !parameter.IsSelfOrCls).ToList();
        foreach (var call in module.Calls)
        {
            if (ReferenceEquals(call.Scope, function) || call.Name != function.Name
                || !(call.Callee == function.Name || (function.IsMethod && call.Callee is var callee && (callee == "self." + function.Name || callee == "cls." + function.Name))))
            {
                continue;
            }

            var callerFacts = Facts(call.Scope);
            var position = 0;
            foreach (var argument in call.Arguments)
            {
                var parameter = argument.Keyword is null
                    ? parameters.ElementAtOrDefault(position++)
                    : parameters.FirstOrDefault(candidate => candidate.Name == argument.Keyword);
                if (parameter is not null && Source(values.Of(argument), call.Scope, callerFacts, 1) is { } source)
                {
                    yield return (parameter.Name, source);
                }
            }
        }
    }

    private string Describe(PyExpr expression)
    {
        var text = values.FirstToken(expression) is { } first
            ? LineText(first)
            : expression.DottedName ?? "a value from outside";
        return text.Length > 60 ? text[..57] + "…" : text;
    }

    private string LineText(PythonToken first)
    {
        // The source from the expression's first token to the end of its bracket group or name chain.
        var source = module.Tokenization.Source;
        var start = first.StartOffset;
        var depth = 0;
        var end = start;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
                end = i + 1;
                continue;
            }
            else if (depth == 0 && !(char.IsLetterOrDigit(c) || c is '_' or '.'))
            {
                break;
            }
            else if (c == '\n')
            {
                break;
            }

            end = i + 1;
        }

        return source[start..end];
    }
}
