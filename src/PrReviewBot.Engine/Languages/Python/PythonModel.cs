namespace PrReviewBot.Engine.Languages.Python;

/// <summary>One imported name. <c>import a.b</c> binds <c>a</c>; <c>from x import y as z</c> binds <c>z</c>; a star import binds <c>*</c>.</summary>
/// <param name="Module">The module as written: <c>a.b.c</c>, or for a from-import the part after <c>from</c> including its dots (<c>..pkg</c>, <c>.</c>).</param>
/// <param name="ImportedName">For a from-import the name after <c>import</c> (or <c>*</c>); null for a plain import.</param>
/// <param name="Level">The number of leading dots of a relative import.</param>
/// <param name="Line">The line of the imported name itself (multi-line import lists give each name its own line).</param>
/// <param name="StatementLine">The first line of the import statement.</param>
/// <param name="NoqaComment">The text of a <c># noqa</c> comment on any line of the statement, or null.</param>
public sealed record PythonImport(
    string Module,
    string? ImportedName,
    string? Alias,
    string BoundName,
    int Level,
    int Line,
    int StatementLine,
    int StatementEndLine,
    bool InTypeChecking,
    bool InTry,
    bool InFunction,
    string? NoqaComment)
{
    public bool IsFromImport => ImportedName is not null;

    public bool IsStar => string.Equals(ImportedName, "*", StringComparison.Ordinal);

    public bool IsFuture => IsFromImport && Level == 0 && string.Equals(Module, "__future__", StringComparison.Ordinal);
}

/// <summary>A string literal's value with prefix and quotes removed (escapes are left as written).</summary>
public sealed record PythonStringEntry(string Value, int Line);

public sealed record PythonDecorator(string Text, int Line);

public enum PythonParameterKind
{
    PositionalOnly,
    Regular,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}

/// <param name="IsSelfOrCls">The first parameter of a method that is not a <c>@staticmethod</c> (the receiver, whatever its name).</param>
public sealed record PythonParameter(
    string Name,
    PythonParameterKind Kind,
    string? Annotation,
    string? Default,
    bool IsSelfOrCls,
    int Line,
    int Column);

/// <summary>A docstring: the value of the first statement's string literal, and where the literal lies.</summary>
public sealed record PythonDocstring(string Text, int Line, int EndLine);

public enum PythonDefinitionKind
{
    Function,
    Class,
}

/// <summary>A def, async def or class. <see cref="Line"/> is the def/class line; <see cref="EndLine"/> the last line of the body.</summary>
public sealed record PythonDefinition(
    PythonDefinitionKind Kind,
    string Name,
    bool IsAsync,
    int Line,
    int Column,
    IReadOnlyList<PythonDecorator> Decorators,
    IReadOnlyList<PythonParameter> Parameters,
    string? ReturnAnnotation,
    IReadOnlyList<string> Bases,
    IReadOnlyDictionary<string, string> ClassKeywords,
    PythonDefinition? Parent)
{
    public int EndLine { get; internal set; }

    public PythonDocstring? Docstring { get; internal set; }

    public bool IsMethod => Kind == PythonDefinitionKind.Function && Parent?.Kind == PythonDefinitionKind.Class;

    /// <summary>True when the signature annotates its return or any parameter: the author types this function.</summary>
    public bool IsAnnotated => ReturnAnnotation is not null || Parameters.Any(parameter => parameter.Annotation is not null);

    /// <summary>Dotted path through enclosing definitions, e.g. <c>Outer.Inner.method</c>.</summary>
    public string QualifiedName
    {
        get
        {
            var parts = new List<string>();
            for (var definition = this; definition is not null; definition = definition.Parent)
            {
                parts.Add(definition.Name);
            }

            parts.Reverse();
            return string.Join('.', parts);
        }
    }

    public bool HasDecorator(string name) => Decorators.Any(decorator =>
        string.Equals(decorator.Text, name, StringComparison.Ordinal)
        || decorator.Text.StartsWith(name + "(", StringComparison.Ordinal)
        || decorator.Text.EndsWith("." + name, StringComparison.Ordinal));
}

public enum PythonTargetKind
{
    Name,
    Attribute,
    Subscript,
}

public sealed record PythonAssignmentTarget(string Text, PythonTargetKind Kind, int Line, int Column);

/// <summary>An assignment statement; for <c>a = b = 1</c> the targets of every part; augmented assignments carry their operator.</summary>
/// <param name="Scope">The enclosing def or class, null at module level.</param>
public sealed record PythonAssignment(
    IReadOnlyList<PythonAssignmentTarget> Targets,
    string? Annotation,
    string? Value,
    string? AugmentedOperator,
    int Line,
    PythonDefinition? Scope)
{
    public bool IsAugmented => AugmentedOperator is not null;

    /// <summary>Index in <see cref="PythonTokenization.Tokens"/> of the value's first token, or -1 without a value.</summary>
    public int ValueFirstToken { get; init; } = -1;

    public int ValueLastToken { get; init; } = -1;

    /// <summary>Index in <see cref="PythonTokenization.Tokens"/> of the first target token (of the first target list).</summary>
    public int TargetFirstToken { get; init; } = -1;

    public int TargetLastToken { get; init; } = -1;
}

