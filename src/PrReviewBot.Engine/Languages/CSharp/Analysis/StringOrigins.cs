using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Follows a string value back to where it was made, within the enclosing member: through
/// locals and their reassignments (<c>=</c>, <c>+=</c>), concatenation, interpolation,
/// <c>string.Format/Concat/Join</c>, <c>StringBuilder</c> appends, and the common string methods
/// (<c>Trim</c>, <c>Replace</c>, <c>Path.Combine</c>…). Tells whether the value is constant, passed
/// through, or built from non-constant parts, and whether user input flows into it.
/// </summary>
public static class StringOrigins
{
    private const int MaxDepth = 40;

    private static readonly HashSet<string> TransparentMethods = new(StringComparer.Ordinal)
    {
        "Trim", "TrimStart", "TrimEnd", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Substring",
        "Replace", "PadLeft", "PadRight", "Normalize", "Insert", "Remove", "Split", "First", "FirstOrDefault", "Last",
        "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "ToArray", "ToList", "Get",
        "GetValueOrDefault", "GetValues", "Clone", "Take", "Skip", "AsSpan", "ToCharArray",
    };

    private static readonly HashSet<string> PathLikeTransparent = new(StringComparer.Ordinal)
    {
        "GetFullPath", "GetDirectoryName", "GetFileName", "GetFileNameWithoutExtension", "GetExtension", "ChangeExtension",
        "TrimEndingDirectorySeparator", "UrlDecode", "UnescapeDataString", "HtmlDecode", "UrlPathEncode", "MapPath",
        "FromBase64String",
    };

    private static readonly HashSet<string> TrustedReceivers = new(StringComparer.Ordinal)
    {
        "Environment", "AppContext", "RuntimeInformation", "AppDomain",
    };

    private static readonly HashSet<string> TrustedPathCalls = new(StringComparer.Ordinal)
    {
        "GetTempPath", "GetTempFileName", "GetRandomFileName", "GetCurrentDirectory", "GetInvalidFileNameChars", "GetInvalidPathChars",
    };

    private static readonly HashSet<string> TrustedMembers = new(StringComparer.Ordinal)
    {
        "BaseDirectory", "ContentRootPath", "WebRootPath", "DirectorySeparatorChar", "AltDirectorySeparatorChar", "PathSeparator",
        "NewLine", "InvariantCulture", "CurrentCulture", "CurrentUICulture", "InvariantInfo", "CurrentInfo",
    };

    /// <summary>
    /// SQL text a query builder compiled, whose values travel as separate parameters: Dapper's
    /// <c>SqlBuilder.Template.RawSql</c>. Wrapping it in more SQL (<c>$"SELECT … FROM ({t.RawSql})"</c>,
    /// passed with <c>t.Parameters</c>) splices no value into the statement.
    /// </summary>
    private static readonly HashSet<string> CompiledSqlMembers = new(StringComparer.Ordinal) { "RawSql" };

    private static readonly HashSet<string> ScalarMembers = new(StringComparer.Ordinal)
    {
        "Length", "Count", "LongLength", "HasValue", "IsEmpty",
    };

    private static readonly HashSet<string> BuilderAppends = new(StringComparer.Ordinal)
    {
        "Append", "AppendLine", "AppendFormat", "AppendJoin", "Insert", "Replace", "Add", "AddRange", "Push", "Enqueue",
    };

    /// <summary>Locals of these types are read as everything appended or added to them.</summary>
    private static readonly HashSet<string> AccumulatorTypes = new(StringComparer.Ordinal)
    {
        "StringBuilder", "List", "HashSet", "Queue", "Stack", "Collection", "LinkedList", "SortedSet",
    };

    /// <summary>Where the string value of <paramref name="expression"/> comes from.</summary>
    /// <param name="isSanitizer">Calls whose result the caller trusts (an encoder, an escaper); they count as constant.</param>
    /// <param name="sources">Where untrusted values enter besides the request (<see cref="TaintSourceKind.RequestData"/>, always on): the command line, standard input.</param>
    public static StringOrigin Of(ExpressionSyntax expression, SemanticModel model, Func<InvocationExpressionSyntax, bool>? isSanitizer = null, IReadOnlySet<TaintSourceKind>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var walker = new Walker(model, isSanitizer, sources ?? RequestOnly);
        var facts = walker.Evaluate(expression, 0);
        CollectNames(expression, walker.Variables);
        return new StringOrigin(facts.Kind, facts.Part, facts.Input, walker.Variables);
    }

