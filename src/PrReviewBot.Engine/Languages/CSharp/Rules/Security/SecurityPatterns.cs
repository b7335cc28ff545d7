using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// What the crypto and configuration rules share: finding candidate nodes from a text search
/// instead of a full tree walk, the name a value flows into, constant values, identifier words,
/// and line rewrites for suggestions. Syntax comes first, because third-party types never
/// resolve and every semantic query binds a method body; the model is only a fallback.
/// </summary>
internal static class SecurityPatterns
{
    /// <summary>True when the file's text contains any of the words: a cheap test before any syntax work.</summary>
    public static bool Mentions(CSharpRuleContext context, params string[] words) => SinkSyntax.Mentions(context.Tree, words);

    /// <summary>
    /// The code tokens (not comments or disabled text) at every occurrence of the words in the parts of the
    /// file the rule reads (<see cref="ChangedRegions"/>). Rules start from these instead of walking the whole
    /// tree: a text search and a <c>FindToken</c> per hit cost far less than visiting every node of every
    /// changed file. Tokens come word by word, each word's in text order.
    /// </summary>
    public static IEnumerable<SyntaxToken> Occurrences(CSharpRuleContext context, StringComparison comparison, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(words);
        return Occurrences(context.Root, SinkSyntax.TextOf(context.Tree), ChangedRegions.Of(context).Spans, comparison, words);
    }

    /// <summary>
    /// <see cref="Occurrences(CSharpRuleContext, StringComparison, string[])"/> over the whole file, for facts that
    /// changed code draws from anywhere in it (a validator method it installs, a field it uses).
    /// </summary>
    public static IEnumerable<SyntaxToken> OccurrencesInFile(CSharpRuleContext context, StringComparison comparison, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(words);
        return Occurrences(context.Root, SinkSyntax.TextOf(context.Tree), [new TextSpan(0, context.Text.Length)], comparison, words);
    }

