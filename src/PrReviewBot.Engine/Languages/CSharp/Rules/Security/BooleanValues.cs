using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// What a switch is set to when the code says so plainly: a <c>true</c>/<c>false</c> literal, a
/// constant, or a local, field or property initialized with one and not written again. Settings
/// rules treat anything else as unknown and say nothing.
/// </summary>
internal static class BooleanValues
{
    public static bool? Of(ExpressionSyntax expression, SemanticModel model) => Of(expression, model, depth: 0);

    public static bool IsFalse(ExpressionSyntax expression, SemanticModel model) => Of(expression, model) == false;

    public static bool IsTrue(ExpressionSyntax expression, SemanticModel model) => Of(expression, model) == true;

    private static bool? Of(ExpressionSyntax expression, SemanticModel model, int depth)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var value = SecurityPatterns.Unparenthesized(expression);
        if (SecurityPatterns.IsTrue(value))
        {
            return true;
        }

        if (SecurityPatterns.IsFalse(value))
        {
            return false;
        }

        if (depth > 3 || value is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
        {
            return null;
        }

        if (SecurityPatterns.InitializerOf(value, SecurityPatterns.SimpleName(value)!) is { } initial && initial != value)
        {
            return Of(initial, model, depth + 1);
        }

        return model.GetConstantValue(value) is { HasValue: true, Value: bool known } ? known : null;
    }
}
