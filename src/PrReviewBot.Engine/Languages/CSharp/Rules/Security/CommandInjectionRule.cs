using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// A process started with a non-constant program or argument string: <c>Process.Start(file, args)</c>,
/// <c>new ProcessStartInfo(file, args)</c>, <c>FileName</c>/<c>Arguments</c> assignments. Arguments
/// added one by one through <c>ArgumentList</c> are not split by a shell and are not flagged.
/// </summary>
public sealed class CommandInjectionRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/command-injection",
        "Process started with non-constant command text",
        Category.Security,
        Severity.Error,
        "A program name or argument string taken from a variable lets whoever controls it run another program or, through a shell (`cmd /c`, `sh -c`), chain extra commands.",
        "Start a fixed program and pass each value as its own `ProcessStartInfo.ArgumentList` entry, never through a shell; validate values against an allow-list.");

    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase)
    {
        "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe", "bash", "sh", "zsh", "/bin/sh", "/bin/bash",
        "/usr/bin/bash", "/bin/zsh", "/usr/bin/env",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "Process"))
        {
            return;
        }

        // One finding per start info: FileName and Arguments set in one initializer are one problem.
        var reportedInitializers = new HashSet<SyntaxNode>();
        foreach (var node in ChangedNodeList.Of(context))
        {
            // A finding covers its sink and the Start call that runs it: one the review could not keep is not looked for (which binds).
            switch (node)
            {
                case InvocationExpressionSyntax invocation when IsProcessStart(invocation) && ReportedSpan(context, invocation) is var span && context.MayReportOn(span):
                    var file = SinkSyntax.Argument(invocation.ArgumentList, 0, "fileName");
                    if (file is not null && !IsStartInfo(file, context.Model))
                    {
                        _ = Check(context, span, file, SinkSyntax.Argument(invocation.ArgumentList, 1, "arguments"), "`Process.Start`");
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) == "ProcessStartInfo" && ReportedSpan(context, creation) is var span && context.MayReportOn(span):
                    var created = Check(
                        context,
                        span,
                        SinkSyntax.Argument(creation.ArgumentList, 0, "fileName"),
                        SinkSyntax.Argument(creation.ArgumentList, 1, "arguments"),
                        "`new ProcessStartInfo`");
                    if (created && creation.Initializer is { } initializer)
                    {
                        reportedInitializers.Add(initializer);
                    }

                    break;
                case AssignmentExpressionSyntax assignment when AssignedProperty(assignment) is "FileName" or "Arguments" && ReportedSpan(context, assignment) is var span && context.MayReportOn(span) && IsStartInfoOwner(assignment, context.Model):
                    if (assignment.Parent is InitializerExpressionSyntax owner && reportedInitializers.Contains(owner))
                    {
                        break;
                    }

                    var isFile = AssignedProperty(assignment) == "FileName";
                    var reported = Check(
                        context,
                        span,
                        isFile ? assignment.Right : null,
                        isFile ? null : assignment.Right,
                        isFile ? "`ProcessStartInfo.FileName`" : "`ProcessStartInfo.Arguments`",
                        ShellOfSibling(assignment, context.Model));
                    if (reported && assignment.Parent is InitializerExpressionSyntax set)
                    {
                        reportedInitializers.Add(set);
                    }

                    break;
            }
        }
    }

    /// <param name="span">Where the finding goes: the sink, and the Start call that runs it (<see cref="ReportedSpan"/>).</param>
    private bool Check(CSharpRuleContext context, TextSpan span, ExpressionSyntax? file, ExpressionSyntax? arguments, string sinkName, string? knownShell = null)
    {
        if (arguments is not null && !IsStringLike(arguments, context.Model))
        {
            // Process.Start(file, IEnumerable<string>) passes an argument vector: no shell splitting.
            arguments = null;
        }

        var fileOrigin = file is null ? null : StringOrigins.Of(file, context.Model);
        var argumentOrigin = arguments is null ? null : StringOrigins.Of(arguments, context.Model);
        var shell = knownShell ?? (file is null ? null : ShellName(file, context.Model));
        if (argumentOrigin is { IsConstant: false })
        {
            var source = Describe(argumentOrigin);
            var message = shell is not null
                ? $"{sinkName} runs the shell `{shell}` with command text from {source}; shell metacharacters in it run extra commands."
                : $"{sinkName} gets its argument string from {source}; quotes and spaces in it can add options or arguments the program was never meant to receive.";
            context.Report(this, span, message + " Pass each value through `ArgumentList` and validate it.");
            return true;
        }

        if (fileOrigin is { IsConstant: false })
        {
            context.Report(this, span, $"{sinkName} starts a program named by {Describe(fileOrigin)}; whoever controls it chooses what runs. Start a fixed program or check the name against an allow-list.");
            return true;
        }

        return false;
    }

    /// <summary>A start info configured at <paramref name="sink"/> is run by a Start call a few lines down: the finding covers both.</summary>
    private static TextSpan ReportedSpan(CSharpRuleContext context, SyntaxNode sink) =>
        StartCall(context, sink) is { } start ? TextSpan.FromBounds(sink.SpanStart, start.Span.End) : sink.Span;

    /// <summary>How many lines below a start info's configuration the Start call that runs it may be.</summary>
    private const int StartReach = 10;

    /// <summary>
    /// The call that runs a start info configured at <paramref name="sink"/>: <c>Process.Start(info)</c> for
    /// <c>info.FileName = …</c> or <c>var info = new ProcessStartInfo { … }</c>, and <c>process.Start()</c> for
    /// <c>process.StartInfo.FileName = …</c> or <c>var process = new Process { StartInfo = new ProcessStartInfo { FileName = … } }</c>. Null when the sink starts the process itself or none is near.
    /// </summary>
    private static InvocationExpressionSyntax? StartCall(CSharpRuleContext context, SyntaxNode sink)
    {
        var (variable, ownsProcess) = sink switch
        {
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartInfo", Expression: IdentifierNameSyntax process } } } => (process.Identifier.ValueText, true),
            AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax info } } => (info.Identifier.ValueText, false),
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax { Parent: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "StartInfo" }, Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax process } } } } } => (DeclaredName(process), true),
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } } => (DeclaredName(creation), false),
            BaseObjectCreationExpressionSyntax creation => (DeclaredName(creation), false),
            _ => (null, false),
        };
        if (variable is null)
        {
            return null;
        }

        var line = context.LineOf(sink.Span.End);
        var scope = sink.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax);
        foreach (var invocation in scope?.DescendantNodes().OfType<InvocationExpressionSyntax>() ?? [])
        {
            if (invocation.SpanStart <= sink.Span.End || TypeNames.InvokedName(invocation) != "Start")
            {
                continue;
            }

            if (context.LineOf(invocation.SpanStart) - line > StartReach)
            {
                return null;
            }

            var runs = ownsProcess
                ? TypeNames.Receiver(invocation) is IdentifierNameSyntax receiver && receiver.Identifier.ValueText == variable && invocation.ArgumentList.Arguments.Count == 0
                : IsProcessStart(invocation) && invocation.ArgumentList.Arguments is [{ Expression: IdentifierNameSyntax argument }] && argument.Identifier.ValueText == variable;
            if (runs)
            {
                return invocation;
            }
        }

        return null;
    }

    private static string? DeclaredName(BaseObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } => target.Identifier.ValueText,
        _ => null,
    };

    private static string Describe(StringOrigin origin) =>
        origin.IsUserInput ? $"user input from {origin.UserInput}" : $"the non-constant value `{origin.Part}`";

    private static bool IsProcessStart(InvocationExpressionSyntax invocation)
    {
        if (TypeNames.InvokedName(invocation) != "Start" || invocation.ArgumentList.Arguments.Count == 0)
        {
            return false;
        }

        return TypeNames.Receiver(invocation) switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Process" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Process" } => true,
            _ => false,
        };
    }

    private static bool IsStartInfo(ExpressionSyntax expression, SemanticModel model) =>
        expression is BaseObjectCreationExpressionSyntax creation && SinkSyntax.CreatedTypeName(creation) == "ProcessStartInfo"
        || TypeNames.Of(expression, model) == "ProcessStartInfo"
        || expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartInfo" };

    private static bool IsStringLike(ExpressionSyntax expression, SemanticModel model)
    {
        var type = model.GetTypeInfo(expression).Type;
        if (type is null or IErrorTypeSymbol)
        {
            return expression is not (ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax);
        }

        return type.SpecialType == SpecialType.System_String;
    }

    private static string? AssignedProperty(AssignmentExpressionSyntax assignment) => assignment.Left switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier when assignment.Parent is InitializerExpressionSyntax => identifier.Identifier.ValueText,
        _ => null,
    };

    private static bool IsStartInfoOwner(AssignmentExpressionSyntax assignment, SemanticModel model) =>
        SinkSyntax.AssignedOwner(assignment, model) is "ProcessStartInfo" or "StartInfo";

    /// <summary>The shell a start info runs, when its <c>FileName</c> is set to one in the same initializer or member.</summary>
    private static string? ShellOfSibling(AssignmentExpressionSyntax assignment, SemanticModel model)
    {
        var scope = assignment.Parent is InitializerExpressionSyntax initializer
            ? (SyntaxNode)initializer
            : assignment.Ancestors().FirstOrDefault(node => node is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax);
        if (scope is null)
        {
            return null;
        }

        return scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Where(candidate => AssignedProperty(candidate) == "FileName")
            .Select(candidate => ShellName(candidate.Right, model))
            .FirstOrDefault(shell => shell is not null);
    }

    private static string? ShellName(ExpressionSyntax file, SemanticModel model) =>
        SinkSyntax.ConstantValue(file, model) is { } value && Shells.Contains(value.Trim()) ? value.Trim() : null;
}
