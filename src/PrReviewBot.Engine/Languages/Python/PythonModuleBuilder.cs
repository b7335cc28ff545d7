using System.Text;
using System.Text.RegularExpressions;

namespace PrReviewBot.Engine.Languages.Python;

/// <summary>
/// One linear pass over the tokens of a module: statements are cut at NEWLINE, blocks follow INDENT/DEDENT,
/// and each statement is read for what the model records. Loops and explicit stacks only, so deep nesting cannot overflow.
/// </summary>
internal sealed partial class PythonModuleBuilder
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    private static readonly HashSet<string> CompoundKeywords = new(StringComparer.Ordinal)
    {
        "if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class",
    };

    private static readonly HashSet<string> AugmentedOperators = new(StringComparer.Ordinal)
    {
        "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=",
    };

    private enum BlockKind
    {
        Module,
        Function,
        Class,
        TypeCheckingIf,
        Try,
        Other,
    }

    private sealed class Block
    {
        public BlockKind Kind;
        public int BodyLevel;
        public PythonDefinition? Definition;
        public bool SawStatement;
        public PythonStatement? Statement;
    }

    private readonly PythonTokenization tokenization;
    private readonly string source;
    private readonly List<PythonToken> code;
    private readonly List<int> codeIndex;
    private int[] match = [];
    private readonly Dictionary<int, string> commentByLine = [];
    private readonly List<Block> blocks = [new Block { Kind = BlockKind.Module }];
    private readonly List<PythonDecorator> pendingDecorators = [];
    private readonly Queue<(string Text, PythonPosition Start, PythonNameUseSource Source)> subExpressions = new();

    private readonly List<PythonImport> imports = [];
    private readonly List<PythonStringEntry> dunderAll = [];
    private bool hasDunderAll;
    private readonly List<PythonDefinition> definitions = [];
    private readonly List<PythonAssignment> assignments = [];
    private readonly List<PythonNameUse> names = [];
    private readonly List<PythonCall> calls = [];
    private readonly List<PythonStatement> statements = [];
    private readonly List<PythonProblem> problems = [];
    private PythonDocstring? moduleDocstring;
    private int functionDepth;
    private int typeCheckingDepth;
    private int tryDepth;
    private int lastLine = 1;

    public PythonModuleBuilder(PythonTokenization tokenization)
    {
        this.tokenization = tokenization;
        source = tokenization.Source;
        code = new List<PythonToken>(tokenization.Tokens.Count);
        codeIndex = new List<int>(tokenization.Tokens.Count);
        problems.AddRange(tokenization.Problems);
    }

    public PythonModule Build()
    {
        var logicalLines = CutStatements();
        ComputeMatches(logicalLines);
        foreach (var (start, end, level) in logicalLines)
        {
            ProcessStatement(start, end, level);
            lastLine = code[end - 1].End.Line;
        }

        PopBlocks(-1);
        DrainSubExpressions();
        return new PythonModule(
            tokenization,
            moduleDocstring,
            imports,
            hasDunderAll ? dunderAll : null,
            definitions,
            assignments,
            names,
            calls,
            problems)
        {
            Statements = statements,
        };
    }

    private List<(int Start, int End, int Level)> CutStatements()
    {
        var statements = new List<(int, int, int)>();
        var level = 0;
        var start = 0;
        var startLevel = 0;
        var tokens = tokenization.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case PythonTokenKind.Comment:
                    commentByLine[token.Start.Line] = token.Text;
                    QueueTypeComment(token);
                    break;
                case PythonTokenKind.Indent:
                    level++;
                    break;
                case PythonTokenKind.Dedent:
                    level = Math.Max(0, level - 1);
                    break;
                case PythonTokenKind.NonLogicalNewline:
                    break;
                case PythonTokenKind.Newline or PythonTokenKind.EndMarker:
                    if (code.Count > start)
                    {
                        statements.Add((start, code.Count, startLevel));
                    }

                    start = code.Count;
                    startLevel = level;
                    break;
                default:
                    if (code.Count == start)
                    {
                        startLevel = level;
                    }

                    code.Add(token);
                    codeIndex.Add(i);
                    break;
            }
        }

        return statements;
    }

    private void ComputeMatches(List<(int Start, int End, int Level)> statements)
    {
        match = new int[code.Count];
        Array.Fill(match, -1);
        var stack = new List<int>();
        foreach (var (start, end, _) in statements)
        {
            stack.Clear();
            for (var i = start; i < end; i++)
            {
                var token = code[i];
                if (token.Kind != PythonTokenKind.Op || token.Text.Length != 1)
                {
                    continue;
                }

                switch (token.Text[0])
                {
                    case '(' or '[' or '{':
                        stack.Add(i);
                        break;
                    case ')' or ']' or '}':
                        if (stack.Count > 0)
                        {
                            var open = stack[^1];
                            stack.RemoveAt(stack.Count - 1);
                            match[open] = i;
                            match[i] = open;
                        }

                        break;
                }
            }
        }
    }

    private void QueueTypeComment(PythonToken comment)
    {
        var body = comment.Text.AsSpan(1);
        var trimmed = body.TrimStart();
        if (!trimmed.StartsWith("type:", StringComparison.Ordinal))
        {
            return;
        }

        var rest = trimmed[5..];
        var restTrimmed = rest.TrimStart();
        if (restTrimmed.StartsWith("ignore", StringComparison.Ordinal))
        {
            return;
        }

        var column = comment.Start.Column + comment.Text.Length - restTrimmed.Length;
        subExpressions.Enqueue((restTrimmed.ToString(), comment.Start with { Column = column }, PythonNameUseSource.TypeComment));
    }

    private bool IsOp(int i, string op) => code[i].IsOp(op);

    /// <summary>The index in the full token list of code token <paramref name="i"/>, or -1 when it lies outside <c>[0, end)</c>.</summary>
    private int TokenIndex(int i, int end) => i >= 0 && i < end ? codeIndex[i] : -1;

    private bool IsKeyword(int i) => code[i].Kind == PythonTokenKind.Name && Keywords.Contains(code[i].Text);

    private string Text(int start, int end) =>
        end <= start ? string.Empty : source[code[start].StartOffset..code[end - 1].EndOffset];

    /// <summary>End (exclusive) of the bracket group opened at <paramref name="open"/>, clipped to <paramref name="limit"/>.</summary>
    private int After(int open, int limit) => match[open] > open && match[open] < limit ? match[open] + 1 : limit;

    private bool IsOpener(int i) => code[i].Kind == PythonTokenKind.Op && code[i].Text is "(" or "[" or "{";

    private TopLevelParts SplitTopLevel(int start, int end, string separator) => new(this, start, end, separator);

    /// <summary>
    /// The parts of <c>code[start..end)</c> between separators outside brackets, found as they are read: every
    /// statement and every call is split, and a list for each would be most of what the model allocates.
    /// </summary>
    private readonly struct TopLevelParts(PythonModuleBuilder builder, int start, int end, string separator)
    {
        public Enumerator GetEnumerator() => new(builder, start, end, separator);

        public struct Enumerator(PythonModuleBuilder builder, int start, int end, string separator)
        {
            // Where the next part starts; past the end once the last part was read.
            private int next = start;

            public (int Start, int End) Current { get; private set; }

            public bool MoveNext()
            {
                if (next > end)
                {
                    return false;
                }

                var partStart = next;
                var i = next;
                while (i < end)
                {
                    if (builder.IsOpener(i))
                    {
                        i = builder.After(i, end);
                        continue;
                    }

                    if (builder.IsOp(i, separator))
                    {
                        Current = (partStart, i);
                        next = i + 1;
                        return true;
                    }

                    i++;
                }

                Current = (partStart, end);
                next = end + 1;
                return true;
            }
        }
    }

    private void PopBlocks(int level)
    {
        while (blocks.Count > 1 && blocks[^1].BodyLevel > level)
        {
            PopBlock();
        }
    }

    private void PopBlock()
    {
        var block = blocks[^1];
        blocks.RemoveAt(blocks.Count - 1);
        if (block.Definition is not null)
        {
            block.Definition.EndLine = Math.Max(block.Definition.Line, lastLine);
        }

        if (block.Statement is not null)
        {
            block.Statement.EndLine = Math.Max(block.Statement.Line, lastLine);
        }

        if (!block.SawStatement)
        {
            problems.Add(new PythonProblem(lastLine, "expected an indented block"));
        }

        switch (block.Kind)
        {
            case BlockKind.Function:
                functionDepth--;
                break;
            case BlockKind.TypeCheckingIf:
                typeCheckingDepth--;
                break;
            case BlockKind.Try:
                tryDepth--;
                break;
        }
    }

    private void PushBlock(BlockKind kind, int bodyLevel, PythonDefinition? definition)
    {
        blocks.Add(new Block { Kind = kind, BodyLevel = bodyLevel, Definition = definition });
        switch (kind)
        {
            case BlockKind.Function:
                functionDepth++;
                break;
            case BlockKind.TypeCheckingIf:
                typeCheckingDepth++;
                break;
            case BlockKind.Try:
                tryDepth++;
                break;
        }
    }

    private PythonDefinition? CurrentDefinition
    {
        get
        {
            for (var i = blocks.Count - 1; i >= 0; i--)
            {
                if (blocks[i].Definition is { } definition)
                {
                    return definition;
                }
            }

            return null;
        }
    }

    private void ProcessStatement(int start, int end, int level)
    {
        PopBlocks(level);
        if (level > blocks[^1].BodyLevel)
        {
            problems.Add(new PythonProblem(code[start].Start.Line, "unexpected indent"));
        }

        NoteFirstStatement(start, end);
        CollectCalls(start, end);

        if (IsOp(start, "@"))
        {
            pendingDecorators.Add(new PythonDecorator(Text(start + 1, end), code[start].Start.Line));
            CollectLoads(start + 1, end);
            return;
        }

        var keywordIndex = start;
        var isAsync = code[start].IsName("async") && start + 1 < end && code[start + 1].Text is "def" or "for" or "with";
        if (isAsync)
        {
            keywordIndex++;
        }

        var keyword = code[keywordIndex].Kind == PythonTokenKind.Name ? code[keywordIndex].Text : string.Empty;
        var isCompound = CompoundKeywords.Contains(keyword)
            || (keyword is "match" or "case" && IsOp(end - 1, ":") && keywordIndex + 1 < end && !IsOp(keywordIndex + 1, "=")
                && !IsOp(keywordIndex + 1, "."));
        if (!isCompound)
        {
            pendingDecorators.Clear();
            foreach (var (partStart, partEnd) in SplitTopLevel(start, end, ";"))
            {
                if (partEnd > partStart)
                {
                    ProcessSimple(partStart, partEnd);
                }
            }

            return;
        }

        var colon = FindHeaderColon(keywordIndex + 1, end);
        var headerEnd = colon < 0 ? end : colon;
        if (colon < 0)
        {
            problems.Add(new PythonProblem(code[start].Start.Line, "expected ':'"));
        }

        var kind = BlockKind.Other;
        PythonDefinition? definition = null;
        switch (keyword)
        {
            case "def":
                definition = ParseDef(keywordIndex, headerEnd, isAsync);
                kind = BlockKind.Function;
                break;
            case "class":
                definition = ParseClass(keywordIndex, headerEnd);
                kind = BlockKind.Class;
                break;
            case "if":
                kind = IsTypeCheckingTest(keywordIndex + 1, headerEnd) ? BlockKind.TypeCheckingIf : BlockKind.Other;
                CollectLoads(keywordIndex + 1, headerEnd);
                break;
            case "try" or "except":
                kind = BlockKind.Try;
                CollectLoads(keywordIndex + 1, headerEnd);
                break;
            case "for":
                var inIndex = FindTopLevelName(keywordIndex + 1, headerEnd, "in");
                CollectTargets(keywordIndex + 1, inIndex < 0 ? headerEnd : inIndex, recordAssignment: false);
                if (inIndex >= 0)
                {
                    CollectLoads(inIndex + 1, headerEnd);
                }

                break;
            default:
                CollectLoads(keywordIndex + 1, headerEnd);
                break;
        }

        pendingDecorators.Clear();
        PushBlock(kind, level + 1, definition);
        if (keyword is "if" or "elif" or "while" or "for" or "with" && headerEnd > keywordIndex + 1)
        {
            var statement = new PythonStatement(keyword, codeIndex[keywordIndex + 1], codeIndex[headerEnd - 1], code[keywordIndex].Start.Line, CurrentDefinition);
            statements.Add(statement);
            blocks[^1].Statement = statement;
        }

        if (colon >= 0 && colon + 1 < end)
        {
            var headerLast = lastLine;
            lastLine = code[end - 1].End.Line;
            NoteFirstStatement(colon + 1, end);
            foreach (var (partStart, partEnd) in SplitTopLevel(colon + 1, end, ";"))
            {
                if (partEnd > partStart)
                {
                    ProcessSimple(partStart, partEnd);
                }
            }

            PopBlock();
            lastLine = headerLast;
        }
    }

    private void NoteFirstStatement(int start, int end)
    {
        var block = blocks[^1];
        if (block.SawStatement)
        {
            return;
        }

        block.SawStatement = true;
        if (block.Kind is not (BlockKind.Module or BlockKind.Function or BlockKind.Class))
        {
            return;
        }

        for (var i = start; i < end; i++)
        {
            if (code[i].Kind != PythonTokenKind.StringLiteral || code[i].IsFString || code[i].IsBytes)
            {
                return;
            }
        }

        var text = new StringBuilder();
        for (var i = start; i < end; i++)
        {
            text.Append(StringValue(code[i]));
        }

        var docstring = new PythonDocstring(text.ToString(), code[start].Start.Line, code[end - 1].End.Line);
        if (block.Definition is not null)
        {
            block.Definition.Docstring = docstring;
        }
        else
        {
            moduleDocstring = docstring;
        }
    }

    internal static string StringValue(PythonToken token)
    {
        var text = token.Text;
        var i = 0;
        while (i < text.Length && text[i] is not ('\'' or '"'))
        {
            i++;
        }

        var body = text.AsSpan(i);
        var quoteLength = body.Length >= 6 && (body.StartsWith("\"\"\"", StringComparison.Ordinal) || body.StartsWith("'''", StringComparison.Ordinal)) ? 3 : 1;
        return body.Length >= 2 * quoteLength ? body[quoteLength..^quoteLength].ToString() : string.Empty;
    }

    private int FindHeaderColon(int start, int end)
    {
        var lambdas = 0;
        var i = start;
        while (i < end)
        {
            if (IsOpener(i))
            {
                i = After(i, end);
                continue;
            }

            if (code[i].IsName("lambda"))
            {
                lambdas++;
            }
            else if (IsOp(i, ":"))
            {
                if (lambdas == 0)
                {
                    return i;
                }

                lambdas--;
            }

            i++;
        }

        return -1;
    }

    private int FindTopLevelName(int start, int end, string name)
    {
        var i = start;
        while (i < end)
        {
            if (IsOpener(i))
            {
                i = After(i, end);
                continue;
            }

            if (code[i].IsName(name))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private bool IsTypeCheckingTest(int start, int end) =>
        end > start && code[end - 1].IsName("TYPE_CHECKING")
        && (end - start == 1 || (end - start == 3 && code[start].Kind == PythonTokenKind.Name && IsOp(start + 1, ".")));

    private PythonDefinition? ParseDef(int defIndex, int end, bool isAsync)
    {
        if (defIndex + 1 >= end || code[defIndex + 1].Kind != PythonTokenKind.Name)
        {
            problems.Add(new PythonProblem(code[defIndex].Start.Line, "expected a function name after 'def'"));
            return null;
        }

        var nameToken = code[defIndex + 1];
        var parent = CurrentDefinition;
        var decorators = pendingDecorators.ToList();
        var isMethod = parent?.Kind == PythonDefinitionKind.Class;
        var isStatic = decorators.Any(decorator => decorator.Text is "staticmethod" or "builtins.staticmethod");
        var parameters = new List<PythonParameter>();
        string? returnAnnotation = null;
        var open = defIndex + 2;
        if (open < end && IsOp(open, "("))
        {
            var close = match[open] > open && match[open] < end ? match[open] : end;
            ParseParameters(open + 1, close, parameters, isMethod && !isStatic);
            if (close + 1 < end && IsOp(close + 1, "->"))
            {
                returnAnnotation = Text(close + 2, end);
                CollectAnnotation(close + 2, end);
            }
        }
        else
        {
            problems.Add(new PythonProblem(nameToken.Start.Line, "expected '(' after the function name"));
        }

        var definition = new PythonDefinition(
            PythonDefinitionKind.Function,
            nameToken.Text,
            isAsync,
            code[defIndex].Start.Line,
            code[isAsync ? defIndex - 1 : defIndex].Start.Column,
            decorators,
            parameters,
            returnAnnotation,
            [],
            new Dictionary<string, string>(StringComparer.Ordinal),
            parent)
        {
            EndLine = code[defIndex].Start.Line,
        };
        definitions.Add(definition);
        return definition;
    }

    private void ParseParameters(int start, int end, List<PythonParameter> parameters, bool firstIsReceiver)
    {
        var keywordOnly = false;
        foreach (var (partStart, partEnd) in SplitTopLevel(start, end, ","))
        {
            if (partEnd <= partStart)
            {
                continue;
            }

            if (partEnd - partStart == 1 && IsOp(partStart, "/"))
            {
                for (var k = 0; k < parameters.Count; k++)
                {
                    if (parameters[k].Kind == PythonParameterKind.Regular)
                    {
                        parameters[k] = parameters[k] with { Kind = PythonParameterKind.PositionalOnly };
                    }
                }

                continue;
            }

            var nameIndex = partStart;
            PythonParameterKind kind;
            if (IsOp(partStart, "*"))
            {
                keywordOnly = true;
                if (partEnd - partStart == 1)
                {
                    continue;
                }

                kind = PythonParameterKind.VarPositional;
                nameIndex++;
            }
            else if (IsOp(partStart, "**"))
            {
                kind = PythonParameterKind.VarKeyword;
                nameIndex++;
            }
            else
            {
                kind = keywordOnly ? PythonParameterKind.KeywordOnly : PythonParameterKind.Regular;
            }

            if (nameIndex >= partEnd || code[nameIndex].Kind != PythonTokenKind.Name)
            {
                // Python 2 tuple parameters and other oddities: read the names, keep going.
                CollectLoads(partStart, partEnd);
                continue;
            }

            string? annotation = null;
            string? defaultText = null;
            var i = nameIndex + 1;
            var equals = -1;
            for (var j = i; j < partEnd; j++)
            {
                if (IsOpener(j))
                {
                    j = After(j, partEnd) - 1;
                    continue;
                }

                if (IsOp(j, "="))
                {
                    equals = j;
                    break;
                }
            }

            if (i < partEnd && IsOp(i, ":"))
            {
                var annotationEnd = equals < 0 ? partEnd : equals;
                annotation = Text(i + 1, annotationEnd);
                CollectAnnotation(i + 1, annotationEnd);
            }

            if (equals >= 0)
            {
                defaultText = Text(equals + 1, partEnd);
                CollectLoads(equals + 1, partEnd);
            }

            var token = code[nameIndex];
            parameters.Add(new PythonParameter(
                token.Text,
                kind,
                annotation,
                defaultText,
                firstIsReceiver && parameters.Count == 0 && kind is PythonParameterKind.Regular,
                token.Start.Line,
                token.Start.Column));
        }
    }

    private PythonDefinition? ParseClass(int classIndex, int end)
    {
        if (classIndex + 1 >= end || code[classIndex + 1].Kind != PythonTokenKind.Name)
        {
            problems.Add(new PythonProblem(code[classIndex].Start.Line, "expected a class name after 'class'"));
            return null;
        }

        var nameToken = code[classIndex + 1];
        var bases = new List<string>();
        var keywords = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = classIndex + 2;
        if (open < end && IsOp(open, "("))
        {
            var close = match[open] > open && match[open] < end ? match[open] : end;
            foreach (var (partStart, partEnd) in SplitTopLevel(open + 1, close, ","))
            {
                if (partEnd <= partStart)
                {
                    continue;
                }

                if (partEnd - partStart >= 2 && code[partStart].Kind == PythonTokenKind.Name && IsOp(partStart + 1, "="))
                {
                    keywords[code[partStart].Text] = Text(partStart + 2, partEnd);
                    CollectLoads(partStart + 2, partEnd);
                }
                else
                {
                    bases.Add(Text(partStart, partEnd));
                    CollectLoads(partStart, partEnd);
                }
            }
        }

        var definition = new PythonDefinition(
            PythonDefinitionKind.Class,
            nameToken.Text,
            false,
            code[classIndex].Start.Line,
            code[classIndex].Start.Column,
            pendingDecorators.ToList(),
            [],
            null,
            bases,
            keywords,
            CurrentDefinition)
        {
            EndLine = code[classIndex].Start.Line,
        };
        definitions.Add(definition);
        return definition;
    }

    private void ProcessSimple(int start, int end)
    {
        var first = code[start];
        if (first.IsName("import"))
        {
            ParseImport(start, end);
            return;
        }

        if (first.IsName("from") && FindTopLevelName(start + 1, end, "import") is var importIndex and >= 0)
        {
            ParseFromImport(start, importIndex, end);
            return;
        }

        if (first.Kind == PythonTokenKind.Name && first.Text is "global" or "nonlocal" or "pass" or "break" or "continue")
        {
            return;
        }

        var equals = new List<int>();
        var augmented = -1;
        var annotationColon = -1;
        var sawLambda = false;
        var i = start;
        while (i < end)
        {
            if (IsOpener(i))
            {
                i = After(i, end);
                continue;
            }

            var token = code[i];
            if (token.IsName("lambda"))
            {
                sawLambda = true;
            }
            else if (token.Kind == PythonTokenKind.Op)
            {
                if (token.Text == ":" && !sawLambda && annotationColon < 0 && equals.Count == 0 && augmented < 0)
                {
                    annotationColon = i;
                }
                else if (token.Text == "=" && augmented < 0)
                {
                    equals.Add(i);
                }
                else if (AugmentedOperators.Contains(token.Text) && augmented < 0 && equals.Count == 0)
                {
                    augmented = i;
                }
            }

            i++;
        }

        var scope = CurrentDefinition;
        var line = first.Start.Line;
        if (augmented >= 0)
        {
            CollectLoads(start, augmented);
            var targets = CollectTargets(start, augmented, recordAssignment: true, collectReads: false);
            CollectLoads(augmented + 1, end);
            assignments.Add(new PythonAssignment(targets, null, Text(augmented + 1, end), code[augmented].Text, line, scope)
            {
                ValueFirstToken = TokenIndex(augmented + 1, end),
                ValueLastToken = codeIndex[end - 1],
                TargetFirstToken = codeIndex[start],
                TargetLastToken = TokenIndex(augmented - 1, augmented),
            });
            NoteDunderAll(start, augmented, augmented + 1, end);
            return;
        }

        if (annotationColon >= 0)
        {
            var annotationEnd = equals.Count > 0 ? equals[0] : end;
            var targets = CollectTargets(start, annotationColon, recordAssignment: true);
            CollectAnnotation(annotationColon + 1, annotationEnd);
            string? value = null;
            if (equals.Count > 0)
            {
                value = Text(equals[0] + 1, end);
                CollectLoads(equals[0] + 1, end);
            }

            assignments.Add(new PythonAssignment(targets, Text(annotationColon + 1, annotationEnd), value, null, line, scope)
            {
                ValueFirstToken = equals.Count > 0 ? TokenIndex(equals[0] + 1, end) : -1,
                ValueLastToken = equals.Count > 0 ? codeIndex[end - 1] : -1,
                TargetFirstToken = codeIndex[start],
                TargetLastToken = TokenIndex(annotationColon - 1, annotationColon),
            });
            return;
        }

        if (equals.Count > 0)
        {
            var targets = new List<PythonAssignmentTarget>();
            var partStart = start;
            foreach (var eq in equals)
            {
                targets.AddRange(CollectTargets(partStart, eq, recordAssignment: true));
                partStart = eq + 1;
            }

            CollectLoads(partStart, end);
            assignments.Add(new PythonAssignment(targets, null, Text(partStart, end), null, line, scope)
            {
                ValueFirstToken = TokenIndex(partStart, end),
                ValueLastToken = codeIndex[end - 1],
                TargetFirstToken = codeIndex[start],
                TargetLastToken = TokenIndex(equals[0] - 1, equals[0]),
            });
            if (equals.Count == 1)
            {
                NoteDunderAll(start, equals[0], partStart, end);
            }

            return;
        }

        CollectLoads(start, end);
        var statementKeyword = first.Kind == PythonTokenKind.Name && first.Text is "return" or "assert" or "raise" or "del" or "yield" ? first.Text : string.Empty;
        var expressionStart = statementKeyword.Length > 0 && first.Text != "yield" ? start + 1 : start;
        if (expressionStart < end)
        {
            statements.Add(new PythonStatement(statementKeyword, codeIndex[expressionStart], codeIndex[end - 1], line, scope));
        }
        else if (statementKeyword.Length > 0)
        {
            statements.Add(new PythonStatement(statementKeyword, -1, -1, line, scope));
        }

        if (blocks.Count == 1 && end - start >= 4 && first.IsName("__all__") && IsOp(start + 1, ".")
            && code[start + 2].Text is "extend" or "append")
        {
            hasDunderAll = true;
            AddAllStrings(start + 3, end);
        }
    }

    private void NoteDunderAll(int targetStart, int targetEnd, int valueStart, int valueEnd)
    {
        if (blocks.Count != 1 || targetEnd - targetStart != 1 || !code[targetStart].IsName("__all__") || valueEnd <= valueStart)
        {
            return;
        }

        hasDunderAll = true;
        AddAllStrings(valueStart, valueEnd);
    }

    private void AddAllStrings(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (code[i].Kind == PythonTokenKind.StringLiteral && !code[i].IsFString)
            {
                dunderAll.Add(new PythonStringEntry(StringValue(code[i]), code[i].Start.Line));
            }
        }
    }

    private (bool InTypeChecking, bool InTry, bool InFunction, string? Noqa) ImportContext(int start, int end)
    {
        string? noqa = null;
        for (var line = code[start].Start.Line; line <= code[end - 1].End.Line && noqa is null; line++)
        {
            if (commentByLine.TryGetValue(line, out var comment) && Noqa().IsMatch(comment))
            {
                noqa = comment;
            }
        }

        return (typeCheckingDepth > 0, tryDepth > 0, functionDepth > 0, noqa);
    }

    private void ParseImport(int start, int end)
    {
        var context = ImportContext(start, end);
        foreach (var (partStart, partEnd) in SplitTopLevel(start + 1, end, ","))
        {
            if (partEnd <= partStart || code[partStart].Kind != PythonTokenKind.Name)
            {
                continue;
            }

            var i = partStart;
            var module = new StringBuilder(code[i].Text);
            i++;
            while (i + 1 < partEnd && IsOp(i, ".") && code[i + 1].Kind == PythonTokenKind.Name)
            {
                module.Append('.').Append(code[i + 1].Text);
                i += 2;
            }

            string? alias = null;
            if (i + 1 < partEnd && code[i].IsName("as") && code[i + 1].Kind == PythonTokenKind.Name)
            {
                alias = code[i + 1].Text;
            }

            imports.Add(new PythonImport(
                module.ToString(),
                null,
                alias,
                alias ?? code[partStart].Text,
                0,
                code[partStart].Start.Line,
                code[start].Start.Line,
                code[end - 1].End.Line,
                context.InTypeChecking,
                context.InTry,
                context.InFunction,
                context.Noqa));
        }
    }

    private void ParseFromImport(int start, int importIndex, int end)
    {
        var context = ImportContext(start, end);
        var level = 0;
        var module = new StringBuilder();
        var sawName = false;
        for (var i = start + 1; i < importIndex; i++)
        {
            var token = code[i];
            sawName |= token.Kind == PythonTokenKind.Name;
            if (sawName)
            {
            }
            else if (token.IsOp("."))
            {
                level++;
            }
            else if (token.IsOp("..."))
            {
                level += 3;
            }

            module.Append(token.Text);
        }

        var listStart = importIndex + 1;
        var listEnd = end;
        if (listStart < end && IsOp(listStart, "("))
        {
            listEnd = match[listStart] > listStart && match[listStart] < end ? match[listStart] : end;
            listStart++;
        }

        foreach (var (partStart, partEnd) in SplitTopLevel(listStart, listEnd, ","))
        {
            if (partEnd <= partStart)
            {
                continue;
            }

            var nameToken = code[partStart];
            if (nameToken.Kind != PythonTokenKind.Name && !nameToken.IsOp("*"))
            {
                continue;
            }

            string? alias = null;
            if (partStart + 2 < partEnd && code[partStart + 1].IsName("as")
                && code[partStart + 2].Kind == PythonTokenKind.Name)
            {
                alias = code[partStart + 2].Text;
            }

            imports.Add(new PythonImport(
                module.ToString(),
                nameToken.Text,
                alias,
                alias ?? nameToken.Text,
                level,
                nameToken.Start.Line,
                code[start].Start.Line,
                code[end - 1].End.Line,
                context.InTypeChecking,
                context.InTry,
                context.InFunction,
                context.Noqa));
        }
    }

    /// <summary>Reads assignment targets; names stored are not reads, but bases of attributes and subscripts are.</summary>
    private List<PythonAssignmentTarget> CollectTargets(int start, int end, bool recordAssignment, bool collectReads = true)
    {
        var targets = new List<PythonAssignmentTarget>();
        var i = start;
        while (i < end)
        {
            var token = code[i];
            if (token.Kind != PythonTokenKind.Name || IsKeyword(i))
            {
                i++;
                continue;
            }

            var kind = PythonTargetKind.Name;
            var text = new StringBuilder(token.Text);
            i++;
            if (collectReads && i < end && code[i].Kind == PythonTokenKind.Op && code[i].Text is "." or "[" or "(")
            {
                AddName(token, PythonNameUseSource.Code, default);
            }

            while (i < end)
            {
                if (IsOp(i, ".") && i + 1 < end && code[i + 1].Kind == PythonTokenKind.Name)
                {
                    text.Append('.').Append(code[i + 1].Text);
                    kind = PythonTargetKind.Attribute;
                    i += 2;
                }
                else if (IsOp(i, "[") || IsOp(i, "("))
                {
                    var after = After(i, end);
                    if (collectReads)
                    {
                        CollectLoads(i + 1, Math.Max(i + 1, after - 1));
                    }

                    text.Append(source.AsSpan(code[i].StartOffset, code[after - 1].EndOffset - code[i].StartOffset));
                    kind = IsOp(i, "[") ? PythonTargetKind.Subscript : PythonTargetKind.Attribute;
                    i = after;
                }
                else
                {
                    break;
                }
            }

            if (recordAssignment)
            {
                targets.Add(new PythonAssignmentTarget(text.ToString(), kind, token.Start.Line, token.Start.Column));
            }
        }

        return targets;
    }

    private void CollectAnnotation(int start, int end)
    {
        CollectLoads(start, end);
        var literalDepth = 0;
        var stack = new List<bool>();
        for (var i = start; i < end; i++)
        {
            var token = code[i];
            if (IsOpener(i))
            {
                var isLiteral = token.Text == "[" && i > start && code[i - 1].IsName("Literal");
                stack.Add(isLiteral);
                literalDepth += isLiteral ? 1 : 0;
            }
            else if (token.Kind == PythonTokenKind.Op && token.Text is ")" or "]" or "}" && stack.Count > 0)
            {
                literalDepth -= stack[^1] ? 1 : 0;
                stack.RemoveAt(stack.Count - 1);
            }
            else if (literalDepth == 0 && token.Kind == PythonTokenKind.StringLiteral && !token.IsFString && !token.IsBytes)
            {
                var value = StringValue(token);
                var column = token.Start.Column + token.Text.IndexOfAny(['\'', '"']) + (token.Text.Length - value.Length >= 6 ? 3 : 1);
                subExpressions.Enqueue((value, token.Start with { Column = column }, PythonNameUseSource.StringAnnotation));
            }
        }
    }

    private void CollectLoads(int start, int end) => CollectLoads(code, start, end, PythonNameUseSource.Code, default);

    /// <summary>
    /// Records every name read in <paramref name="tokens"/>[start..end): not after a dot, not a keyword argument's name,
    /// not a lambda parameter, not a walrus or <c>as</c> target. F-string fields are queued to be read the same way.
    /// </summary>
    private void CollectLoads(List<PythonToken> tokens, int start, int end, PythonNameUseSource sourceKind, PythonPosition origin)
    {
        var brackets = new List<char>();
        var lambdaParams = 0;
        var comprehensionTargetDepth = -1;
        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case PythonTokenKind.Op:
                    switch (token.Text)
                    {
                        case "(" or "[" or "{":
                            brackets.Add(token.Text[0]);
                            break;
                        case ")" or "]" or "}":
                            if (brackets.Count > 0)
                            {
                                brackets.RemoveAt(brackets.Count - 1);
                            }

                            if (brackets.Count < comprehensionTargetDepth)
                            {
                                comprehensionTargetDepth = -1;
                            }

                            break;
                        case ":" when lambdaParams > 0:
                            lambdaParams--;
                            break;
                    }

                    break;
                case PythonTokenKind.StringLiteral when token.FStringFields.Count > 0:
                    foreach (var field in token.FStringFields)
                    {
                        subExpressions.Enqueue((field.Expression, Translate(field.Start, origin), PythonNameUseSource.FString));
                    }

                    break;
                case PythonTokenKind.Name:
                    if (token.IsName("lambda"))
                    {
                        lambdaParams++;
                        continue;
                    }

                    if (token.IsName("for") && brackets.Count > 0)
                    {
                        comprehensionTargetDepth = brackets.Count;
                        continue;
                    }

                    if (token.IsName("in") && comprehensionTargetDepth == brackets.Count)
                    {
                        comprehensionTargetDepth = -1;
                        continue;
                    }

                    if (comprehensionTargetDepth >= 0 && brackets.Count >= comprehensionTargetDepth)
                    {
                        continue;
                    }

                    if (Keywords.Contains(token.Text))
                    {
                        continue;
                    }

                    var previous = i > start ? tokens[i - 1] : null;
                    var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
                    if (previous is not null && (previous.IsOp(".") || previous.IsName("as")))
                    {
                        continue;
                    }

                    if (next is not null && next.IsOp(":="))
                    {
                        continue;
                    }

                    if (next is not null && next.IsOp("=") && brackets.Count > 0 && brackets[^1] == '(')
                    {
                        continue;
                    }

                    if (lambdaParams > 0 && previous is not null && (previous.IsName("lambda") || previous.IsOp(",")
                        || previous.IsOp("*") || previous.IsOp("**")))
                    {
                        continue;
                    }

                    AddName(token, sourceKind, origin);
                    break;
            }
        }
    }

    private static PythonPosition Translate(PythonPosition position, PythonPosition origin) =>
        origin == default
            ? position
            : new PythonPosition(origin.Line + position.Line - 1, position.Line == 1 ? origin.Column + position.Column : position.Column);

    private void AddName(PythonToken token, PythonNameUseSource sourceKind, PythonPosition origin)
    {
        var position = Translate(token.Start, origin);
        names.Add(new PythonNameUse(token.Text, position.Line, position.Column, sourceKind));
    }

    private void DrainSubExpressions()
    {
        while (subExpressions.TryDequeue(out var item))
        {
            if (item.Text.Length == 0)
            {
                continue;
            }

            var tokens = PythonTokenizer.Tokenize(item.Text).Tokens
                .Where(token => token.Kind is PythonTokenKind.Name or PythonTokenKind.Op or PythonTokenKind.StringLiteral or PythonTokenKind.Number)
                .ToList();
            CollectLoads(tokens, 0, tokens.Count, item.Source, item.Start);
        }
    }

    private void CollectCalls(int start, int end)
    {
        for (var i = start + 1; i < end; i++)
        {
            if (!IsOp(i, "("))
            {
                continue;
            }

            var p = i - 1;
            var previous = code[p];
            var isCallable = (previous.Kind == PythonTokenKind.Name && !IsKeyword(p)) || previous.IsOp(")") || previous.IsOp("]");
            if (!isCallable || (previous.Kind == PythonTokenKind.Name && p > start && code[p - 1].Text is "def" or "class"))
            {
                continue;
            }

            var callee = CalleeText(start, p, out var calleeStart);
            var close = match[i] > i && match[i] < end ? match[i] : end;
            var arguments = new List<PythonArgument>();
            foreach (var (partStart, partEnd) in SplitTopLevel(i + 1, close, ","))
            {
                if (partEnd <= partStart)
                {
                    continue;
                }

                string? keyword = null;
                var valueStart = partStart;
                if (partEnd - partStart >= 2 && code[partStart].Kind == PythonTokenKind.Name && IsOp(partStart + 1, "="))
                {
                    keyword = code[partStart].Text;
                    valueStart = partStart + 2;
                }
                else if (IsOp(partStart, "**"))
                {
                    keyword = "**";
                    valueStart = partStart + 1;
                }

                var textStart = keyword is null ? partStart : valueStart;
                var first = Math.Min(textStart, partEnd - 1);
                arguments.Add(new PythonArgument(
                    keyword,
                    codeIndex[first],
                    codeIndex[partEnd - 1],
                    code[partStart].Start.Line)
                {
                    Source = source,
                    StartOffset = textStart < partEnd ? code[textStart].StartOffset : code[partEnd - 1].EndOffset,
                    EndOffset = code[partEnd - 1].EndOffset,
                });
            }

            calls.Add(new PythonCall(callee, code[calleeStart].Start.Line, code[calleeStart].Start.Column, arguments, CurrentDefinition)
            {
                FirstToken = codeIndex[calleeStart],
                LastToken = codeIndex[Math.Min(close, end - 1)],
            });
        }
    }

    private string CalleeText(int start, int last, out int calleeStart)
    {
        var parts = new List<string>();
        var j = last;
        calleeStart = last;
        while (j >= start)
        {
            var token = code[j];
            int previous;
            if (token.Kind == PythonTokenKind.Name && !IsKeyword(j))
            {
                parts.Add(token.Text);
                calleeStart = j;
                previous = j - 1;
            }
            else if ((token.IsOp(")") || token.IsOp("]")) && match[j] >= start && match[j] < j)
            {
                parts.Add(token.Text == ")" ? "()" : "[]");
                calleeStart = match[j];
                previous = match[j] - 1;
            }
            else
            {
                break;
            }

            if (previous >= start && IsOp(previous, "."))
            {
                parts.Add(".");
                j = previous - 1;
                continue;
            }

            if (token.Kind == PythonTokenKind.Op && previous >= start
                && (code[previous].Kind == PythonTokenKind.Name && !IsKeyword(previous) || code[previous].IsOp(")") || code[previous].IsOp("]")))
            {
                j = previous;
                continue;
            }

            break;
        }

        parts.Reverse();
        var text = string.Concat(parts);
        return text.StartsWith('.') ? text[1..] : text;
    }

    [GeneratedRegex(@"#\s*noqa\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Noqa();
}
