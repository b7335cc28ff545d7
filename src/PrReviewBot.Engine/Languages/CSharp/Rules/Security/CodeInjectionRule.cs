using Microsoft.CodeAnalysis;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Security;
using PrReviewBot.Engine.Languages.CSharp.Security.Catalogues;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Request data compiled or run as code (<see cref="CodeInjectionSinks"/>): a Razor template parsed from
/// the request, a script or source text handed to Roslyn or CodeDOM, an assembly loaded from a path or
/// name the request chose.
/// </summary>
public sealed class CodeInjectionRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/code-injection",
        "Code or template compiled from user input",
        Category.Security,
        Severity.Error,
        "A template, script or source text from the request runs with the server's rights: Razor and C# scripts can call any .NET API, so an attacker reads files, runs programs and takes over the host. An assembly loaded from a path the request names runs the attacker's code the same way.",
        "Never compile or load what the request sends: render fixed templates with the user's values as the model, offer a fixed set of operations instead of scripts, and load assemblies only from a fixed folder by a name checked against an allow-list.");

    private static readonly SinkCatalogue Sinks = CodeInjectionSinks.Catalogue;

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!UserInput.MayEnter(context.Tree))
        {
            return;
        }

        Sinks.CheckEach(context, use => Check(context, use));
    }

    private bool Check(CSharpRuleContext context, SinkUse use)
    {
        if (!UserInput.MayReach(use.Node))
        {
            return false;
        }

        var origin = Sinks.Trace(use.Value, context.Model);
        if (!origin.IsUserInput || SinkGuards.IsGuarded(use.Node, origin.Variables, static (_, _) => null, context.Model, allowLists: true))
        {
            return false;
        }

        context.Report(this, use.Node, $"{use.Name} compiles or loads code from {origin.UserInput}; an attacker's template, script or assembly runs with the server's rights. Render fixed templates with the value as data, or check it against an allow-list.");
        return true;
    }
}
