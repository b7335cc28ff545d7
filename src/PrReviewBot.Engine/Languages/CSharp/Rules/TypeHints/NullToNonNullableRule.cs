using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;

/// <summary>
/// With nullable reference types on: <c>null</c> (or <c>default</c> of a reference type) put
/// into a reference declared non-nullable, returned where a non-nullable reference is
/// promised, or passed to a non-nullable parameter. <c>null!</c> is a deliberate suppression.
/// </summary>
/// <remarks>
/// Only <c>null</c>/<c>default</c> literals on added lines are candidates. Targets are found from
/// the written declarations (binding only the type names); only arguments need overload
/// resolution. Binding uses a model without nullable flow analysis: declared annotations are all
/// this rule reads, and flow analysis of every method body is what makes binding slow.
/// </remarks>
public sealed class NullToNonNullableRule : CSharpRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        "cs/null-to-non-nullable",
        "`null` given to a non-nullable reference",
        Category.TypeHints,
        Severity.Warning,
        "The declaration promises every reader and caller that the value is never null, so nobody checks; the `null` put there travels until something dereferences it and throws `NullReferenceException` far from the cause.",
        "If null is a legitimate value, say so in the type (`string?`) and handle it; otherwise give a real value (`string.Empty`, an empty collection, a required constructor argument). Write `null!` only where something else guarantees initialisation.");

    private static readonly string[] AllowsNullAttributes = ["AllowNull", "MaybeNull"];

    private static readonly string[] NullableReturnAttributes = ["MaybeNull", "NotNullIfNotNull", "MaybeNullWhen"];

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = SinkSyntax.TextOf(context.Tree);
        if (!text.Contains("null", StringComparison.Ordinal) && !text.Contains("default", StringComparison.Ordinal))
        {
            return;
        }

        // Declared nullability is all this rule needs, and the rules' model runs no flow analysis: bodies other rules bound are not bound again.
        var model = context.Model;
        // A candidate counts only when its value (the literal with the parentheses, `?:` branches and switch
        // arms around it) touches an added line: the walk enters only nodes that touch one, and those shapes.
        foreach (var node in context.Root.DescendantNodes(node => context.TouchesChange(node)
            || node is ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or SwitchExpressionSyntax or SwitchExpressionArmSyntax))
        {
            if (node.IsKind(SyntaxKind.NullLiteralExpression) || node.IsKind(SyntaxKind.DefaultLiteralExpression) || node.IsKind(SyntaxKind.DefaultExpression))
            {
                Check(context, model, (ExpressionSyntax)node);
            }
        }
    }

    private void Check(CSharpRuleContext context, SemanticModel model, ExpressionSyntax value)
    {
        var outer = OutermostValue(value);
        if (outer is null || !context.IsChanged(outer) || !context.IsNullableEnabledAt(value.SpanStart))
        {
            return;
        }

        var isNullLiteral = value.IsKind(SyntaxKind.NullLiteralExpression);
        if (value is DefaultExpressionSyntax { Type: var defaultType } && BindType(model, defaultType) is not { IsReferenceType: true })
        {
            // default(T) of a value type (or of a type we cannot see) is not known to be null.
            return;
        }

        var shown = isNullLiteral ? "`null`" : $"`{value}` (null for a reference type)";
        switch (outer.Parent)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } variable }:
                CheckVariable(context, model, outer, isNullLiteral, shown, declaration, variable);
                break;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                if (!Attributes.HasAny(property.AttributeLists, AllowsNullAttributes) && IsNonNullableDeclared(context, model, property.Type, isNullLiteral))
                {
                    context.Report(this, outer, $"Property `{property.Identifier.ValueText}` is declared `{property.Type}`, which is not nullable, but is initialised with {shown}; declare it `{property.Type}?` or give it a value.");
                }

                break;
            case EqualsValueClauseSyntax { Parent: ParameterSyntax { Type: { } type } parameter }:
                if (!Attributes.HasAny(parameter.AttributeLists, AllowsNullAttributes) && IsNonNullableDeclared(context, model, type, isNullLiteral))
                {
                    context.Report(
                        this,
                        outer,
                        $"Parameter `{parameter.Identifier.ValueText}` is declared `{type}`, which is not nullable, but defaults to {shown}; declare it `{type}?`.",
                        AnnotateOnLine(context, type, outer));
                }

                break;
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == outer:
                CheckAssignment(context, model, outer, isNullLiteral, shown, assignment);
                break;
            case ReturnStatementSyntax:
            case ArrowExpressionClauseSyntax:
                CheckReturn(context, model, outer, isNullLiteral, shown);
                break;
            case ArgumentSyntax argument:
                CheckArgument(context, model, outer, shown, argument);
                break;
        }
    }

    /// <summary>Climbs through parentheses, <c>?:</c> branches and switch-expression arms; null when the value is suppressed with <c>!</c>.</summary>
    private static ExpressionSyntax? OutermostValue(ExpressionSyntax value)
    {
        var current = value;
        while (true)
        {
            switch (current.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized;
                    break;
                case ConditionalExpressionSyntax conditional when conditional.WhenTrue == current || conditional.WhenFalse == current:
                    current = conditional;
                    break;
                case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression } arm when arm.Expression == current:
                    current = switchExpression;
                    break;
                case PostfixUnaryExpressionSyntax suppression when suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return null;
                default:
                    return current;
            }
        }
    }

    private void CheckVariable(CSharpRuleContext context, SemanticModel model, ExpressionSyntax outer, bool isNullLiteral, string shown, VariableDeclarationSyntax declaration, VariableDeclaratorSyntax variable)
    {
        var type = declaration.Type;
        if (type.IsVar || !IsNonNullableDeclared(context, model, type, isNullLiteral))
        {
            return;
        }

        var (label, annotate) = declaration.Parent switch
        {
            LocalDeclarationStatementSyntax or UsingStatementSyntax or ForStatementSyntax => ("Local", true),
            FieldDeclarationSyntax field when Attributes.HasAny(field.AttributeLists, AllowsNullAttributes) => (null, false),
            FieldDeclarationSyntax field => ("Field", !IsVisible(field.Modifiers)),
            _ => (null, false),
        };
        if (label is null)
        {
            return;
        }

        context.Report(
            this,
            outer,
            $"{label} `{variable.Identifier.ValueText}` is declared `{type}`, which is not nullable, but is initialised with {shown}; declare it `{type}?` or give it a value.",
            annotate && declaration.Variables.Count == 1 ? AnnotateOnLine(context, type, outer) : null);
    }

    private void CheckAssignment(CSharpRuleContext context, SemanticModel model, ExpressionSyntax outer, bool isNullLiteral, string shown, AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax creation } initializer
            && initializer.IsKind(SyntaxKind.ObjectInitializerExpression))
        {
            if (assignment.Left is IdentifierNameSyntax member && InitializedMember(model, creation, member.Identifier.ValueText) is { } symbol)
            {
                var type = symbol is IPropertySymbol property ? property.Type : ((IFieldSymbol)symbol).Type;
                if (IsNonNullableReference(type) && !AllowsNull(symbol))
                {
                    var declared = type.ToMinimalDisplayString(model, assignment.SpanStart);
                    context.Report(this, outer, $"{shown} is assigned to {(symbol is IPropertySymbol ? "property" : "field")} `{symbol.Name}`, which is declared `{declared}` (not nullable); declare it `{declared}?` or assign a real value.");
                }
            }

            return;
        }

        var name = assignment.Left switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
            _ => null,
        };
        if (name is null || assignment.Parent is InitializerExpressionSyntax || Declarations.Find(assignment, name, onlyMembers: assignment.Left is MemberAccessExpressionSyntax) is not { } target)
        {
            return;
        }

        if (target.AllowsNull || !IsNonNullableDeclared(context, model, target.Type, isNullLiteral))
        {
            return;
        }

        context.Report(
            this,
            outer,
            $"{shown} is assigned to {target.Kind} `{name}`, which is declared `{target.Type}` (not nullable); declare it `{target.Type}?` or assign a real value.");
    }

    private void CheckReturn(CSharpRuleContext context, SemanticModel model, ExpressionSyntax outer, bool isNullLiteral, string shown)
    {
        var function = outer.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax
            or BasePropertyDeclarationSyntax or AnonymousFunctionExpressionSyntax);
        var (returnType, name, attributes, isAsync) = function switch
        {
            MethodDeclarationSyntax method => (method.ReturnType, $"`{method.Identifier.ValueText}`", method.AttributeLists, method.Modifiers.Any(SyntaxKind.AsyncKeyword)),
            LocalFunctionStatementSyntax local => (local.ReturnType, $"`{local.Identifier.ValueText}`", local.AttributeLists, local.Modifiers.Any(SyntaxKind.AsyncKeyword)),
            OperatorDeclarationSyntax op => (op.ReturnType, $"`operator {op.OperatorToken.ValueText}`", op.AttributeLists, false),
            ConversionOperatorDeclarationSyntax conversion => (conversion.Type, "This conversion", conversion.AttributeLists, false),
            PropertyDeclarationSyntax property => (property.Type, $"`{property.Identifier.ValueText}`", property.AttributeLists, false),
            IndexerDeclarationSyntax indexer => (indexer.Type, "This indexer", indexer.AttributeLists, false),
            AccessorDeclarationSyntax { RawKind: (int)SyntaxKind.GetAccessorDeclaration, Parent.Parent: BasePropertyDeclarationSyntax owner } accessor =>
                (owner.Type, owner is PropertyDeclarationSyntax property ? $"`{property.Identifier.ValueText}`" : "This indexer", new SyntaxList<AttributeListSyntax>(owner.AttributeLists.Concat(accessor.AttributeLists)), false),
            _ => (null, null, default, false),
        };
        if (returnType is null || name is null || Attributes.HasAny(attributes, NullableReturnAttributes))
        {
            return;
        }

        if (isAsync)
        {
            if (returnType is not GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments: [var awaited] })
            {
                return;
            }

            returnType = awaited;
        }

        if (!IsNonNullableDeclared(context, model, returnType, isNullLiteral))
        {
            return;
        }

        context.Report(
            this,
            outer,
            $"{name} returns `{returnType}`, which is not nullable, but this returns {shown}; declare the return type `{returnType}?` or return a real value.");
    }

    private void CheckArgument(CSharpRuleContext context, SemanticModel model, ExpressionSyntax outer, string shown, ArgumentSyntax argument)
    {
        if (argument.Parent is not BaseArgumentListSyntax list || !argument.RefKindKeyword.IsKind(SyntaxKind.None) || list.Parent is null
            || IsGuardTest(argument))
        {
            return;
        }

        var target = model.GetSymbolInfo(list.Parent).Symbol;
        var (parameters, originals, owner) = target switch
        {
            IMethodSymbol method => (method.Parameters, method.OriginalDefinition.Parameters, method.MethodKind == MethodKind.Constructor ? $"`{method.ContainingType.Name}`" : $"`{method.Name}`"),
            IPropertySymbol { IsIndexer: true } indexer => (indexer.Parameters, indexer.OriginalDefinition.Parameters, "the indexer"),
            _ => (default, default, string.Empty),
        };
        if (parameters.IsDefaultOrEmpty)
        {
            return;
        }

        var index = -1;
        if (argument.NameColon is { } nameColon)
        {
            for (var candidate = 0; candidate < parameters.Length; candidate++)
            {
                if (parameters[candidate].Name == nameColon.Name.Identifier.ValueText)
                {
                    index = candidate;
                }
            }
        }
        else
        {
            index = list.Arguments.IndexOf(argument);
            if (list.Arguments.Take(index).Any(previous => previous.NameColon is not null))
            {
                return;
            }
        }

        if (index < 0 || index >= parameters.Length)
        {
            return;
        }

        var parameter = parameters[index];
        if (parameter.IsParams || originals[index].Type is ITypeParameterSymbol || !IsNonNullableReference(parameter.Type) || AllowsNull(parameter))
        {
            return;
        }

        var declared = parameter.Type.ToMinimalDisplayString(model, outer.SpanStart);
        context.Report(
            this,
            outer,
            $"{shown} is passed for parameter `{parameter.Name}` of {owner}, which is declared `{declared}` (not nullable); pass a real value, or make the parameter `{declared}?` if null is meaningful.");
    }

    /// <summary>The property or field an object initializer sets, found through the created type (binding only its name).</summary>
    private static ISymbol? InitializedMember(SemanticModel model, ObjectCreationExpressionSyntax creation, string name)
    {
        for (var type = BindType(model, creation.Type) as INamedTypeSymbol; type is not null; type = type.BaseType)
        {
            if (type.GetMembers(name).FirstOrDefault(candidate => candidate is IPropertySymbol or IFieldSymbol) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// Tests pass <c>null</c> on purpose to prove a guard throws (<c>Assert.Throws&lt;ArgumentNullException&gt;(() =&gt; new Foo(null))</c>).
    /// </summary>
    private static bool IsGuardTest(SyntaxNode node)
    {
        foreach (var lambda in node.Ancestors().OfType<AnonymousFunctionExpressionSyntax>())
        {
            if (lambda.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation }
                && TypeNames.InvokedName(invocation) is { } name
                && (name.Contains("Throw", StringComparison.Ordinal) || name is "Invoking" or "Awaiting"))
            {
                return true;
            }
        }

        return TestCode.IsInTestClass(node);
    }

    /// <summary>From syntax and the type's binding: the written type is a reference type declared without <c>?</c> in an annotated context.</summary>
    private static bool IsNonNullableDeclared(CSharpRuleContext context, SemanticModel model, TypeSyntax type, bool isNullLiteral)
    {
        if (type is NullableTypeSyntax || type.IsVar || !context.IsNullableEnabledAt(type.SpanStart))
        {
            return false;
        }

        var resolved = BindType(model, type);
        if (resolved is null or IErrorTypeSymbol)
        {
            // A type that does not resolve here: `null` compiles only into a reference type, `default` may be a struct.
            return isNullLiteral && resolved is IErrorTypeSymbol;
        }

        return resolved.IsReferenceType && resolved is not ITypeParameterSymbol;
    }

    private static ITypeSymbol? BindType(SemanticModel model, TypeSyntax type) =>
        model.GetSpeculativeTypeInfo(type.SpanStart, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;

    private static bool IsNonNullableReference(ITypeSymbol type) =>
        type.IsReferenceType
        && type is not ITypeParameterSymbol and not IErrorTypeSymbol
        && type.NullableAnnotation == NullableAnnotation.NotAnnotated;

    private static bool AllowsNull(ISymbol symbol) =>
        symbol.GetAttributes().Any(attribute => attribute.AttributeClass?.Name is "AllowNullAttribute" or "MaybeNullAttribute");

    private static bool IsVisible(SyntaxTokenList modifiers) =>
        modifiers.Any(SyntaxKind.PublicKeyword) || modifiers.Any(SyntaxKind.ProtectedKeyword) || modifiers.Any(SyntaxKind.InternalKeyword);

    /// <summary>The reported line with <c>?</c> after the type, when type and value share that line.</summary>
    private static string? AnnotateOnLine(CSharpRuleContext context, TypeSyntax type, ExpressionSyntax value)
    {
        var line = context.Text.Lines.GetLineFromPosition(value.SpanStart);
        if (context.Text.Lines.GetLineFromPosition(type.SpanStart).LineNumber != line.LineNumber
            || context.Text.Lines.GetLineFromPosition(value.Span.End).LineNumber != line.LineNumber)
        {
            return null;
        }

        var text = line.ToString();
        var column = type.Span.End - line.Start;
        return string.Concat(text.AsSpan(0, column), "?", text.AsSpan(column));
    }
}
