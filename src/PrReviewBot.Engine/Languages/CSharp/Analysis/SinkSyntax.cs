using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Small syntax questions every sink-based rule asks: which type an object creation makes, which
/// argument sits at a position, whose property an assignment sets, and what text the literal
/// parts of an expression hold.
/// </summary>
public static class SinkSyntax
{
    private static readonly ConditionalWeakTable<SyntaxTree, string> Texts = new();

    /// <summary>The word lists rules ask about, each made into one search.</summary>
    private static readonly ConcurrentDictionary<string, SearchValues<string>> WordSets = new(StringComparer.Ordinal);

    /// <summary>
    /// Cheap pre-check before a rule walks a file: true when the file's text contains one of the
    /// words its sinks are named with. Most files contain none, and then nothing else runs.
    /// </summary>
    public static bool Mentions(SyntaxTree tree, params string[] words)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(words);
        var text = TextOf(tree);
        if (words.Length <= 1 || Array.Exists(words, word => word.Length == 0))
        {
            return words.Any(word => text.Contains(word, StringComparison.Ordinal));
        }

        // One pass over the file for all the words: every rule asks this of every file, most often for words it lacks.
        var search = WordSets.GetOrAdd(string.Join('\u0001', words), static (_, list) => SearchValues.Create(list, StringComparison.Ordinal), words);
        return text.AsSpan().ContainsAny(search);
    }

    /// <summary>The file's text as one string, made once per tree: rules search it many times.</summary>
    public static string TextOf(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return Texts.GetValue(tree, static key => key.GetText().ToString());
    }

    /// <summary>The simple name of the created type, also for target-typed <c>new(…)</c> when the declaration names it.</summary>
    public static string? CreatedTypeName(BaseObjectCreationExpressionSyntax creation)
    {
        ArgumentNullException.ThrowIfNull(creation);
        switch (creation)
        {
            case ObjectCreationExpressionSyntax explicitCreation:
                return TypeNames.Simple(explicitCreation.Type);
            case ImplicitObjectCreationExpressionSyntax:
                // Only declarations name the type in syntax. Binding every `new()` of a file to find
                // the rare sink among them costs more than the sinks are worth.
                return creation.Parent switch
                {
                    EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } => TypeNames.Simple(declaration.Type),
                    EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => TypeNames.Simple(property.Type),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The argument at a position (named arguments by their name when given), or null.</summary>
    public static ExpressionSyntax? Argument(BaseArgumentListSyntax? arguments, int index, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (arguments is null)
        {
            return null;
        }

        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameColon is { } nameColon && names.Contains(nameColon.Name.Identifier.ValueText, StringComparer.Ordinal))
            {
                return argument.Expression;
            }
        }

        return index < arguments.Arguments.Count && arguments.Arguments[index].NameColon is null
            ? arguments.Arguments[index].Expression
            : null;
    }

    /// <summary>
    /// The type whose property an assignment sets: the receiver's type for <c>x.Prop = v</c>, the
    /// created type for <c>new T { Prop = v }</c>, or the property name for nested initializers
    /// (<c>StartInfo</c>). Null when unknown.
    /// </summary>
    public static string? AssignedOwner(AssignmentExpressionSyntax assignment, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(model);
        switch (assignment.Left)
        {
            case MemberAccessExpressionSyntax member:
                var owner = TypeNames.Of(member.Expression, model);
                return owner is null && member.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var outer } ? outer : owner;
            case IdentifierNameSyntax when assignment.Parent is InitializerExpressionSyntax initializer:
                return initializer.Parent switch
                {
                    BaseObjectCreationExpressionSyntax creation => CreatedTypeName(creation),
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax property } => property.Identifier.ValueText,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>The value of a constant string expression, following a local or field initialized once with a constant.</summary>
    public static string? ConstantValue(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        return ConstantValue(expression, model, 0);
    }

    /// <summary>The text of every string literal and interpolation text in the expression, joined by spaces.</summary>
    public static string LiteralText(ExpressionSyntax expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var builder = new StringBuilder();
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    builder.Append(literal.Token.ValueText).Append(' ');
                    break;
                case InterpolatedStringTextSyntax text:
                    builder.Append(text.TextToken.ValueText).Append(' ');
                    break;
            }
        }

        return builder.ToString();
    }

    private static string? ConstantValue(ExpressionSyntax expression, SemanticModel model, int depth)
    {
        if (model.GetConstantValue(expression) is { HasValue: true, Value: string value })
        {
            return value;
        }

        if (depth > 3)
        {
            return null;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return literal.Token.ValueText;
            case ParenthesizedExpressionSyntax parenthesized:
                return ConstantValue(parenthesized.Expression, model, depth + 1);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return ConstantValue(binary.Left, model, depth + 1) is { } left && ConstantValue(binary.Right, model, depth + 1) is { } right ? left + right : null;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                var symbol = model.GetSymbolInfo(expression).Symbol;
                if (symbol is not (ILocalSymbol or IFieldSymbol)
                    || symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
                    || IsReassigned(declarator, symbol))
                {
                    return null;
                }

                return ConstantValue(initial, model, depth + 1);
            default:
                return null;
        }
    }

    private static bool IsReassigned(VariableDeclaratorSyntax declarator, ISymbol symbol)
    {
        var scope = symbol is ILocalSymbol
            ? declarator.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax)
            : declarator.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (scope is null)
        {
            return true;
        }

        var name = declarator.Identifier.ValueText;
        return scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment =>
            assignment.Left is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name
            || assignment.Left is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member && member.Name.Identifier.ValueText == name);
    }
}
