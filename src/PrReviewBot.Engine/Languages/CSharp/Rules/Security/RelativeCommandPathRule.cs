using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Programs started by a fixed relative name (<c>Process.Start("git")</c>,
/// <c>new ProcessStartInfo("tool.exe")</c>, <c>FileName = "bin/tool"</c>), which the operating
/// system looks up in the working directory and on <c>PATH</c>. Absolute paths, explicit
/// <c>./</c> paths, URLs and other schemes are what they say. Commands built from input are
/// <c>cs/command-injection</c>'s findings.
/// </summary>
public sealed class RelativeCommandPathRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/relative-command-path",
        "Program started by a name searched on PATH",
        Category.Security,
        Severity.Warning,
        "A program named without a directory is searched in the working directory and the `PATH` directories; whoever can put a file of that name earlier in the search (a writable working directory, a user-controlled `PATH`) runs their code with the application's rights.",
        "Start the program by its absolute path (from configuration or a known install location), or resolve and check the path once at startup.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "Process", "FileName"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "Process.Start", "ProcessStartInfo", "FileName"))
        {
            switch (node)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Start" } member } invocation
                    when SecurityPatterns.TypeLikeName(member.Expression) == "Process":
                    Check(context, invocation, SinkSyntax.Argument(invocation.ArgumentList, 0, "fileName"));
                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "ProcessStartInfo":
                    Check(context, creation, SinkSyntax.Argument(creation.ArgumentList, 0, "fileName"));
                    break;
                case AssignmentExpressionSyntax { Left: var target } assignment
                    when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && SecurityPatterns.SimpleName(target) == "FileName"
                        && SinkSyntax.AssignedOwner(assignment, context.Model) is "ProcessStartInfo" or "StartInfo":
                    Check(context, assignment, assignment.Right);
                    break;
            }
        }
    }

    private void Check(CSharpRuleContext context, SyntaxNode start, ExpressionSyntax? command)
    {
        if (command is null || SecurityPatterns.StringValue(command, context.Model) is not { } name || !IsSearched(name) || IsLookAlike(start, context.Model))
        {
            return;
        }

        var anchor = start is ExpressionSyntax expression ? SecurityPatterns.Anchor(expression) : start;
        context.Report(this, anchor, $"`{SecurityPatterns.Code(start)}` starts `{name}` by a relative name, so the program found first in the working directory or on PATH runs; start it by its absolute path.");
    }

    /// <summary>True for a name the system resolves through the search path: not rooted, not explicitly relative to the current directory, not a URL or other scheme.</summary>
    private static bool IsSearched(string name) =>
        name.Length > 0
        && !name.Contains(':', StringComparison.Ordinal)
        && name[0] is not ('/' or '\\')
        && !name.StartsWith("./", StringComparison.Ordinal) && !name.StartsWith(".\\", StringComparison.Ordinal)
        && !name.StartsWith("../", StringComparison.Ordinal) && !name.StartsWith("..\\", StringComparison.Ordinal);

    /// <summary>True when the call, constructor or property is declared in the reviewed sources, not the framework's.</summary>
    private static bool IsLookAlike(SyntaxNode node, SemanticModel model)
    {
        var target = node is AssignmentExpressionSyntax assignment ? assignment.Left : node;
        return model.GetSymbolInfo(target).Symbol is { } symbol && symbol.Locations.Any(location => location.IsInSource);
    }
}
