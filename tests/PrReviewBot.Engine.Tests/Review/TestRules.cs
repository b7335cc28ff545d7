using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Engine.Tests.Review;

/// <summary>Flags every string literal "unsafe": a predictable security rule for engine tests.</summary>
internal sealed class UnsafeLiteralRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new("test/unsafe", "Unsafe literal", Category.Security, Severity.Error, "It is unsafe.", "Make it safe.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        foreach (var literal in context.Root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(node => node.IsKind(SyntaxKind.StringLiteralExpression) && node.Token.ValueText == "unsafe"))
        {
            context.Report(this, literal, "The literal `\"unsafe\"` is unsafe.");
        }
    }
}

/// <summary>Flags locals named with an underscore, with a mechanical fix: a predictable naming rule.</summary>
internal sealed class UnderscoreLocalRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new("test/underscore", "Underscore local", Category.Naming, Severity.Note, "Locals are camelCase.", "Rename it.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        foreach (var declarator in context.Root.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(node => node.Identifier.ValueText.Contains('_', StringComparison.Ordinal)))
        {
            var line = context.LineOf(declarator.SpanStart);
            context.Report(this, line, line, $"Local `{declarator.Identifier.ValueText}` is snake_case.", context.LineText(line).Replace("_", string.Empty, StringComparison.Ordinal));
        }
    }
}

/// <summary>Always throws: the engine must survive it and say so.</summary>
internal sealed class BrokenRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new("test/broken", "Broken", Category.Comments, Severity.Note, "-", "-");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context) => throw new InvalidOperationException("boom");
}

/// <summary>Flags every line indented with a tab: a predictable whole-file style rule.</summary>
internal sealed class TabIndentRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new("test/tab", "Tab indentation", Category.Indentation, Severity.Note, "Spaces.", "Use spaces.") { JudgesWholeFile = true };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        for (var line = 1; line <= context.Text.Lines.Count; line++)
        {
            if (context.LineText(line).StartsWith('\t'))
            {
                context.Report(this, line, line, "Line indented with a tab; this file indents with spaces.");
            }
        }
    }
}
