using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Answers "is this sink only reached after the value was checked?": the sink sits in the branch
/// of an <c>if</c>, <c>?:</c> or <c>&amp;&amp;</c> where a check on the variable holds, or after an
/// early exit (<c>if (!check(x)) return …;</c>), or in a <c>switch</c> over constant cases.
/// </summary>
public static class SinkGuards
{
    /// <summary>
    /// Decides what one condition atom (a call, a comparison, a pattern) says about the variables:
    /// true when the value is safe if the atom is true, false when it is safe if the atom is false,
    /// null when the atom is not a check of them.
    /// </summary>
    public delegate bool? Check(ExpressionSyntax atom, IReadOnlySet<string> variables);

    /// <param name="sink">The sink node.</param>
    /// <param name="variables">Names the sink's value was traced through (<see cref="StringOrigin.Variables"/>).</param>
    /// <param name="check">Rule-specific checks, such as <c>Url.IsLocalUrl(x)</c>.</param>
    /// <param name="model">For deciding which comparisons are against constants.</param>
    /// <param name="allowLists">When true, comparing with constants and <c>allowed.Contains(x)</c> count as checks too.</param>
    public static bool IsGuarded(SyntaxNode sink, IReadOnlySet<string> variables, Check check, SemanticModel model, bool allowLists)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(model);
        var guard = new Guard(variables, check, model, allowLists);
        var node = sink;
        foreach (var parent in sink.Ancestors())
        {
            switch (parent)
            {
                case IfStatementSyntax ifStatement when node == ifStatement.Statement && guard.Holds(ifStatement.Condition, true):
                case ElseClauseSyntax { Parent: IfStatementSyntax elseOf } when guard.Holds(elseOf.Condition, false):
                case ConditionalExpressionSyntax conditional when node == conditional.WhenTrue && guard.Holds(conditional.Condition, true):
                case ConditionalExpressionSyntax otherwise when node == otherwise.WhenFalse && guard.Holds(otherwise.Condition, false):
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction when node == conjunction.Right && guard.Holds(conjunction.Left, true):
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } disjunction when node == disjunction.Right && guard.Holds(disjunction.Left, false):
                case SwitchSectionSyntax section when allowLists && guard.IsConstantCase(section):
                    return true;
                case BlockSyntax block when node is StatementSyntax statement && guard.ExitsEarlier(block.Statements, statement):
                case SwitchSectionSyntax section2 when node is StatementSyntax inSection && guard.ExitsEarlier(section2.Statements, inSection):
                    return true;
                case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or TypeDeclarationSyntax:
                    return false;
            }