/// <summary>
/// A statement the value layer reads beyond assignments and calls: <c>return</c>, <c>yield</c>,
/// the tests of <c>if</c>/<c>elif</c>/<c>while</c>/<c>assert</c>, the headers of <c>for</c> and
/// <c>with</c>, <c>raise</c>, and plain expression statements.
/// </summary>
/// <param name="Keyword">The leading keyword, or an empty string for an expression statement.</param>
/// <param name="FirstToken">Index in <see cref="PythonTokenization.Tokens"/> of the first token after the keyword (up to the header colon for compound statements).</param>
/// <param name="EndLine">The last line of the statement's block for compound statements; the statement's line otherwise.</param>
public sealed record PythonStatement(string Keyword, int FirstToken, int LastToken, int Line, PythonDefinition? Scope)
{
    public int EndLine { get; internal set; } = Line;
}

public enum PythonNameUseSource
{
    Code,
    StringAnnotation,
    TypeComment,
    FString,
}

/// <summary>A name read (loaded) somewhere in the module.</summary>
public sealed record PythonNameUse(string Name, int Line, int Column, PythonNameUseSource Source);

/// <summary>One call argument. Token indices point into <see cref="PythonTokenization.Tokens"/>.</summary>
/// <param name="Keyword">The keyword of a keyword argument, <c>**</c> for a <c>**mapping</c>, null for a positional one.</param>
/// <remarks>The text is cut from the source on demand, so deeply nested calls do not copy their arguments over and over.</remarks>
public sealed record PythonArgument(string? Keyword, int FirstToken, int LastToken, int Line)
{
    internal string Source { get; init; } = string.Empty;

    internal int StartOffset { get; init; }

    internal int EndOffset { get; init; }

    /// <summary>The value's source text (for <c>*args</c> including the star).</summary>
    public string Text => Source[StartOffset..EndOffset];
}

/// <param name="Callee">Dotted name of what is called, with bracket groups shown empty: <c>os.system</c>, <c>conn.cursor().execute</c>.</param>
public sealed record PythonCall(string Callee, int Line, int Column, IReadOnlyList<PythonArgument> Arguments, PythonDefinition? Scope)
{
    /// <summary>The arguments without a keyword, in order; computed once, since every security rule asks for them.</summary>
    public IReadOnlyList<PythonArgument> Positional { get; } = PositionalOf(Arguments);

    // Rules ask this of most calls they look at: a plain loop, without a closure each time.
    public PythonArgument? Keyword(string name)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (string.Equals(Arguments[i].Keyword, name, StringComparison.Ordinal))
            {
                return Arguments[i];
            }
        }

        return null;
    }

    /// <summary>Index in <see cref="PythonTokenization.Tokens"/> of the callee's first token.</summary>
    public int FirstToken { get; init; } = -1;

    /// <summary>Index in <see cref="PythonTokenization.Tokens"/> of the closing bracket.</summary>
    public int LastToken { get; init; } = -1;

    private static PythonArgument[] PositionalOf(IReadOnlyList<PythonArgument> arguments)
    {
        var count = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            count += arguments[i].Keyword is null ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var positional = new PythonArgument[count];
        for (int i = 0, next = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Keyword is null)
            {
                positional[next++] = arguments[i];
            }
        }

        return positional;
    }

    /// <summary>The last segment of the callee: <c>execute</c> for <c>cursor.execute</c>; cut once, since every rule asks it of every call.</summary>
    public string Name { get; } = Callee[(Callee.LastIndexOf('.') + 1)..];
}

/// <summary>A structural model of one Python module, built from tokens without a full grammar; never throws.</summary>
public sealed record PythonModule(
    PythonTokenization Tokenization,
    PythonDocstring? Docstring,
    IReadOnlyList<PythonImport> Imports,
    IReadOnlyList<PythonStringEntry>? DunderAll,
    IReadOnlyList<PythonDefinition> Definitions,
    IReadOnlyList<PythonAssignment> Assignments,
    IReadOnlyList<PythonNameUse> NamesRead,
    IReadOnlyList<PythonCall> Calls,
    IReadOnlyList<PythonProblem> Problems)
{
    public static PythonModule Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new PythonModuleBuilder(PythonTokenizer.Tokenize(source)).Build();
    }

    public IReadOnlyList<PythonToken> Tokens => Tokenization.Tokens;

    /// <summary>Returns, tests, loop and with headers, raises and expression statements, in source order.</summary>
    public IReadOnlyList<PythonStatement> Statements { get; init; } = [];

    private Values.PythonValues? values;

    /// <summary>The value layer: parsed expressions of arguments, assignments and statements, name resolution and constant values.</summary>
    /// <remarks>Rules ask for it at every call they look at: it is read without making the initializer (a closure) once it exists.</remarks>
    public Values.PythonValues Values => values ?? LazyInitializer.EnsureInitialized(ref values, () => new Values.PythonValues(this));

    /// <summary>Every comment token, in source order (<c># type:</c> and <c># noqa</c> comments included).</summary>
    public IEnumerable<PythonToken> Comments => Tokens.Where(token => token.Kind == PythonTokenKind.Comment);

    public IEnumerable<PythonDefinition> Functions => Definitions.Where(definition => definition.Kind == PythonDefinitionKind.Function);

    public IEnumerable<PythonDefinition> Classes => Definitions.Where(definition => definition.Kind == PythonDefinitionKind.Class);
}
