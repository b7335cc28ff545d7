using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;

/// <summary>
/// <c>dynamic</c> where the static type is known: <c>dynamic n = 5;</c>. Values whose type is
/// really only known at run time (JSON parsed to <c>object</c>, COM objects, <c>ExpandoObject</c>,
/// types that do not resolve here) are left alone.
/// </summary>
public sealed class DynamicTypeRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/dynamic-type",
        "`dynamic` where the type is known",
        Category.TypeHints,
        Severity.Note,
        "`dynamic` switches off compile-time checking and IntelliSense for every use of the value: a typo in a member name or a wrong argument becomes a run-time `RuntimeBinderException`, and each call goes through the slower dynamic binder.",
        "Declare the real type, or `var` for a local initialised with a value of known type; keep `dynamic` for COM interop, `ExpandoObject` and values whose shape is only known at run time.");

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.TextOf(context.Tree).Contains("dynamic", StringComparison.Ordinal))
        {
            return;
        }

        // Only a `dynamic` on an added line is judged, so only the nodes that touch one are visited.
        foreach (var node in context.Root.DescendantNodes(context.TouchesChange))
        {
            if (node is not IdentifierNameSyntax { Identifier.ValueText: "dynamic" } type || !IsTypePosition(type) || !context.IsChanged(type))
            {
                continue;
            }

            switch (type.Parent)
            {
                case VariableDeclarationSyntax declaration:
                    CheckDeclaration(context, type, declaration);
                    break;
                case ForEachStatementSyntax forEach:
                    CheckForEach(context, type, forEach);
                    break;
                case PropertyDeclarationSyntax property:
                    CheckProperty(context, type, property);
                    break;
                case MethodDeclarationSyntax method when method.ReturnType == type:
                    CheckReturns(context, type, method.Body, method.ExpressionBody, method.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax function when function.ReturnType == type:
                    CheckReturns(context, type, function.Body, function.ExpressionBody, function.Identifier.ValueText);
                    break;
            }
        }
    }

    private static bool IsTypePosition(IdentifierNameSyntax type) => type.Parent switch
    {
        VariableDeclarationSyntax declaration => declaration.Type == type,
        ForEachStatementSyntax forEach => forEach.Type == type,
        PropertyDeclarationSyntax property => property.Type == type,
        MethodDeclarationSyntax method => method.ReturnType == type,
        LocalFunctionStatementSyntax function => function.ReturnType == type,
        _ => false,
    };

    private void CheckDeclaration(CSharpRuleContext context, IdentifierNameSyntax type, VariableDeclarationSyntax declaration)
    {
        if (!IsDynamic(context, type))
        {
            return;
        }

        var isLocal = declaration.Parent is LocalDeclarationStatementSyntax or UsingStatementSyntax or ForStatementSyntax;
        if (!isLocal && declaration.Parent is not FieldDeclarationSyntax)
        {
            return;
        }

        foreach (var variable in declaration.Variables)
        {
            if (variable.Initializer?.Value is not { } value || KnownType(context, value) is not { } known)
            {
                continue;
            }

            if (IsReassignedWithOtherType(context, variable, known))
            {
                continue;
            }

            var shown = known.ToMinimalDisplayString(context.NullableFlowModel, value.SpanStart);
            var single = declaration.Variables.Count == 1;
            var replacement = !single ? null
                : isLocal ? ReplaceOnLine(context, type, "var")
                : ReplaceOnLine(context, type, shown);
            var fix = isLocal ? "use `var` or the type" : $"declare it as `{shown}`";
            context.Report(
                this,
                type,
                $"`{variable.Identifier.ValueText}` is declared `dynamic` but is initialised with a value of type `{shown}`; {fix} so the compiler checks its uses.",
                replacement);
            return;
        }
    }

    private void CheckForEach(CSharpRuleContext context, IdentifierNameSyntax type, ForEachStatementSyntax forEach)
    {
        if (!IsDynamic(context, type))
        {
            return;
        }

        var collectionType = context.NullableFlowModel.GetTypeInfo(forEach.Expression).Type;
        if (collectionType is null or IErrorTypeSymbol || collectionType.TypeKind == TypeKind.Dynamic)
        {
            return;
        }

        var element = context.NullableFlowModel.GetForEachStatementInfo(forEach).ElementType;
        if (element is null || !IsStaticallyKnown(element) || !IsExact(element, null))
        {
            return;
        }

        var shown = element.ToMinimalDisplayString(context.NullableFlowModel, forEach.SpanStart);
        context.Report(
            this,
            type,
            $"Loop variable `{forEach.Identifier.ValueText}` is declared `dynamic` but the collection holds `{shown}`; use `var` or `{shown}`.",
            ReplaceOnLine(context, type, "var"));
    }

    private void CheckProperty(CSharpRuleContext context, IdentifierNameSyntax type, PropertyDeclarationSyntax property)
    {
        // A property others can set holds whatever they give it.
        var settable = property.AccessorList?.Accessors.Any(accessor => accessor.Keyword.Kind() is SyntaxKind.SetKeyword or SyntaxKind.InitKeyword) == true;
        var value = property.Initializer?.Value ?? property.ExpressionBody?.Expression;
        if (value is null || settable || !IsDynamic(context, type) || KnownType(context, value) is not { } known)
        {
            return;
        }

        var shown = known.ToMinimalDisplayString(context.NullableFlowModel, value.SpanStart);
        context.Report(
            this,
            type,
            $"Property `{property.Identifier.ValueText}` is declared `dynamic` but its value is a `{shown}`; declare it as `{shown}`.",
            ReplaceOnLine(context, type, shown));
    }

    private void CheckReturns(CSharpRuleContext context, IdentifierNameSyntax type, BlockSyntax? body, ArrowExpressionClauseSyntax? expressionBody, string name)
    {
        if (!IsDynamic(context, type))
        {
            return;
        }

        var returned = new List<ExpressionSyntax>();
        if (expressionBody is not null)
        {
            returned.Add(expressionBody.Expression);
        }
        else if (body is not null)
        {
            foreach (var node in body.DescendantNodes(child => child is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case ReturnStatementSyntax { Expression: { } expression }:
                        returned.Add(expression);
                        break;
                    case YieldStatementSyntax:
                        return;
                }
            }
        }

        if (returned.Count == 0)
        {
            return;
        }

        ITypeSymbol? common = null;
        foreach (var expression in returned)
        {
            var known = KnownType(context, expression);
            if (known is null || (common is not null && !SymbolEqualityComparer.Default.Equals(common, known)))
            {
                return;
            }

            common = known;
        }

        var shown = common!.ToMinimalDisplayString(context.NullableFlowModel, type.SpanStart);
        context.Report(
            this,
            type,
            $"`{name}` is declared to return `dynamic` but always returns a `{shown}`; declare the return type `{shown}`.",
            ReplaceOnLine(context, type, shown));
    }

    private static bool IsDynamic(CSharpRuleContext context, IdentifierNameSyntax type) =>
        context.NullableFlowModel.GetTypeInfo(type).Type is { TypeKind: TypeKind.Dynamic };

    /// <summary>The static type of a value when it is a real, resolved type that is not meant for dynamic use.</summary>
    private static ITypeSymbol? KnownType(CSharpRuleContext context, ExpressionSyntax value)
    {
        if (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression))
        {
            return null;
        }

        var type = context.NullableFlowModel.GetTypeInfo(value).Type;
        return type is not null && IsStaticallyKnown(type) && IsExact(type, value) ? type : null;
    }

    private static bool IsStaticallyKnown(ITypeSymbol type)
    {
        if (type is IErrorTypeSymbol || type.TypeKind is TypeKind.Dynamic or TypeKind.Error or TypeKind.TypeParameter
            || type.SpecialType == SpecialType.System_Object || type.IsAnonymousType)
        {
            return false;
        }

        // ExpandoObject, DynamicObject subclasses and COM wrappers are built for late binding.
        if (type.AllInterfaces.Any(candidate => candidate is { Name: "IDynamicMetaObjectProvider", ContainingNamespace.Name: "Dynamic" }))
        {
            return false;
        }

        if (type.GetAttributes().Any(attribute => attribute.AttributeClass is { Name: "ComImportAttribute" }))
        {
            return false;
        }

        return true;
    }

    /// <summary>
    /// True when the value's run-time type is its static type: a sealed or value type, or a new
    /// object. Otherwise `dynamic` picks overloads by the run-time type (`Visit(shape)` reaching
    /// `Visit(Circle)`) and the keyword is doing real work.
    /// </summary>
    private static bool IsExact(ITypeSymbol type, ExpressionSyntax? value) =>
        type.IsValueType || type.IsSealed
        || type is IArrayTypeSymbol { ElementType: var element } && (element.IsValueType || element.IsSealed)
        || value is BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax;

    /// <summary>True when the local is later assigned a value of another (or unknown) type: then <c>dynamic</c> is doing real work.</summary>
    private static bool IsReassignedWithOtherType(CSharpRuleContext context, VariableDeclaratorSyntax variable, ITypeSymbol known)
    {
        // A field can be assigned anywhere in its type; a local only in its block.
        var scope = variable.Parent?.Parent is FieldDeclarationSyntax
            ? variable.FirstAncestorOrSelf<TypeDeclarationSyntax>()
            : variable.FirstAncestorOrSelf<BlockSyntax>() ?? (SyntaxNode?)variable.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        if (scope is null)
        {
            return false;
        }

        var name = variable.Identifier.ValueText;
        foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            var target = assignment.Left switch
            {
                IdentifierNameSyntax identifier => identifier,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member,
                _ => null,
            };
            if (target is not null && target.Identifier.ValueText == name)
            {
                if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return true;
                }

                var assigned = context.NullableFlowModel.GetTypeInfo(assignment.Right).Type;
                if (assigned is null || !SymbolEqualityComparer.Default.Equals(assigned, known))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The line of <paramref name="type"/> with the keyword replaced, when it is on one line.</summary>
    private static string ReplaceOnLine(CSharpRuleContext context, IdentifierNameSyntax type, string replacement)
    {
        var line = context.Text.Lines.GetLineFromPosition(type.SpanStart);
        var text = line.ToString();
        var column = type.SpanStart - line.Start;
        return string.Concat(text.AsSpan(0, column), replacement, text.AsSpan(column + type.Span.Length));
    }
}