    /// <summary>The parts of <c>a + b + c + …</c> in order, without recursing once per operator.</summary>
    public static List<ExpressionSyntax> Operands(BinaryExpressionSyntax sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        var operands = new List<ExpressionSyntax>();
        ExpressionSyntax current = sum;
        while (current is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add)
        {
            operands.Add(add.Right);
            current = add.Left;
        }

        operands.Add(current);
        operands.Reverse();
        return operands;
    }

    /// <summary>True when the expression is a compile-time or obviously constant string (literals, constants, <c>nameof</c>, constant concatenations).</summary>
    public static bool IsConstant(ExpressionSyntax expression, SemanticModel model) => Of(expression, model).IsConstant;

    private static void CollectNames(ExpressionSyntax expression, HashSet<string> names)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case IdentifierNameSyntax identifier:
                    names.Add(identifier.Identifier.ValueText);
                    break;
                case MemberAccessExpressionSyntax { Expression: not ThisExpressionSyntax } member:
                    // model.ReturnUrl: a check on the same member path guards it too.
                    names.Add(SinkGuards.PathText(member));
                    break;
            }
        }
    }

    private readonly record struct Facts(StringOriginKind Kind, string? Part, string? Input)
    {
        public static Facts Constant => new(StringOriginKind.Constant, null, null);

        public static Facts Variable(SyntaxNode node) => new(StringOriginKind.Variable, SyntaxText.Brief(node), null);

        public bool IsConstant => Kind == StringOriginKind.Constant && Input is null;

        /// <summary>Either value may arrive: the more dynamic of the two wins.</summary>
        public Facts Merge(Facts other) => new(
            (StringOriginKind)Math.Max((int)Kind, (int)other.Kind),
            other.Kind > Kind ? other.Part ?? Part : Part ?? other.Part,
            Input ?? other.Input);

        /// <summary>Both values are joined into one string: any non-constant part makes it built.</summary>
        public Facts Join(Facts other)
        {
            if (IsConstant && other.IsConstant)
            {
                return Constant;
            }

            return new(StringOriginKind.Built, Part ?? other.Part, Input ?? other.Input);
        }
    }

    private static readonly IReadOnlySet<TaintSourceKind> RequestOnly = new HashSet<TaintSourceKind> { TaintSourceKind.RequestData };

    private sealed class Walker(SemanticModel model, Func<InvocationExpressionSyntax, bool>? isSanitizer, IReadOnlySet<TaintSourceKind> sources)
    {
        private readonly HashSet<(string Name, int Position)> visiting = [];

        // A value read twice (q = a + a; r = q + q) is traced once: no exponential walks on long chains.
        private readonly Dictionary<(string Name, int Position), Facts> known = [];

        // Methods of this file being followed into, with the arguments of the call that entered each.
        private readonly Dictionary<IMethodSymbol, ArgumentListSyntax> entered = new(SymbolEqualityComparer.Default);

        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

        public Facts Evaluate(ExpressionSyntax expression, int depth)
        {
            if (depth > MaxDepth)
            {
                return Facts.Variable(expression);
            }

            var next = depth + 1;
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Evaluate(parenthesized.Expression, next);
                case CastExpressionSyntax cast:
                    return ScalarTypes.IsScalarSyntax(cast.Type) ? Facts.Constant : Evaluate(cast.Expression, next);
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    return Evaluate(suppressed.Operand, next);
                case LiteralExpressionSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax or SizeOfExpressionSyntax:
                    return Facts.Constant;
                case InterpolatedStringExpressionSyntax interpolated:
                    return JoinAll(interpolated.Contents.OfType<InterpolationSyntax>().Select(part => part.Expression), next);
                case BinaryExpressionSyntax binary:
                    return EvaluateBinary(binary, next);
                case ConditionalExpressionSyntax conditional:
                    return Evaluate(conditional.WhenTrue, next).Merge(Evaluate(conditional.WhenFalse, next));
                case SwitchExpressionSyntax switchExpression:
                    return switchExpression.Arms.Aggregate(Facts.Constant, (facts, arm) => facts.Merge(Evaluate(arm.Expression, next)));
                case AwaitExpressionSyntax awaited:
                    return Evaluate(awaited.Expression, next);
                case InvocationExpressionSyntax invocation:
                    return EvaluateInvocation(invocation, next);
                case IdentifierNameSyntax identifier:
                    return EvaluateName(identifier, next);
                case MemberAccessExpressionSyntax member:
                    return EvaluateMember(member, next);
                case ElementAccessExpressionSyntax element:
                    return EvaluateElement(element, next);
                case ConditionalAccessExpressionSyntax conditionalAccess:
                    return EvaluateConditionalAccess(conditionalAccess, next);
                case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                    return JoinAll(initializer.Expressions, next);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return JoinAll(implicitArray.Initializer.Expressions, next);
                case CollectionExpressionSyntax collection:
                    return JoinAll(collection.Elements.OfType<ExpressionElementSyntax>().Select(element => element.Expression), next);
                case InitializerExpressionSyntax initializerExpression:
                    return JoinAll(initializerExpression.Expressions, next);
                case ObjectCreationExpressionSyntax creation when ScalarTypes.IsScalarSyntax(creation.Type):
                    return Facts.Constant;
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } creation when IsAddressType(creation):
                    // new Uri(x, UriKind.Absolute) is x as an address; new Uri(baseUri, relative) joins both.
                    var parts = creation.ArgumentList!.Arguments.Select(argument => argument.Expression).Where(argument => !ScalarTypes.IsScalar(argument, model)).ToList();
                    return parts.Count == 1 ? Evaluate(parts[0], next) : JoinAll(parts, next);
                default:
                    return Facts.Variable(expression);
            }
        }

        private Facts EvaluateBinary(BinaryExpressionSyntax binary, int depth)
        {
            switch (binary.Kind())
            {
                case SyntaxKind.AddExpression:
                    if (model.GetConstantValue(binary).HasValue)
                    {
                        return Facts.Constant;
                    }

                    return JoinAll(Operands(binary), depth);
                case SyntaxKind.CoalesceExpression:
                    return Evaluate(binary.Left, depth).Merge(Evaluate(binary.Right, depth));
                case SyntaxKind.AsExpression:
                    return Evaluate(binary.Left, depth);
                default:
                    // Comparisons, arithmetic and logic produce numbers and booleans.
                    return Facts.Constant;
            }
        }

        private Facts JoinAll(IEnumerable<ExpressionSyntax> parts, int depth) =>
            parts.Aggregate(Facts.Constant, (facts, part) => facts.Join(Evaluate(part, depth)));

        private Facts EvaluateInvocation(InvocationExpressionSyntax invocation, int depth)
        {
            var name = TypeNames.InvokedName(invocation);
            var receiver = TypeNames.Receiver(invocation);
            if (name == "nameof" && receiver is null)
            {
                return Facts.Constant;
            }

            if (isSanitizer?.Invoke(invocation) == true)
            {
                return Facts.Constant;
            }

            if (UserInput.TryGetSource(invocation, model, out var source) || ProcessInput.TryGetSource(invocation, sources, out source))
            {
                return new Facts(StringOriginKind.Variable, SyntaxText.Brief(invocation), source);
            }

            var receiverName = receiver switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                _ => null,
            };
            var arguments = invocation.ArgumentList.Arguments.Select(argument => argument.Expression);
            if ((receiverName is "string" or "String" && name is "Format" or "Concat" or "Join" or "Create")
                || (receiverName is "FormattableString" && name is "Invariant" or "CurrentCulture"))
            {
                return JoinAll(arguments, depth);
            }

            if (receiverName is not null && (TrustedReceivers.Contains(receiverName) || (receiverName is "Path" or "Directory" && name is not null && TrustedPathCalls.Contains(name))))
            {
                return Facts.Constant;
            }

            if (receiverName is "Path" && name is "Combine" or "Join")
            {
                return JoinAll(arguments, depth);
            }

            var decodes = name == "GetString" && receiver is not null && receiver.ToString().Contains("Encoding", StringComparison.Ordinal);
            if (name is not null && (decodes || PathLikeTransparent.Contains(name)) && invocation.ArgumentList.Arguments.Count > 0)
            {
                return Evaluate(invocation.ArgumentList.Arguments[0].Expression, depth);
            }

            if (model.GetConstantValue(invocation).HasValue || ScalarTypes.IsScalar(invocation, model))
            {
                return Facts.Constant;
            }

            if (receiver is null or ThisExpressionSyntax && ReturnOfMethodInFile(invocation, depth) is { } returned)
            {
                return returned;
            }

            if (receiver is null || name is null)
            {
                return Facts.Variable(invocation);
            }

            if (name == "ToString")
            {
                if (IsStringBuilder(receiver))
                {
                    return EvaluateBuilder(receiver, depth);
                }

                return ScalarTypes.IsScalar(receiver, model) ? Facts.Constant : Evaluate(receiver, depth);
            }

            if (TransparentMethods.Contains(name))
            {
                // x.Replace("{id}", id): the arguments become part of the result.
                var facts = Evaluate(receiver, depth);
                foreach (var argument in arguments)
                {
                    var part = Evaluate(argument, depth);
                    if (!part.IsConstant)
                    {
                        facts = facts.Join(part);
                    }
                }

                return facts;
            }

            return Facts.Variable(invocation);
        }

        /// <summary>
        /// What a method of this file returns for these arguments: <c>BuildUrl(host)</c> is followed into
        /// <c>return "http://" + host + "/";</c> with <c>host</c> read at the call. Null when the callee is
        /// elsewhere, already being followed, or has no return value to read.
        /// </summary>
        private Facts? ReturnOfMethodInFile(InvocationExpressionSyntax invocation, int depth)
        {
            if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method
                || entered.ContainsKey(method.OriginalDefinition)
                || method.DeclaringSyntaxReferences is not [var reference]
                || reference.SyntaxTree != invocation.SyntaxTree)
            {
                return null;
            }

            var (arrow, body) = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax declared => (declared.ExpressionBody?.Expression, declared.Body),
                LocalFunctionStatementSyntax local => (local.ExpressionBody?.Expression, local.Body),
                _ => (null, null),
            };
            var returns = arrow is not null
                ? [arrow]
                : body?.DescendantNodes(child => child is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                    .OfType<ReturnStatementSyntax>()
                    .Select(statement => statement.Expression)
                    .OfType<ExpressionSyntax>()
                    .ToList() ?? [];
            if (returns.Count == 0)
            {
                return null;
            }

            entered[method.OriginalDefinition] = invocation.ArgumentList;
            var facts = returns.Skip(1).Aggregate(Evaluate(returns[0], depth), (merged, value) => merged.Merge(Evaluate(value, depth)));
            entered.Remove(method.OriginalDefinition);
            return facts;
        }

        /// <summary>The argument the call being followed passes for a parameter of the method it entered, or null.</summary>
        private ExpressionSyntax? ArgumentFor(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method || !entered.TryGetValue(method.OriginalDefinition, out var arguments))
            {
                return null;
            }

            var named = arguments.Arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == parameter.Name);
            return named?.Expression
                ?? (parameter.Ordinal < arguments.Arguments.Count && arguments.Arguments[parameter.Ordinal].NameColon is null && !parameter.IsParams
                    ? arguments.Arguments[parameter.Ordinal].Expression
                    : null);
        }

        private Facts EvaluateName(IdentifierNameSyntax identifier, int depth)
        {
            var symbol = model.GetSymbolInfo(identifier).Symbol;
            if (symbol is IParameterSymbol entering && entered.Count > 0 && ArgumentFor(entering) is { } argument)
            {
                return Evaluate(argument, depth);
            }

            switch (symbol)
            {
                case IFieldSymbol field:
                    return EvaluateField(field, identifier, depth);
                case ILocalSymbol local when AccumulatorTypes.Contains(local.Type.Name):
                    return EvaluateBuilder(identifier, depth);
                case ILocalSymbol local:
                    return local.IsConst || ScalarTypes.IsScalar(identifier, model) ? Facts.Constant : Trace(identifier, isParameter: false, depth);
                case IParameterSymbol parameter when sources.Contains(TaintSourceKind.CommandLine) && ProcessInput.IsCommandLine(parameter):
                    return new Facts(StringOriginKind.Variable, identifier.Identifier.ValueText, $"the command-line arguments `{identifier.Identifier.ValueText}`");
                case IParameterSymbol:
                    return ScalarTypes.IsScalar(identifier, model) ? Facts.Constant : Trace(identifier, isParameter: true, depth);
                case null:
                    return EvaluateUnresolvedName(identifier, depth);
                default:
                    return model.GetConstantValue(identifier).HasValue ? Facts.Constant : Facts.Variable(identifier);
            }
        }

        /// <summary>Binding failed (broken code around it): decide from the declaration found by name.</summary>
        private Facts EvaluateUnresolvedName(IdentifierNameSyntax identifier, int depth)
        {
            if (UserInput.FindParameter(identifier) is { } parameter)
            {
                return ScalarTypes.IsScalarSyntax(parameter.Type) ? Facts.Constant : Trace(identifier, isParameter: true, depth);
            }

            var text = identifier.Identifier.ValueText;
            var member = identifier.Ancestors().FirstOrDefault(IsMemberScope);
            var declarator = member?.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                .FirstOrDefault(candidate => candidate.Identifier.ValueText == text && candidate.SpanStart < identifier.SpanStart);
            if (declarator is not null)
            {
                return IsConstDeclaration(declarator) ? Facts.Constant : Trace(identifier, isParameter: false, depth);
            }

            var field = identifier.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault()?.Members
                .OfType<FieldDeclarationSyntax>()
                .SelectMany(declaration => declaration.Declaration.Variables)
                .FirstOrDefault(candidate => candidate.Identifier.ValueText == text);
            if (field is not null && IsConstDeclaration(field))
            {
                return Facts.Constant;
            }

            return Facts.Variable(identifier);
        }

        private static bool IsConstDeclaration(VariableDeclaratorSyntax declarator) =>
            declarator.Parent?.Parent switch
            {
                LocalDeclarationStatementSyntax local => local.IsConst,
                FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword),
                _ => false,
            };

        private Facts EvaluateField(IFieldSymbol field, ExpressionSyntax reference, int depth)
        {
            if (field.IsConst || (field.Name == "Empty" && field.ContainingType?.SpecialType == SpecialType.System_String))
            {
                return Facts.Constant;
            }

            if (ScalarTypes.IsScalar(reference, model))
            {
                return Facts.Constant;
            }

            if (field.IsReadOnly
                && field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
                && value.SyntaxTree == reference.SyntaxTree)
            {
                // A readonly field keeps its initializer unless a constructor overwrites it; the initializer is what readers see.
                var facts = Evaluate(value, depth);
                if (facts.IsConstant)
                {
                    return facts;
                }
            }

            return Facts.Variable(reference);
        }

        private Facts EvaluateMember(MemberAccessExpressionSyntax member, int depth)
        {
            if (UserInput.TryGetSource(member, model, out var source))
            {
                return ScalarTypes.IsScalar(member, model) ? Facts.Constant : new Facts(StringOriginKind.Variable, SyntaxText.Brief(member), source);
            }

            if (sources.Contains(TaintSourceKind.ArchiveEntryName) && ArchiveEntries.IsEntryName(member, model))
            {
                return new Facts(StringOriginKind.Variable, SyntaxText.Brief(member), $"the archive entry name `{SyntaxText.Brief(member)}`");
            }

            var name = member.Name.Identifier.ValueText;
            if (TrustedMembers.Contains(name)
                || CompiledSqlMembers.Contains(name)
                || (member.Expression is IdentifierNameSyntax { Identifier.ValueText: var receiver } && TrustedReceivers.Contains(receiver))
                || (name == "Location" && member.Expression.ToString().Contains("Assembly", StringComparison.Ordinal))
                || (name == "Empty" && member.Expression is PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" }))
            {
                return Facts.Constant;
            }

            if (model.GetConstantValue(member).HasValue || ScalarTypes.IsScalar(member, model) || ScalarMembers.Contains(name))
            {
                return Facts.Constant;
            }

            var symbol = model.GetSymbolInfo(member).Symbol;
            if (symbol is IFieldSymbol field)
            {
                return EvaluateField(field, member, depth);
            }

            if (member.Expression is ThisExpressionSyntax or BaseExpressionSyntax)
            {
                return Facts.Variable(member);
            }

            // A member of a value that came from the request is request data too (file.FileName, model.Url).
            var owner = Evaluate(member.Expression, depth);
            return new Facts(StringOriginKind.Variable, SyntaxText.Brief(member), owner.Input);
        }

        private Facts EvaluateElement(ElementAccessExpressionSyntax element, int depth)
        {
            if (UserInput.TryGetSource(element, model, out var source))
            {
                return new Facts(StringOriginKind.Variable, SyntaxText.Brief(element), source);
            }

            if (ScalarTypes.IsScalar(element, model))
            {
                return Facts.Constant;
            }

            var owner = Evaluate(element.Expression, depth);
            return owner.IsConstant ? owner : new Facts(StringOriginKind.Variable, SyntaxText.Brief(element), owner.Input);
        }

        private Facts EvaluateConditionalAccess(ConditionalAccessExpressionSyntax access, int depth)
        {
            if (UserInput.TryGetSource(access, model, out var source))
            {
                return new Facts(StringOriginKind.Variable, SyntaxText.Brief(access), source);
            }

            if (access.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding }
                && (TransparentMethods.Contains(binding.Name.Identifier.ValueText) || binding.Name.Identifier.ValueText == "ToString"))
            {
                return Evaluate(access.Expression, depth);
            }

            var owner = Evaluate(access.Expression, depth);
            return new Facts(StringOriginKind.Variable, SyntaxText.Brief(access), owner.Input);
        }

        private static bool IsAddressType(BaseObjectCreationExpressionSyntax creation) =>
            SinkSyntax.CreatedTypeName(creation) is "Uri" or "UriBuilder";

        private bool IsStringBuilder(ExpressionSyntax expression) =>
            TypeNames.Of(expression, model) == "StringBuilder";

        /// <summary>Everything appended to a builder before it is read: its constructor argument and every Append-like call.</summary>
        private Facts EvaluateBuilder(ExpressionSyntax builder, int depth)
        {
            if (builder is not IdentifierNameSyntax identifier)
            {
                return EvaluateBuilderChain(builder, depth);
            }

            var name = identifier.Identifier.ValueText;
            if (known.TryGetValue((name, identifier.SpanStart), out var done))
            {
                return done;
            }

            if (!visiting.Add((name, identifier.SpanStart)))
            {
                return Facts.Variable(identifier);
            }

            Variables.Add(name);
            var facts = Facts.Constant;
            var scope = ScopeOf(identifier);
            foreach (var node in scope.DescendantNodes())
            {
                if (node.SpanStart >= identifier.SpanStart)
                {
                    break;
                }

                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator when declarator.Identifier.ValueText == name:
                        facts = facts.Join(EvaluateBuilderChain(value, depth));
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name:
                        facts = facts.Join(EvaluateBuilderChain(assignment.Right, depth));
                        break;
                    case InvocationExpressionSyntax invocation when IsAppendOn(invocation, name):
                        facts = facts.Join(JoinAll(invocation.ArgumentList.Arguments.Select(argument => argument.Expression), depth));
                        break;
                }
            }

            visiting.Remove((name, identifier.SpanStart));
            known[(name, identifier.SpanStart)] = facts;
            return facts;
        }

        /// <summary>True for <c>sb.Append(x)</c> and for each link of <c>sb.Append(a).Append(x)</c>.</summary>
        private static bool IsAppendOn(InvocationExpressionSyntax invocation, string builder)
        {
            var current = (ExpressionSyntax)invocation;
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } && BuilderAppends.Contains(member.Name.Identifier.ValueText))
            {
                current = member.Expression;
            }

            return current != invocation && current is IdentifierNameSyntax target && target.Identifier.ValueText == builder;
        }

        /// <summary><c>new StringBuilder("a").Append(b).AppendFormat(…)</c> read as one expression.</summary>
        private Facts EvaluateBuilderChain(ExpressionSyntax expression, int depth)
        {
            var facts = Facts.Constant;
            var current = expression;
            while (true)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation when BuilderAppends.Contains(member.Name.Identifier.ValueText):
                        facts = facts.Join(JoinAll(invocation.ArgumentList.Arguments.Select(argument => argument.Expression), depth));
                        current = member.Expression;
                        continue;
                    case BaseObjectCreationExpressionSyntax creation:
                        var arguments = creation.ArgumentList?.Arguments.Select(argument => argument.Expression) ?? [];
                        var elements = creation.Initializer?.Expressions ?? [];
                        return facts.Join(JoinAll(arguments.Concat(elements), depth));
                    case CollectionExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                        return facts.Join(Evaluate(current, depth));
                    case IdentifierNameSyntax identifier when IsStringBuilder(identifier):
                        return facts.Join(EvaluateBuilder(identifier, depth));
                    default:
                        return facts.Join(Facts.Variable(current));
                }
            }
        }

        /// <summary>
        /// The value a local or parameter holds at <paramref name="use"/>: the writes before it, newest
        /// first, up to the first one that runs on every path to the use.
        /// </summary>
        private Facts Trace(IdentifierNameSyntax use, bool isParameter, int depth)
        {
            var name = use.Identifier.ValueText;
            if (known.TryGetValue((name, use.SpanStart), out var done))
            {
                return done;
            }

            if (!visiting.Add((name, use.SpanStart)))
            {
                return Facts.Variable(use);
            }

            Variables.Add(name);
            var writes = new List<(SyntaxNode Node, ExpressionSyntax Value, bool Compound)>();
            foreach (var node in ScopeOf(use).DescendantNodes())
            {
                if (node.SpanStart >= use.SpanStart)
                {
                    break;
                }

                if (node.Span.Contains(use.Span) && node is not (ForEachStatementSyntax or StatementSyntax))
                {
                    // x = x + 1: the write being evaluated is not yet done where x is read.
                    continue;
                }

                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator when declarator.Identifier.ValueText == name:
                        writes.Add((declarator, initial, false));
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name:
                        writes.Add((assignment, assignment.Right, assignment.IsKind(SyntaxKind.AddAssignmentExpression)));
                        break;
                    case ForEachStatementSyntax loop when loop.Identifier.ValueText == name:
                        writes.Add((loop, loop.Expression, false));
                        break;
                    case SingleVariableDesignationSyntax designation when designation.Identifier.ValueText == name && DesignatedValue(designation) is { } designated:
                        writes.Add((designation, designated, false));
                        break;
                    case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword, Expression: IdentifierNameSyntax target } argument
                        when target.Identifier.ValueText == name && DesignatedValue(argument) is { } filled:
                        writes.Add((argument, filled, false));
                        break;
                }
            }

            // Trace reads of the variable inside earlier writes oldest first (q = q + "…" chains), so
            // each is answered from the cache and the recursion below stays one level deep.
            foreach (var (_, value, _) in writes)
            {
                foreach (var earlier in value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    if (earlier.Identifier.ValueText != name
                        || (earlier.Parent is MemberAccessExpressionSyntax access && access.Name == earlier)
                        || known.ContainsKey((name, earlier.SpanStart))
                        || visiting.Contains((name, earlier.SpanStart)))
                    {
                        continue;
                    }

                    Trace(earlier, isParameter, depth);
                }
            }

            var facts = (Found: false, Value: Facts.Constant);
            var dominated = false;
            for (var index = writes.Count - 1; index >= 0; index--)
            {
                var (node, value, compound) = writes[index];
                var written = Evaluate(value, depth);
                if (compound && !written.IsConstant)
                {
                    written = new Facts(StringOriginKind.Built, written.Part, written.Input);
                }

                facts = (true, facts.Found ? facts.Value.Merge(written) : written);
                if (!compound && Dominates(node, use))
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated && isParameter)
            {
                var parameter = UserInput.MayEnter(use.SyntaxTree) ? UserInput.FindParameter(use) : null;
                var declared = parameter ?? UserInput.FindParameter(use);
                var own = parameter is not null && UserInput.IsUserInputParameter(parameter)
                    ? new Facts(StringOriginKind.Variable, name, $"the request parameter `{name}`")
                    : declared is not null && sources.Contains(TaintSourceKind.CallerArgument) && CallerArguments.IsCallerChosen(declared)
                        ? new Facts(StringOriginKind.Variable, name, CallerArguments.Describe(declared))
                        : declared is not null && OnlyGivenConstants(declared, depth) ? Facts.Constant : Facts.Variable(use);
                facts = (true, facts.Found ? facts.Value.Merge(own) : own);
            }

            visiting.Remove((name, use.SpanStart));
            var result = facts.Found ? facts.Value : Facts.Variable(use);
            known[(name, use.SpanStart)] = result;
            return result;
        }

        /// <summary>
        /// A parameter of a private method or local function that every call in the file gives a
        /// constant: the SQL fragments a repository's own query helper is handed (<c>QueryGrouped(builder,
        /// template, "SUM(x) AS total")</c>). Callers outside the file cannot reach a private helper, so
        /// what its callers here pass is all it ever gets; with no caller in sight it stays a variable.
        /// </summary>
        private bool OnlyGivenConstants(ParameterSyntax parameter, int depth)
        {
            var (name, list, isPrivate) = parameter.Parent?.Parent switch
            {
                MethodDeclarationSyntax method => (method.Identifier.ValueText, method.ParameterList, IsPrivate(method.Modifiers)),
                LocalFunctionStatementSyntax local => (local.Identifier.ValueText, local.ParameterList, true),
                _ => (string.Empty, null, false),
            };
            if (!isPrivate || list is null || parameter.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.ParamsKeyword)))
            {
                return false;
            }

            var position = list.Parameters.IndexOf(parameter);
            var calls = 0;
            foreach (var invocation in parameter.SyntaxTree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var called = invocation.Expression switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    GenericNameSyntax generic => generic.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
                    _ => null,
                };
                if (called != name)
                {
                    continue;
                }

                var arguments = invocation.ArgumentList.Arguments;
                var argument = arguments.FirstOrDefault(candidate => candidate.NameColon?.Name.Identifier.ValueText == parameter.Identifier.ValueText)
                    ?? (position < arguments.Count && arguments[position].NameColon is null ? arguments[position] : null);
                if (argument is null)
                {
                    // An overload with fewer parameters hands this one nothing; an omitted argument takes the default.
                    if (parameter.Default is { } fallback)
                    {
                        calls++;
                        if (!Evaluate(fallback.Value, depth + 1).IsConstant)
                        {
                            return false;
                        }
                    }

                    continue;
                }

                calls++;
                if (!Evaluate(argument.Expression, depth + 1).IsConstant)
                {
                    return false;
                }
            }

            return calls > 0;
        }

        private static bool IsPrivate(SyntaxTokenList modifiers) =>
            !modifiers.Any(modifier => modifier.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.ProtectedKeyword);

        /// <summary><c>out var v</c> takes its value from the call's receiver (<c>Request.Query.TryGetValue</c>); <c>x is string s</c> from x.</summary>
        private static ExpressionSyntax? DesignatedValue(SyntaxNode designation)
        {
            foreach (var ancestor in designation.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                        // Uri.TryCreate(text, kind, out var uri): the address is the text.
                        return TypeNames.InvokedName(invocation) == "TryCreate" && invocation.ArgumentList.Arguments.Count > 1
                            ? invocation.ArgumentList.Arguments[0].Expression
                            : TypeNames.Receiver(invocation);
                    case IsPatternExpressionSyntax pattern:
                        return pattern.Expression;
                    case StatementSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>True when the write runs on every path that reaches the use (same or enclosing block, or the statement that holds the use).</summary>
        private static bool Dominates(SyntaxNode write, SyntaxNode use)
        {
            var statement = write.FirstAncestorOrSelf<StatementSyntax>();
            if (statement is null)
            {
                return false;
            }

            if (statement.Span.Contains(use.Span))
            {
                return true;
            }

            var parent = statement.Parent;
            if (parent is GlobalStatementSyntax global)
            {
                parent = global.Parent;
            }

            return parent is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax && use.Ancestors().Contains(parent);
        }

        private static SyntaxNode ScopeOf(SyntaxNode use) =>
            use.Ancestors().FirstOrDefault(node => IsMemberScope(node) && node is not AnonymousFunctionExpressionSyntax)
            ?? use.SyntaxTree.GetRoot();
    }

    private static bool IsMemberScope(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or PropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax;
}