    /// <summary>The identifier tokens spelled exactly <paramref name="name"/> inside the node, such as the uses of a variable in its scope.</summary>
    public static IEnumerable<SyntaxToken> IdentifiersIn(CSharpRuleContext context, SyntaxNode scope, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(scope);
        return Occurrences(context.Root, SinkSyntax.TextOf(context.Tree), [scope.Span], StringComparison.Ordinal, [name])
            .Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name);
    }

    private static IEnumerable<SyntaxToken> Occurrences(SyntaxNode root, string text, IReadOnlyList<TextSpan> regions, StringComparison comparison, string[] words)
    {
        var seen = new HashSet<int>();
        foreach (var positions in Positions(text, regions, comparison, words))
        {
            foreach (var index in positions)
            {
                var token = root.FindToken(index);
                if (token.Span.Contains(index) && seen.Add(token.SpanStart))
                {
                    yield return token;
                }
            }
        }
    }

    /// <summary>
    /// The code tokens at every ordinal occurrence of the words in <paramref name="region"/>, in text order, each once: what a
    /// walk over the region's tokens would keep of those spelled as one of the words, found by a search of its text.
    /// </summary>
    public static IEnumerable<SyntaxToken> OccurrencesInOrder(CSharpRuleContext context, TextSpan region, string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(words);
        var positions = Positions(SinkSyntax.TextOf(context.Tree), [region], StringComparison.Ordinal, words).SelectMany(found => found).ToList();
        positions.Sort();
        var previous = -1;
        foreach (var index in positions)
        {
            // Tokens do not overlap: the positions of one token come one after another.
            var token = context.Root.FindToken(index);
            if (token.Span.Contains(index) && token.SpanStart != previous)
            {
                previous = token.SpanStart;
                yield return token;
            }
        }
    }

    private static readonly ConcurrentDictionary<(StringComparison, string), SearchValues<string>> WordSearches = new();

    /// <summary>For each word in order, where it occurs in the regions, region by region.</summary>
    private static List<int>[] Positions(string text, IReadOnlyList<TextSpan> regions, StringComparison comparison, string[] words)
    {
        var positions = new List<int>[words.Length];
        for (var word = 0; word < words.Length; word++)
        {
            positions[word] = [];
        }

        // Asked for once per search, not once per region: its key is made of the words.
        var search = words.Length == 1 && comparison == StringComparison.Ordinal
            ? null
            : WordSearches.GetOrAdd((comparison, string.Join('\u0001', words)), static (key, list) => SearchValues.Create(list, key.Item1), words);
        foreach (var region in regions)
        {
            AddPositions(text, region.Start, Math.Min(region.End, text.Length), comparison, words, search, positions);
        }

        return positions;
    }

    /// <summary>
    /// Adds, for each word, where it occurs in <c>text[start..end)</c> without overlapping itself. Several
    /// words are found in one pass of a <see cref="SearchValues{T}"/> search: one <c>IndexOf</c> per word
    /// re-reads the whole text per word, and ignoring case that search is slow. A single word compared ordinally
    /// (<paramref name="search"/> null) is found with <c>IndexOf</c>.
    /// </summary>
    private static void AddPositions(string text, int start, int end, StringComparison comparison, string[] words, SearchValues<string>? search, List<int>[] positions)
    {
        if (start >= end)
        {
            return;
        }

        if (search is null)
        {
            var only = words[0];
            for (var index = text.IndexOf(only, start, end - start, comparison); index >= 0 && index + only.Length <= end; index = text.IndexOf(only, index + only.Length, end - index - only.Length, comparison))
            {
                positions[0].Add(index);
                if (index + only.Length >= end)
                {
                    break;
                }
            }

            return;
        }

        var nextAllowed = new int[words.Length];
        var offset = start;
        while (offset < end)
        {
            var found = text.AsSpan(offset, end - offset).IndexOfAny(search);
            if (found < 0)
            {
                break;
            }

            var index = offset + found;
            var rest = text.AsSpan(index, end - index);
            for (var word = 0; word < words.Length; word++)
            {
                if (index >= nextAllowed[word] && rest.StartsWith(words[word], comparison))
                {
                    positions[word].Add(index);
                    nextAllowed[word] = index + words[word].Length;
                }
            }

            offset = index + 1;
        }
    }

    /// <summary>
    /// The nodes around each occurrence of the words in the parts of the file the rule reads, from the token up
    /// to its statement or member declaration (and every declarator of a declaration on the way), each once. A
    /// rule's node-kind switch then sees exactly the nodes a full walk would have shown it near the words.
    /// </summary>
    public static IEnumerable<SyntaxNode> CandidateNodes(CSharpRuleContext context, StringComparison comparison, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CandidateNodes(context, ChangedRegions.Of(context).Spans, comparison, words);
    }

    /// <summary>
    /// <see cref="CandidateNodes(CSharpRuleContext, StringComparison, string[])"/> in the rule's regions and also in
    /// <paramref name="alsoIn"/>: what a rule must see beyond the change, in the order a search of the file would give.
    /// </summary>
    public static IEnumerable<SyntaxNode> CandidateNodes(CSharpRuleContext context, IEnumerable<TextSpan> alsoIn, StringComparison comparison, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CandidateNodes(context, ChangedRegions.Of(context).With(alsoIn), comparison, words);
    }

    /// <summary><see cref="CandidateNodes(CSharpRuleContext, StringComparison, string[])"/> over the whole file.</summary>
    public static IEnumerable<SyntaxNode> CandidateNodesInFile(CSharpRuleContext context, StringComparison comparison, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CandidateNodes(context, [new TextSpan(0, context.Text.Length)], comparison, words);
    }

    private static IEnumerable<SyntaxNode> CandidateNodes(CSharpRuleContext context, IReadOnlyList<TextSpan> regions, StringComparison comparison, string[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var visited = new HashSet<SyntaxNode>();
        foreach (var token in Occurrences(context.Root, SinkSyntax.TextOf(context.Tree), regions, comparison, words))
        {
            foreach (var node in Around(token))
            {
                if (visited.Add(node))
                {
                    yield return node;
                }
            }
        }
    }

    /// <summary>The token's ancestors up to and including the enclosing statement, member or type declaration, plus declarators of declarations on the way.</summary>
    public static IEnumerable<SyntaxNode> Around(SyntaxToken token)
    {
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            yield return node;
            if (node is VariableDeclarationSyntax declaration)
            {
                foreach (var declarator in declaration.Variables)
                {
                    yield return declarator;
                    if (declarator.Initializer?.Value is { } value)
                    {
                        yield return value;
                    }
                }
            }

            if (node is StatementSyntax or MemberDeclarationSyntax or CompilationUnitSyntax)
            {
                yield break;
            }
        }
    }

    /// <summary>The simple name an expression refers to: <c>a.b.Password</c> → <c>Password</c>, <c>x["Pwd"]</c> → <c>Pwd</c>.</summary>
    public static string? SimpleName(ExpressionSyntax? expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ConditionalAccessExpressionSyntax conditional => SimpleName(conditional.WhenNotNull),
        ElementAccessExpressionSyntax element => LiteralKey(element.ArgumentList),
        ImplicitElementAccessSyntax implicitElement => LiteralKey(implicitElement.ArgumentList),
        ParenthesizedExpressionSyntax parenthesized => SimpleName(parenthesized.Expression),
        _ => null,
    };

    /// <summary>The last simple name of a type-like expression: <c>System.Security.Cryptography.MD5</c> → <c>MD5</c>.</summary>
    public static string? TypeLikeName(ExpressionSyntax? expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    private static string? LiteralKey(BracketedArgumentListSyntax arguments) =>
        arguments.Arguments.Count == 1 && arguments.Arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;

    /// <summary>
    /// The first ancestor that does something with the value, skipping the wrappers that do not
    /// change where it goes: parentheses, casts, <c>await</c>, <c>!</c>, <c>?:</c> branches and <c>??</c>.
    /// </summary>
    public static SyntaxNode? ValueParent(SyntaxNode node, out SyntaxNode child)
    {
        ArgumentNullException.ThrowIfNull(node);
        child = node;
        while (child.Parent is { } parent)
        {
            var passesThrough = parent switch
            {
                ParenthesizedExpressionSyntax or CastExpressionSyntax or AwaitExpressionSyntax => true,
                PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression),
                ConditionalExpressionSyntax conditional => conditional.Condition != child,
                BinaryExpressionSyntax binary => binary.IsKind(SyntaxKind.CoalesceExpression) || binary.IsKind(SyntaxKind.AsExpression),
                _ => false,
            };
            if (!passesThrough)
            {
                return parent;
            }

            child = parent;
        }

        return null;
    }

    /// <summary>The node a finding about the value starts at: the assignment, declarator, argument or attribute argument it belongs to.</summary>
    public static SyntaxNode Anchor(ExpressionSyntax value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parent = ValueParent(value, out var child);
        return parent switch
        {
            AssignmentExpressionSyntax assignment when assignment.Right == child => assignment,
            AttributeArgumentSyntax or ArgumentSyntax => parent,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax or PropertyDeclarationSyntax or ParameterSyntax } equals => equals.Parent!,
            _ => child,
        };
    }

    /// <summary>
    /// The name of what receives a value: a variable, field or property initializer, an
    /// assignment target, an object-initializer member, a named argument, an anonymous object
    /// member, or the member that returns it. Null when the value is used some other way.
    /// </summary>
    public static string? Destination(ExpressionSyntax value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parent = ValueParent(value, out var child);
        return parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
            EqualsValueClauseSyntax { Parent: ParameterSyntax parameter } => parameter.Identifier.ValueText,
            AssignmentExpressionSyntax assignment when assignment.Right == child => SimpleName(assignment.Left),
            ArgumentSyntax { NameColon: { } nameColon } => nameColon.Name.Identifier.ValueText,
            AnonymousObjectMemberDeclaratorSyntax { NameEquals: { } nameEquals } => nameEquals.Name.Identifier.ValueText,
            ArrowExpressionClauseSyntax or ReturnStatementSyntax => EnclosingMemberName(parent),
            _ => null,
        };
    }

    /// <summary>The simple name of the created type, also for target-typed <c>new()</c>.</summary>
    public static string? CreatedTypeName(BaseObjectCreationExpressionSyntax creation, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (SinkSyntax.CreatedTypeName(creation) is { } named)
        {
            return named;
        }

        var type = creation is ImplicitObjectCreationExpressionSyntax ? model.GetTypeInfo(creation).Type : null;
        return type is not null and not IErrorTypeSymbol ? type.Name : null;
    }

    /// <summary>
    /// True when the type name binds to a type of the code's own rather than the framework's
    /// <c>System.Security.Cryptography</c> (a class that happens to be called <c>MD5</c> or <c>DES</c>);
    /// false for the framework's type and for a name that does not resolve.
    /// </summary>
    public static bool IsCryptographyLookAlike(SyntaxNode typeReference, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetSymbolInfo(typeReference).Symbol is INamedTypeSymbol symbol && !IsCryptographyNamespace(symbol.ContainingNamespace);
    }

    /// <summary>True for the framework's <c>System.Security.Cryptography</c> namespace.</summary>
    public static bool IsCryptographyNamespace(INamespaceSymbol? space) => space?.ToDisplayString() == "System.Security.Cryptography";

    public static IReadOnlyList<string> CryptographyBaseTypes(SemanticModel model, string typeName)
    {
        ArgumentNullException.ThrowIfNull(model);

        // Asked for every type a crypto rule sees created: answered once per compilation and name.
        return BaseTypesByName.GetOrCreateValue(model.Compilation).GetOrAdd(typeName, static (name, compilation) => FindCryptographyBaseTypes(compilation, name), model.Compilation);
    }

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, string[]>> BaseTypesByName = new();

    private static string[] FindCryptographyBaseTypes(Compilation compilation, string typeName)
    {
        if (!compilation.ContainsSymbolsWithName(typeName, SymbolFilter.Type))
        {
            return [];
        }

        var bases = new List<string>();
        foreach (var symbol in compilation.GetSymbolsWithName(typeName, SymbolFilter.Type).OfType<INamedTypeSymbol>())
        {
            for (var baseType = symbol.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (IsCryptographyNamespace(baseType.ContainingNamespace))
                {
                    bases.Add(baseType.Name);
                }
            }
        }

        return [.. bases];
    }

    /// <summary>The declared type of the variable, field or property the value initializes: <c>MD5</c> in <c>MD5 md5 = MD5.Create()</c>.</summary>
    public static TypeSyntax? DeclaredType(ExpressionSyntax value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ValueParent(value, out _) switch
        {
            EqualsValueClauseSyntax { Parent.Parent: VariableDeclarationSyntax declaration } => declaration.Type,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
            _ => null,
        };
    }

    /// <summary>The name of the method, local function, property or accessor that contains the node.</summary>
    public static string? EnclosingMemberName(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LocalFunctionStatementSyntax local:
                    return local.Identifier.ValueText;
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case PropertyDeclarationSyntax property:
                    return property.Identifier.ValueText;
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Identifier.ValueText;
                case IndexerDeclarationSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax or FieldDeclarationSyntax:
                    return null;
                case BaseTypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The body a rule should search for other statements about the same variable: the enclosing member, or the type for fields.</summary>
    public static SyntaxNode Scope(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.FirstAncestorOrSelf<SyntaxNode>(ancestor => ancestor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax)
            ?? node.FirstAncestorOrSelf<SyntaxNode>(ancestor => ancestor is TypeDeclarationSyntax)
            ?? node.SyntaxTree.GetRoot();
    }

    public static bool IsTrue(ExpressionSyntax? expression) => Unparenthesized(expression)?.IsKind(SyntaxKind.TrueLiteralExpression) == true;

    public static bool IsFalse(ExpressionSyntax? expression) => Unparenthesized(expression)?.IsKind(SyntaxKind.FalseLiteralExpression) == true;

    public static bool IsNull(ExpressionSyntax? expression) =>
        Unparenthesized(expression) is { } value && (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression));

    public static ExpressionSyntax? Unparenthesized(ExpressionSyntax? expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>True when the member access is only read: compared, matched in a pattern, or a case label.</summary>
    public static bool IsOnlyCompared(ExpressionSyntax expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parent = ValueParent(expression, out _);
        return parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression }
            or ConstantPatternSyntax or CaseSwitchLabelSyntax or SwitchExpressionArmSyntax or IsPatternExpressionSyntax
            || (parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } && TypeNames.InvokedName(invocation) is "Equals" or "HasFlag");
    }

    /// <summary>An integer constant: a literal, a constant the model knows, or a const/readonly/local initialized with one in this file.</summary>
    public static int? IntValue(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        return IntValue(expression, model, depth: 0);
    }

    /// <summary>How many declarations a constant lookup follows; also stops cycles such as <c>var a = a;</c>.</summary>
    private const int MaxIndirections = 6;

    private static int? IntValue(ExpressionSyntax expression, SemanticModel model, int depth)
    {
        var value = Unparenthesized(expression);
        if (value is LiteralExpressionSyntax { Token.Value: int literal })
        {
            return literal;
        }

        if (depth > MaxIndirections || value is null || value is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax or CastExpressionSyntax))
        {
            return null;
        }

        if (value is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } && Resolve(value, SimpleName(value)!) is { Declared: true } local)
        {
            return local.Value is { } initializer && initializer != value ? IntValue(initializer, model, depth + 1) : null;
        }

        if (value is IdentifierNameSyntax or MemberAccessExpressionSyntax && !ConstantNames.MayBeConstant(model, SimpleName(value)!, stringOnly: false))
        {
            return null;
        }

        var constant = model.GetConstantValue(value);
        return constant is { HasValue: true, Value: int known } ? known : null;
    }

    /// <summary>A string constant: a literal, a verbatim or raw literal, a constant the model knows, or a const/readonly initialized with one.</summary>
    public static string? StringValue(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        return StringValue(expression, model, depth: 0);
    }

    private static string? StringValue(ExpressionSyntax expression, SemanticModel model, int depth)
    {
        var value = Unparenthesized(expression);
        if (depth > MaxIndirections)
        {
            return null;
        }

        switch (value)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                return literal.Token.ValueText;
            case InterpolatedStringExpressionSyntax interpolated:
                var builder = new StringBuilder();
                foreach (var content in interpolated.Contents)
                {
                    var part = content switch
                    {
                        InterpolatedStringTextSyntax text => text.TextToken.ValueText,
                        InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole => StringValue(hole.Expression, model, depth + 1),
                        _ => null,
                    };
                    if (part is null)
                    {
                        return null;
                    }

                    builder.Append(part);
                }

                return builder.ToString();
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } concatenation:
                var left = StringValue(concatenation.Left, model, depth + 1);
                var right = left is null ? null : StringValue(concatenation.Right, model, depth + 1);
                return left is null || right is null ? null : left + right;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } when Resolve(value, SimpleName(value)!) is { Declared: true } local:
                // Declared in this file: follow the declaration instead of binding the method body.
                return local.Value is { } initializer && initializer != value ? StringValue(initializer, model, depth + 1) : null;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when !ConstantNames.MayBeConstant(model, SimpleName(value)!, stringOnly: true):
                return null;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                var constant = model.GetConstantValue(value);
                return constant is { HasValue: true, Value: string known } ? known : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The value a name holds at a use, when the code says so plainly. For a local: the last
    /// write before the use (its initializer or a plain assignment statement) in a block that
    /// also contains the use; null when a write before the use sits in a branch or loop. For a
    /// field or property: its initializer, when nothing in the type assigns it again.
    /// </summary>
    public static ExpressionSyntax? InitializerOf(SyntaxNode use, string name)
    {
        ArgumentNullException.ThrowIfNull(use);
        ArgumentNullException.ThrowIfNull(name);
        return Resolve(use, name).Value;
    }

    /// <summary>Whether the name is declared in this file as a local, parameter, field or property, and the value it plainly holds at the use.</summary>
    private static (bool Declared, ExpressionSyntax? Value) Resolve(SyntaxNode use, string name)
    {
        var root = use.SyntaxTree.GetRoot();
        var text = SinkSyntax.TextOf(use.SyntaxTree);
        var member = Scope(use);
        var isLocal = member.DescendantNodes(node => node is not (BlockSyntax or ArrowExpressionClauseSyntax))
            .OfType<ParameterSyntax>()
            .Any(parameter => parameter.Identifier.ValueText == name);
        (int Position, ExpressionSyntax? Value) last = (-1, null);
        foreach (var token in Occurrences(root, text, [member.Span], StringComparison.Ordinal, [name]))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || token.SpanStart >= use.SpanStart)
            {
                continue;
            }

            if (token.Parent is IdentifierNameSyntax { Parent: ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } })
            {
                // Passed by reference: the callee may have written anything.
                return (true, null);
            }

            (SyntaxNode Write, ExpressionSyntax? Value)? write = token.Parent switch
            {
                VariableDeclaratorSyntax declarator => (declarator, declarator.Initializer?.Value),
                IdentifierNameSyntax identifier when AssignmentOf(identifier) is { } assignment => (assignment, assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? assignment.Right : null),
                _ => null,
            };
            if (write is not { } found)
            {
                continue;
            }

            isLocal |= found.Write is VariableDeclaratorSyntax;
            var block = found.Write.FirstAncestorOrSelf<BlockSyntax>() as SyntaxNode ?? member;
            if (!block.Span.Contains(use.Span) || found.Write.Ancestors().TakeWhile(ancestor => ancestor != block).Any(ancestor => ancestor is StatementSyntax and not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax or UsingStatementSyntax)))
            {
                // Written in a branch, loop or lambda that the use is not part of: the value depends on the path.
                return (true, null);
            }

            last = (token.SpanStart, found.Value);
        }

        if (isLocal)
        {
            return (true, last.Value);
        }

        // What the type says of the name does not depend on the use: asked once per type and name, it is not re-read for every use.
        var type = use.FirstAncestorOrSelf<TypeDeclarationSyntax>() as SyntaxNode ?? root;
        return TypeLevelNames.GetOrCreateValue(type).GetOrAdd(name, static (key, scope) => ResolveInType(scope.Root, scope.Text, scope.Type, key), (Root: root, Text: text, Type: type));
    }

    /// <summary>Per type (or file), what <see cref="ResolveInType"/> found for each name asked.</summary>
    private static readonly ConditionalWeakTable<SyntaxNode, ConcurrentDictionary<string, (bool Declared, ExpressionSyntax? Value)>> TypeLevelNames = new();

    /// <summary>Whether the type declares the name as a field or property, and its initializer when nothing outside a constructor assigns it again.</summary>
    private static (bool Declared, ExpressionSyntax? Value) ResolveInType(SyntaxNode root, string text, SyntaxNode type, string name)
    {
        ExpressionSyntax? initial = null;
        var declared = false;
        foreach (var token in Occurrences(root, text, [type.Span], StringComparison.Ordinal, [name]))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name)
            {
                continue;
            }

            switch (token.Parent)
            {
                case VariableDeclaratorSyntax declarator when declarator.Parent?.Parent is FieldDeclarationSyntax:
                    declared = true;
                    initial = declarator.Initializer?.Value;
                    break;
                case PropertyDeclarationSyntax property:
                    declared = true;
                    initial = property.Initializer?.Value;
                    break;
                case IdentifierNameSyntax identifier when AssignmentOf(identifier) is not null && !identifier.Ancestors().Any(ancestor => ancestor is ConstructorDeclarationSyntax):
                    return (true, null);
            }
        }

        return (declared, initial);
    }

    /// <summary>The assignment whose target is the name: <c>name = …</c>, <c>name += …</c> or <c>this.name = …</c>.</summary>
    private static AssignmentExpressionSyntax? AssignmentOf(IdentifierNameSyntax identifier)
    {
        SyntaxNode target = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member && member.Name == identifier ? member : identifier;
        return target.Parent is AssignmentExpressionSyntax assignment && assignment.Left == target ? assignment : null;
    }

    /// <summary>Shortens code for a message: one line, at most about sixty characters.</summary>
    public static string Code(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        var lastWasSpace = false;
        foreach (var character in node.ToString())
        {
            var isSpace = char.IsWhiteSpace(character);
            if (isSpace && lastWasSpace)
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : character);
            lastWasSpace = isSpace;
        }

        var text = builder.ToString();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");
    }

    /// <summary>
    /// Reports a finding whose fix replaces <paramref name="target"/> with <paramref name="newText"/>:
    /// the suggestion is the full text of the lines from the reported node to the target.
    /// </summary>
    public static void ReportWithFix(CSharpRuleContext context, CSharpRule rule, SyntaxNode reported, TextSpan target, string newText, string message, SyntaxNode? through = null) =>
        ReportWithFix(context, rule, reported, [(target, newText)], message, through);

    /// <summary>
    /// Reports a finding whose fix is several replacements; the suggestion spans every line they touch,
    /// and also the line of <paramref name="through"/> when given (where the value is used).
    /// </summary>
    public static void ReportWithFix(CSharpRuleContext context, CSharpRule rule, SyntaxNode reported, IReadOnlyList<(TextSpan Target, string NewText)> edits, string message, SyntaxNode? through = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reported);
        ArgumentNullException.ThrowIfNull(edits);
        var lines = context.Text.Lines;
        var start = edits.Min(edit => edit.Target.Start);
        var end = edits.Max(edit => Math.Max(edit.Target.Start, edit.Target.End - 1));
        var first = lines.GetLineFromPosition(Math.Min(Math.Min(reported.SpanStart, start), through?.SpanStart ?? start));
        var last = lines.GetLineFromPosition(Math.Max(end, through?.SpanStart ?? end));
        var span = TextSpan.FromBounds(first.Start, last.End);
        var builder = new StringBuilder(context.Text.ToString(span));
        foreach (var (target, newText) in edits.OrderByDescending(edit => edit.Target.Start))
        {
            builder.Remove(target.Start - span.Start, target.Length).Insert(target.Start - span.Start, newText);
        }

        context.Report(rule, first.LineNumber + 1, last.LineNumber + 1, message, builder.ToString());
    }

    /// <summary>Formats an integer for a message without culture surprises.</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
