using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PrReviewBot.Engine.Languages.CSharp.Analysis;

/// <summary>
/// The caller-argument source (<see cref="Detection.Taint.TaintSourceKind.CallerArgument"/>): a
/// string or <c>Uri</c> parameter of a public method, which any code that can call the method
/// fills. Overrides and constructors do not count: the framework or a container fills those, and a
/// constructor's address is configuration kept for later, not a request made now.
/// </summary>
public static class CallerArguments
{
    private static readonly HashSet<string> AddressTypes = new(StringComparer.Ordinal)
    {
        "string", "String", "Uri",
    };

    /// <summary>True when the parameter belongs to a public method of a type other code can reach, and carries text or an address.</summary>
    public static bool IsCallerChosen(ParameterSyntax parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Parent?.Parent is not MethodDeclarationSyntax method
            || !method.Modifiers.Any(SyntaxKind.PublicKeyword)
            || method.Modifiers.Any(SyntaxKind.OverrideKeyword)
            || parameter.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.OutKeyword) || modifier.IsKind(SyntaxKind.ThisKeyword))
            || parameter.Type is null
            || !AddressTypes.Contains(TypeNames.Simple(parameter.Type).TrimEnd('?')))
        {
            return false;
        }

        return !method.Ancestors().OfType<BaseTypeDeclarationSyntax>()
            .Any(type => type.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.PrivateKeyword) || modifier.IsKind(SyntaxKind.FileKeyword)));
    }

    /// <summary>How a message names the source: the parameter and the method whose callers choose it.</summary>
    public static string Describe(ParameterSyntax parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var method = parameter.Parent?.Parent is MethodDeclarationSyntax declaration ? declaration.Identifier.ValueText : "this method";
        return $"the parameter `{parameter.Identifier.ValueText}` that callers of the public method `{method}` choose";
    }
}
