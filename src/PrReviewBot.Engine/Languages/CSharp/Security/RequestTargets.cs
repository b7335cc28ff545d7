using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Security;

/// <summary>
/// Answers "who chooses the server a URL points at?". When the start of the address is fixed by
/// the code (<c>"https://api.example.com/items/" + id</c>, <c>$"{_options.BaseUrl}/users/{id}"</c>,
/// a relative path under a configured base address), request data later in it picks a path or a
/// query value on a known server, not the server itself.
/// </summary>
public static class RequestTargets
{
    private const int MaxDepth = 8;

    private static readonly HashSet<string> PassThroughCalls = new(StringComparer.Ordinal)
    {
        "ToString", "Trim", "TrimEnd", "TrimStart", "Replace", "ToLowerInvariant", "ToLower", "AddQueryString", "SetQueryParams",
        "AppendPathSegment", "AppendPathSegments", "SetQueryParam", "Combine", "Concat", "Format",
    };

    private static readonly HashSet<string> PassThroughMembers = new(StringComparer.Ordinal)
    {
        "AbsoluteUri", "OriginalString", "Uri", "AbsolutePath", "PathAndQuery",
    };

    /// <summary>True when the code, not the data, fixes the scheme and host of the address (or it is relative to a configured base).</summary>
    /// <param name="isTainted">Whether a leaf value carries request data.</param>
    public static bool IsFixed(ExpressionSyntax address, SemanticModel model, Func<ExpressionSyntax, bool> isTainted)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(isTainted);
        return IsFixed(address, model, isTainted, 0, new Dictionary<IParameterSymbol, ExpressionSyntax>(SymbolEqualityComparer.Default));
    }

    /// <summary>
    /// True for the constant start of a URL that names its server (<c>https://host/</c>), or a
    /// relative path (<c>/api/</c>, <c>users/</c>) resolved against a base address the code set.
    /// </summary>
    public static bool FixesServer(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var scheme = prefix.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var rest = prefix[(scheme + 3)..];
            var end = rest.IndexOfAny(['/', '?', '#']);
            return end > 0;
        }

        if (prefix.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        return prefix.StartsWith('/') || (prefix.IndexOfAny(['/', '?']) > 0 && !prefix.Contains(':', StringComparison.Ordinal));
    }

    private static bool IsFixed(ExpressionSyntax expression, SemanticModel model, Func<ExpressionSyntax, bool> isTainted, int depth, Dictionary<IParameterSymbol, ExpressionSyntax> arguments)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var next = depth + 1;
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return IsFixed(parenthesized.Expression, model, isTainted, next, arguments);
            case CastExpressionSyntax cast:
                return IsFixed(cast.Expression, model, isTainted, next, arguments);
            case AwaitExpressionSyntax awaited:
                return IsFixed(awaited.Expression, model, isTainted, next, arguments);
            case PostfixUnaryExpressionSyntax postfix:
                return IsFixed(postfix.Operand, model, isTainted, next, arguments);
            case LiteralExpressionSyntax literal:
                return !literal.IsKind(SyntaxKind.StringLiteralExpression) || FixesServer(literal.Token.ValueText);
            case InterpolatedStringExpressionSyntax interpolated:
                var literalStart = string.Empty;
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                    {
                        literalStart += text.TextToken.ValueText;
                    }
                    else if (content is InterpolationSyntax hole)
                    {
                        if (SinkSyntax.ConstantValue(hole.Expression, model) is { } constant)
                        {
                            literalStart += constant;
                            continue;
                        }

                        return FixesServer(literalStart) || IsFixed(hole.Expression, model, isTainted, next, arguments);
                    }
                }

                return true;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum:
                // "https://" + host + "/": the constant parts up to the first variable one decide.
                var prefix = string.Empty;
                foreach (var operand in StringOrigins.Operands(sum))
                {
                    var part = operand is IdentifierNameSyntax name && model.GetSymbolInfo(name).Symbol is IParameterSymbol given && arguments.TryGetValue(given, out var passed) ? passed : operand;
                    if (SinkSyntax.ConstantValue(part, model) is { } text)
                    {
                        prefix += text;
                        continue;
                    }

                    // After "https://", the first variable part is the host: configuration fixes it, request data does not.
                    return FixesServer(prefix) || IsFixed(part, model, isTainted, next, arguments);
                }

                return true;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce:
                return IsFixed(coalesce.Left, model, isTainted, next, arguments) && IsFixed(coalesce.Right, model, isTainted, next, arguments);
            case ConditionalExpressionSyntax conditional:
                return IsFixed(conditional.WhenTrue, model, isTainted, next, arguments) && IsFixed(conditional.WhenFalse, model, isTainted, next, arguments);
            case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var first, ..] } creation when SinkSyntax.CreatedTypeName(creation) is "Uri" or "UriBuilder":
                // new Uri(baseUri, relative): the base names the server.
                return IsFixed(first.Expression, model, isTainted, next, arguments);
            case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is { } name && PassThroughCalls.Contains(name):
                // string.Format(text, …), Path.Combine(a, b), QueryHelpers.AddQueryString(url, …) start with their first
                // argument; url.Trim(), url.AppendPathSegment(…) with their receiver.
                var receiver = TypeNames.Receiver(invocation);
                var start = receiver is null or PredefinedTypeSyntax || IsStaticReceiver(receiver, model)
                    ? invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression
                    : receiver;
                if (start is null)
                {
                    return !isTainted(invocation);
                }

                if (name == "Format" && SinkSyntax.ConstantValue(start, model) is { } format)
                {
                    var hole = format.IndexOf('{', StringComparison.Ordinal);
                    return FixesServer(hole < 0 ? format : format[..hole]);
                }

                return IsFixed(start, model, isTainted, next, arguments);
            case MemberAccessExpressionSyntax member when PassThroughMembers.Contains(member.Name.Identifier.ValueText):
                return IsFixed(member.Expression, model, isTainted, next, arguments);
            case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier).Symbol is IParameterSymbol parameter && arguments.TryGetValue(parameter, out var argument):
                return IsFixed(argument, model, isTainted, next, arguments);
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
                when model.GetSymbolInfo(call).Symbol is IMethodSymbol { DeclaringSyntaxReferences: [var reference] } method && reference.SyntaxTree == call.SyntaxTree
                && reference.GetSyntax() is MethodDeclarationSyntax { ExpressionBody.Expression: { } returned }:
                // A one-line URL builder of this file: read its expression with this call's arguments.
                var inner = new Dictionary<IParameterSymbol, ExpressionSyntax>(arguments, SymbolEqualityComparer.Default);
                foreach (var parameter in method.Parameters)
                {
                    if (SinkSyntax.Argument(call.ArgumentList, parameter.Ordinal, parameter.Name) is { } given)
                    {
                        inner[parameter] = given;
                    }
                }

                return IsFixed(returned, model, isTainted, next, inner);
            case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier).Symbol is ILocalSymbol local:
                var writes = Writes(identifier, local).ToList();
                return writes.Count > 0 ? writes.All(write => IsFixed(write, model, isTainted, next, arguments)) : !isTainted(identifier);
            default:
                return !isTainted(expression);
        }
    }

    private static bool IsStaticReceiver(ExpressionSyntax receiver, SemanticModel model) =>
        receiver is IdentifierNameSyntax { Identifier.ValueText: var name } && char.IsUpper(name[0])
        && model.GetSymbolInfo(receiver).Symbol is null or INamedTypeSymbol;

    /// <summary>The values a local is given before the use: its initializer, plain assignments, and the text of <c>Uri.TryCreate(text, …, out uri)</c>.</summary>
    private static IEnumerable<ExpressionSyntax> Writes(IdentifierNameSyntax use, ILocalSymbol local)
    {
        var scope = use.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);
        if (scope is null)
        {
            yield break;
        }

        var name = local.Name;
        foreach (var node in scope.DescendantNodes())
        {
            if (node.SpanStart >= use.SpanStart)
            {
                yield break;
            }

            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value } declarator when declarator.Identifier.ValueText == name:
                    yield return value;
                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name:
                    yield return assignment.Right;
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument
                    when OutName(argument.Expression) == name && TypeNames.InvokedName(call) == "TryCreate" && call.ArgumentList.Arguments.Count > 1:
                    yield return call.ArgumentList.Arguments[0].Expression;
                    break;
            }
        }
    }

    private static string? OutName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax designation } => designation.Identifier.ValueText,
        _ => null,
    };
}
