using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Taint;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// Where whoever runs the program hands it values: the arguments of <c>Main</c> (and of top-level
/// statements), <c>Environment.GetCommandLineArgs()</c>, and <c>Console.ReadLine()</c>. Families
/// opt in through their catalogues: a path or URL typed by the person running a tool is usually
/// the point of the tool, while a query built from it is not.
/// </summary>
public static class ProcessInput
{
    /// <summary>True for a call that reads what the person running the program typed or passed, when that kind of source is on.</summary>
    public static bool TryGetSource(InvocationExpressionSyntax invocation, IReadOnlySet<TaintSourceKind> sources, out string description)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(sources);
        description = string.Empty;
        var name = TypeNames.InvokedName(invocation);
        var receiver = TypeNames.Receiver(invocation)?.ToString();
        var found = name switch
        {
            "ReadLine" or "ReadToEnd" => sources.Contains(TaintSourceKind.StandardInput) && receiver is "Console" or "System.Console" or "Console.In" or "System.Console.In",
            "GetCommandLineArgs" => sources.Contains(TaintSourceKind.CommandLine) && receiver is "Environment" or "System.Environment",
            _ => false,
        };
        if (found)
        {
            description = $"`{SyntaxText.Brief(invocation)}`";
        }

        return found;
    }

    /// <summary>True for the <c>string[] args</c> of <c>Main</c> or of top-level statements.</summary>
    public static bool IsCommandLine(IParameterSymbol parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.ContainingSymbol is IMethodSymbol { Name: "Main" or "<Main>$", IsStatic: true }
            && parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };
    }
}