            node = parent;
        }

        return false;
    }

    /// <summary>True when one of the call's arguments or its receiver is one of the variables.</summary>
    public static bool Mentions(InvocationExpressionSyntax invocation, IReadOnlySet<string> variables)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(variables);
        return invocation.ArgumentList.Arguments.Any(argument => IsVariable(argument.Expression, variables))
            || (TypeNames.Receiver(invocation) is { } receiver && IsVariable(receiver, variables));
    }

    /// <summary>True for a variable of the set, possibly wrapped (<c>x</c>, <c>x.ToString()</c>, <c>(x)</c>, <c>x!</c>).</summary>
    public static bool IsVariable(ExpressionSyntax expression, IReadOnlySet<string> variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        return expression switch
        {
            IdentifierNameSyntax identifier => variables.Contains(identifier.Identifier.ValueText),
            ParenthesizedExpressionSyntax parenthesized => IsVariable(parenthesized.Expression, variables),
            PostfixUnaryExpressionSyntax postfix => IsVariable(postfix.Operand, variables),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToString" } member } => IsVariable(member.Expression, variables),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => variables.Contains(member.Name.Identifier.ValueText),
            MemberAccessExpressionSyntax member => variables.Contains(PathText(member)),
            _ => false,
        };
    }

    /// <summary>The member path without whitespace (<c>model.ReturnUrl</c>), as variables are named.</summary>
    public static string PathText(MemberAccessExpressionSyntax member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return string.Concat(member.ToString().Where(character => !char.IsWhiteSpace(character)));
    }

    private sealed class Guard(IReadOnlySet<string> variables, Check check, SemanticModel model, bool allowLists)
    {
        public bool Holds(ExpressionSyntax condition, bool polarity)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Holds(parenthesized.Expression, polarity);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return Holds(not.Operand, !polarity);
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction:
                    return polarity && (Holds(conjunction.Left, true) || Holds(conjunction.Right, true));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } disjunction:
                    return !polarity && (Holds(disjunction.Left, false) || Holds(disjunction.Right, false));
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when IsTrueOrFalse(equals.Right) is { } literal:
                    return Holds(equals.Left, literal == polarity);
                default:
                    var verdict = check(condition, variables) ?? (allowLists ? AllowList(condition) : null);
                    return verdict == polarity;
            }
        }

        /// <summary>An earlier <c>if (…) return/throw;</c> (or a reassignment of the variable) in the same block rules the sink out unless the check held.</summary>
        public bool ExitsEarlier(SyntaxList<StatementSyntax> statements, StatementSyntax sinkStatement)
        {
            foreach (var statement in statements)
            {
                if (statement == sinkStatement)
                {
                    return false;
                }

                if (statement is IfStatementSyntax { Else: null } early
                    && (Exits(early.Statement) || Reassigns(early.Statement))
                    && Holds(early.Condition, false))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsConstantCase(SwitchSectionSyntax section) =>
            section.Parent is SwitchStatementSyntax switchStatement
            && IsVariable(switchStatement.Expression, variables)
            && section.Labels.All(label => label is CaseSwitchLabelSyntax { Value: LiteralExpressionSyntax });

        private bool Reassigns(StatementSyntax statement) =>
            statement.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>()
                .Any(assignment => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsVariable(assignment.Left, variables));

        private static bool Exits(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
            ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
            BlockSyntax { Statements: { Count: > 0 } inner } => Exits(inner[^1]),
            _ => false,
        };

        private static bool? IsTrueOrFalse(ExpressionSyntax expression) => expression.Kind() switch
        {
            SyntaxKind.TrueLiteralExpression => true,
            SyntaxKind.FalseLiteralExpression => false,
            _ => null,
        };

        /// <summary><c>x == "a"</c>, <c>x.Equals("a")</c>, <c>x is "a" or "b"</c>, <c>allowed.Contains(x)</c>.</summary>
        private bool? AllowList(ExpressionSyntax atom)
        {
            switch (atom)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    var compared = (IsVariable(binary.Left, variables) && IsConstant(binary.Right))
                        || (IsVariable(binary.Right, variables) && IsConstant(binary.Left));
                    return compared ? binary.IsKind(SyntaxKind.EqualsExpression) : null;
                case IsPatternExpressionSyntax pattern when IsVariable(pattern.Expression, variables) && IsConstantPattern(pattern.Pattern):
                    return true;
                case InvocationExpressionSyntax invocation:
                    var name = TypeNames.InvokedName(invocation);
                    var receiver = TypeNames.Receiver(invocation);
                    var arguments = invocation.ArgumentList.Arguments;
                    if (name == "Equals" && receiver is not null && arguments.Count >= 1)
                    {
                        var (left, right) = IsVariable(receiver, variables) ? (receiver, arguments[0].Expression) : (arguments[0].Expression, arguments.Count > 1 ? arguments[1].Expression : receiver);
                        return (IsVariable(left, variables) && IsConstant(right)) || (IsVariable(right, variables) && IsConstant(left)) ? true : null;
                    }

                    if (name is "Contains" or "ContainsKey" or "Any" && receiver is not null && !IsVariable(receiver, variables)
                        && arguments.Count >= 1 && IsVariable(arguments[0].Expression, variables))
                    {
                        return true;
                    }

                    return null;
                default:
                    return null;
            }
        }

        private bool IsConstant(ExpressionSyntax expression) =>
            !expression.IsKind(SyntaxKind.NullLiteralExpression) && StringOrigins.IsConstant(expression, model);

        private static bool IsConstantPattern(PatternSyntax pattern) => pattern switch
        {
            ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } => !literal.IsKind(SyntaxKind.NullLiteralExpression),
            BinaryPatternSyntax { RawKind: (int)SyntaxKind.OrPattern } either => IsConstantPattern(either.Left) && IsConstantPattern(either.Right),
            ParenthesizedPatternSyntax parenthesized => IsConstantPattern(parenthesized.Pattern),
            _ => false,
        };
    }
}
