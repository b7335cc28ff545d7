using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// XPath text that carries request data, or that splices a non-constant value inside a quoted
/// literal or a predicate (<c>"//user[@name='" + name + "']"</c>), given to an XPath API
/// (<see cref="XPathInjectionSinks"/>).
/// </summary>
public sealed class XPathInjectionRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/xpath-injection",
        "XPath expression built from non-constant values",
        Category.Security,
        Severity.Error,
        "A quote in a spliced value closes the XPath literal and lets the rest of the value rewrite the query: `' or '1'='1` matches every node, which bypasses a login check or reads nodes the user should not see.",
        "Pass values as XPath variables (`XPathExpression.SetContext` with an `XsltArgumentList`/custom context), or validate them against a strict pattern before building the expression.");

    private static readonly SinkCatalogue Sinks = XPathInjectionSinks.Catalogue;

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Sinks.CheckEach(context, use => Check(context, use));
    }

    private bool Check(CSharpRuleContext context, SinkUse use)
    {
        var origin = Sinks.Trace(use.Value, context.Model);
        if (origin.IsUserInput)
        {
            if (SinkGuards.IsGuarded(use.Node, origin.Variables, (_, _) => null, context.Model, allowLists: true))
            {
                return false;
            }

            context.Report(this, use.Node, $"The XPath expression for {use.Name} includes user input from {origin.UserInput}; a quote in it rewrites the query. Validate it or pass it as an XPath variable.");
            return true;
        }

        if (origin.IsBuilt && SplicesIntoPredicate(use.Value))
        {
            context.Report(this, use.Node, $"The XPath expression for {use.Name} splices `{origin.Part}` into a quoted literal or predicate; a quote in it rewrites the query. Validate it or pass it as an XPath variable.");
            return true;
        }

        return false;
    }

    /// <summary>Splicing happens inside a predicate or a quoted literal, where values go, rather than choosing an element name.</summary>
    private static bool SplicesIntoPredicate(ExpressionSyntax value)
    {
        var text = SinkSyntax.LiteralText(value);
        if (value is IdentifierNameSyntax { Identifier.ValueText: var name }
            && value.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax) is { } member)
        {
            // The expression was built in a local first: read the literals of its writes.
            foreach (var node in member.DescendantNodes())
            {
                text += node switch
                {
                    VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator when declarator.Identifier.ValueText == name => SinkSyntax.LiteralText(initial),
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } assignment when left.Identifier.ValueText == name => SinkSyntax.LiteralText(assignment.Right),
                    _ => string.Empty,
                };
            }
        }

        return text.Contains('\'', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) || text.Contains('[', StringComparison.Ordinal);
    }
}
