namespace PrReviewBot.Engine.Languages.Python.Values;

/// <summary>
/// A Python expression as the value layer sees it: enough structure for rules to ask where a value
/// comes from (literals, names, attribute chains, calls, string building) without re-reading text.
/// Anything the parser does not model keeps its children in <see cref="PyOther"/>, so a value built
/// from an unusual expression is still traced through its parts.
/// </summary>
/// <param name="Line">The line of the expression's first token.</param>
public abstract record PyExpr(int Line, int Column)
{
    /// <summary>The expressions directly inside this one, in source order.</summary>
    public abstract IEnumerable<PyExpr> Children { get; }

    /// <summary>This expression and every expression inside it.</summary>
    public IEnumerable<PyExpr> DescendantsAndSelf()
    {
        var stack = new Stack<PyExpr>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.Children.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The dotted text of a name or attribute chain (<c>request.args.get</c>), with calls and subscripts shown as <c>()</c> and <c>[]</c>; null for other shapes.</summary>
    public virtual string? DottedName => null;
}

public sealed record PyName(string Id, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [];

    public override string DottedName => Id;
}

public sealed record PyMember(PyExpr Target, string Name, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Target];

    public override string? DottedName => Target.DottedName is { } target ? target + "." + Name : null;
}

public sealed record PySubscript(PyExpr Target, PyExpr? Index, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => Index is null ? [Target] : [Target, Index];

    public override string? DottedName => Target.DottedName is { } target ? target + "[]" : null;
}

/// <summary>One argument of a call; <see cref="Keyword"/> is null for positional ones, <c>*</c> or <c>**</c> for unpacking.</summary>
public sealed record PyArgument(string? Keyword, PyExpr Value);

public sealed record PyCall(PyExpr Function, IReadOnlyList<PyArgument> Arguments, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Function, .. Arguments.Select(argument => argument.Value)];

    public override string? DottedName => Function.DottedName is { } function ? function + "()" : null;

    public IEnumerable<PyExpr> Positional => Arguments.Where(argument => argument.Keyword is null).Select(argument => argument.Value);

    // Rules ask these of most calls they look at: plain loops, without a closure or an enumerator each time.
    public PyExpr? Keyword(string name)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (string.Equals(Arguments[i].Keyword, name, StringComparison.Ordinal))
            {
                return Arguments[i].Value;
            }
        }

        return null;
    }

    /// <summary>The argument at a position, or the keyword argument of that name.</summary>
    public PyExpr? Argument(int position, string? keyword)
    {
        if (keyword is not null && Keyword(keyword) is { } named)
        {
            return named;
        }

        if (position < 0)
        {
            return null;
        }

        var index = 0;
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (Arguments[i].Keyword is null && index++ == position)
            {
                return Arguments[i].Value;
            }
        }

        return null;
    }
}

/// <summary>One or more adjacent plain string literals; <see cref="Value"/> is their text joined, escapes as written.</summary>
public sealed record PyString(string Value, bool IsBytes, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [];
}

/// <summary>An f-string (possibly joined with plain literals): the literal text between fields and the fields' expressions, in order.</summary>
public sealed record PyFString(IReadOnlyList<string> Literals, IReadOnlyList<PyExpr> Fields, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => Fields;
}

/// <summary>Numbers, <c>True</c>, <c>False</c>, <c>None</c>, <c>...</c>.</summary>
public sealed record PyConstant(string Text, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [];
}

public sealed record PyBinary(string Operator, PyExpr Left, PyExpr Right, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Left, Right];
}

/// <summary>Comparisons (<c>==</c>, <c>in</c>, <c>is not</c>…) and boolean operators: their result is a bool.</summary>
public sealed record PyTest(string Operator, PyExpr Left, PyExpr Right, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Left, Right];
}

public sealed record PyUnary(string Operator, PyExpr Operand, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Operand];
}

public enum PyDisplayKind
{
    List,
    Tuple,
    Set,
    Dict,
}

/// <summary>A display; for a dict, <see cref="Items"/> holds the values and <see cref="Keys"/> the keys (null for <c>**spread</c>).</summary>
public sealed record PyDisplay(PyDisplayKind Kind, IReadOnlyList<PyExpr> Items, IReadOnlyList<PyExpr?> Keys, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [.. Keys.OfType<PyExpr>(), .. Items];

    /// <summary>The value stored under a constant string key of a dict display.</summary>
    public PyExpr? ValueOf(string key)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (Keys[i] is PyString text && string.Equals(text.Value, key, StringComparison.Ordinal))
            {
                return Items[i];
            }
        }

        return null;
    }
}

/// <summary><c>a if test else b</c>.</summary>
public sealed record PyConditional(PyExpr Body, PyExpr Test, PyExpr OrElse, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Body, Test, OrElse];
}

/// <summary>A comprehension or generator: the element expressions and what they iterate.</summary>
public sealed record PyComprehension(PyDisplayKind Kind, IReadOnlyList<PyExpr> Elements, IReadOnlyList<PyExpr> Iterables, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [.. Elements, .. Iterables];
}

/// <summary><c>lambda</c>: its body is not evaluated where it is written.</summary>
public sealed record PyLambda(PyExpr Body, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => [Body];
}

/// <summary><c>await x</c>, <c>*x</c>, <c>x := y</c> and anything else the layer passes through to its parts.</summary>
public sealed record PyOther(string Kind, IReadOnlyList<PyExpr> Parts, int Line, int Column) : PyExpr(Line, Column)
{
    public override IEnumerable<PyExpr> Children => Parts;
}
