using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// The text a string expression is known to hold, with every part the code does not fix (a
/// parameter, a call) replaced by <see cref="Unknown"/>: <c>$"Server={host};Password="</c> →
/// <c>Server=␀;Password=</c>. Configuration rules read connection strings, URLs and paths from it:
/// a defect in the fixed text stays a defect whatever the holes hold.
/// </summary>
internal static class StringShape
{
    /// <summary>Stands for a part whose value is not known.</summary>
    public const char Unknown = '\0';

    public static string Of(ExpressionSyntax expression, SemanticModel model)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(model);
        var builder = new StringBuilder();
        Append(expression, model, builder);
        return builder.ToString();
    }

    /// <summary>The known text before the first unknown part.</summary>
    public static string Prefix(ExpressionSyntax expression, SemanticModel model)
    {
        var shape = Of(expression, model);
        var hole = shape.IndexOf(Unknown, StringComparison.Ordinal);
        return hole < 0 ? shape : shape[..hole];
    }

    /// <summary>The outermost expression the string is part of: the whole concatenation or interpolation around a literal.</summary>
    public static ExpressionSyntax Whole(ExpressionSyntax part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var current = part;
        while (true)
        {
            switch (current.Parent)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    current = binary;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    current = parenthesized;
                    continue;
                case InterpolationSyntax { Parent: InterpolatedStringExpressionSyntax interpolated }:
                    current = interpolated;
                    continue;
                default:
                    return current;
            }
        }
    }

    private static void Append(ExpressionSyntax expression, SemanticModel model, StringBuilder builder)
    {
        var value = SecurityPatterns.Unparenthesized(expression);
        switch (value)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                builder.Append(literal.Token.ValueText);
                return;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.CharacterLiteralExpression):
                builder.Append(literal.Token.ValueText);
                return;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax text:
                            builder.Append(text.TextToken.ValueText);
                            break;
                        case InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole:
                            Append(hole.Expression, model, builder);
                            break;
                        default:
                            builder.Append(Unknown);
                            break;
                    }
                }

                return;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                Append(binary.Left, model, builder);
                Append(binary.Right, model, builder);
                return;
            case null:
                builder.Append(Unknown);
                return;
            default:
                builder.Append(SecurityPatterns.StringValue(value, model) ?? Unknown.ToString());
                return;
        }
    }
}
