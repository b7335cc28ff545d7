using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Developer-only middleware (<c>UseDeveloperExceptionPage</c>, <c>UseDatabaseErrorPage</c>,
/// <c>UseMigrationsEndPoint</c>) switched on outside a development check: not inside
/// <c>if (env.IsDevelopment())</c> (or a flag named for it), not in the else branch of a
/// production check, not after an early return for non-development environments, and not in a
/// <c>…Development</c> startup class or method, which ASP.NET Core only runs in development.
/// A call under <c>!env.IsDevelopment()</c> is the inverted check and is reported as well.
/// </summary>
public sealed class DebugFeaturesInProductionRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/debug-features-in-production",
        "Developer exception page or database error page enabled outside development",
        Category.Security,
        Severity.Warning,
        "The developer exception page shows every visitor the stack trace, source lines, query string, cookies and headers of a failing request, and the database error page and migrations endpoint expose (and can change) the schema; in production that hands an attacker a map of the application.",
        "Register these only under `if (env.IsDevelopment())` (or `app.Environment.IsDevelopment()`), and use `app.UseExceptionHandler(\"/Error\")` with `app.UseHsts()` otherwise.");

    private static readonly string[] Middleware = ["UseDeveloperExceptionPage", "UseDatabaseErrorPage", "UseMigrationsEndPoint"];

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, Middleware))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, Middleware))
        {
            if (node is not InvocationExpressionSyntax invocation || TypeNames.InvokedName(invocation) is not { } name || !Middleware.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            switch (Guard(invocation))
            {
                case Placement.Unchecked:
                    context.Report(this, invocation, $"`{name}()` runs in every environment, so production visitors see developer details; call it only under `if (env.IsDevelopment())`");
                    break;
                case Placement.Inverted:
                    context.Report(this, invocation, $"`{name}()` is registered when the app is NOT in development, the opposite of what it is for; move it under `if (env.IsDevelopment())`");
                    break;
            }
        }
    }

    private enum Placement
    {
        Unchecked,
        Development,
        Inverted,
    }

    private static Placement Guard(SyntaxNode call)
    {
        SyntaxNode child = call;
        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case IfStatementSyntax { Condition: var condition } branch:
                    var inThen = branch.Statement == child;
                    var inElse = branch.Else == child;
                    var check = Check(condition);
                    if ((inThen && check == Condition.Development) || (inElse && check == Condition.NotDevelopment))
                    {
                        return Placement.Development;
                    }

                    if ((inThen && check == Condition.NotDevelopment) || (inElse && check == Condition.Development))
                    {
                        return Placement.Inverted;
                    }

                    break;
                case WhileStatementSyntax { Condition: var condition } when Check(condition) == Condition.Development:
                    return Placement.Development;
                case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                    var checkedCondition = Check(conditional.Condition);
                    if ((conditional.WhenTrue == child && checkedCondition == Condition.Development) || (conditional.WhenFalse == child && checkedCondition == Condition.NotDevelopment))
                    {
                        return Placement.Development;
                    }

                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } conjunction when conjunction.Right == child && Check(conjunction.Left) == Condition.Development:
                    return Placement.Development;
                case SwitchSectionSyntax section when section.Labels.Any(label => label.ToString().Contains("Development", StringComparison.Ordinal)):
                    return Placement.Development;
                case BlockSyntax block when child is StatementSyntax statement && ReturnsEarlyOutsideDevelopment(block, statement):
                    return Placement.Development;
                case MethodDeclarationSyntax method when IsDevelopmentName(method.Identifier.ValueText):
                    return Placement.Development;
                case LocalFunctionStatementSyntax local when IsDevelopmentName(local.Identifier.ValueText):
                    return Placement.Development;
                case TypeDeclarationSyntax type when IsDevelopmentName(type.Identifier.ValueText):
                    return Placement.Development;
            }

            child = ancestor;
        }

        return Placement.Unchecked;
    }

    /// <summary><c>if (!env.IsDevelopment()) return;</c> before the call in the same block.</summary>
    private static bool ReturnsEarlyOutsideDevelopment(BlockSyntax block, StatementSyntax statement) =>
        block.Statements.TakeWhile(candidate => candidate != statement).OfType<IfStatementSyntax>().Any(earlier =>
            Check(earlier.Condition) == Condition.NotDevelopment
            && earlier.Statement is ReturnStatementSyntax or ThrowStatementSyntax or BlockSyntax { Statements: [ReturnStatementSyntax or ThrowStatementSyntax] });

    private enum Condition
    {
        Unrelated,
        Development,
        NotDevelopment,
    }

    /// <summary>Whether a condition tests for the development environment, its negation, or neither.</summary>
    private static Condition Check(ExpressionSyntax condition)
    {
        var value = SecurityPatterns.Unparenthesized(condition);
        if (value is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var operand })
        {
            return Check(operand) switch
            {
                Condition.Development => Condition.NotDevelopment,
                Condition.NotDevelopment => Condition.Development,
                _ => Condition.Unrelated,
            };
        }

        if (value is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } binary)
        {
            var left = Check(binary.Left);
            return left != Condition.Unrelated ? left : Check(binary.Right);
        }

        if (value is null)
        {
            return Condition.Unrelated;
        }

        var text = value.ToString();
        if (text.Contains("IsProduction", StringComparison.Ordinal) || text.Contains("IsStaging", StringComparison.Ordinal) || text.Contains("\"Production\"", StringComparison.Ordinal))
        {
            return Condition.NotDevelopment;
        }

        return value.DescendantTokens().Any(token => token.IsKind(SyntaxKind.StringLiteralToken) ? token.ValueText.Contains("Development", StringComparison.OrdinalIgnoreCase) : token.IsKind(SyntaxKind.IdentifierToken) && IsDevelopmentWord(token.ValueText))
            ? Condition.Development
            : Condition.Unrelated;
    }

    private static bool IsDevelopmentWord(string identifier) =>
        IdentifierWords.Lower(identifier).Any(word => word is "development" or "dev" or "debug" or "debugger" or "local");

    private static bool IsDevelopmentName(string name) => name.EndsWith("Development", StringComparison.Ordinal);
}
