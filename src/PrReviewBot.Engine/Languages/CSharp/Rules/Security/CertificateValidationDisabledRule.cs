using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// TLS certificate validation callbacks that accept every certificate: lambdas, anonymous
/// methods and methods that only return true, and <c>DangerousAcceptAnyServerCertificateValidator</c>.
/// </summary>
public sealed class CertificateValidationDisabledRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/certificate-validation-disabled",
        "TLS certificate validation disabled",
        Category.Security,
        Severity.Error,
        "A validation callback that always returns true accepts expired, self-signed and attacker-issued certificates, so anyone on the network path can read and alter the traffic.",
        "Remove the callback, or accept only `sslPolicyErrors == SslPolicyErrors.None`, or pin the expected certificate by comparing its thumbprint or public key.");

    private const string AcceptAny = "DangerousAcceptAnyServerCertificateValidator";

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reported = new HashSet<SyntaxNode>();
        var nodes = SecurityPatterns.CandidateNodes(
            context,
            StringComparison.Ordinal,
            "CertificateValidationCallback",
            "CertificateCustomValidationCallback",
            "RemoteCertificateValidation",
            "ServerCertificateValidation",
            AcceptAny,
            "CertificatePolicy",
            "SslStream");
        foreach (var node in nodes)
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) is { } name && IsCallbackName(name):
                    if (AlwaysTrue(context, assignment.Right, depth: 0))
                    {
                        Report(context, reported, assignment, $"`{SecurityPatterns.Code(assignment.Left)}` is set to a callback that always returns true, so every server certificate is accepted, including an attacker's.");
                    }

                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "CertificatePolicy" && AcceptsAllPolicies(context, assignment.Right):
                    Report(context, reported, assignment, $"`{SecurityPatterns.Code(assignment)}` installs a certificate policy whose CheckValidationResult always returns true, so every server certificate is accepted.");
                    break;
                case VariableDeclaratorSyntax { Initializer.Value: var value, Parent: VariableDeclarationSyntax declaration } declarator
                    when IsCallbackName(TypeNames.Simple(declaration.Type)) && AlwaysTrue(context, value, depth: 0):
                    Report(context, reported, declarator, $"`{declarator.Identifier.ValueText}` is a certificate validation callback that always returns true, so every certificate it checks is accepted.");
                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "SslStream":
                    foreach (var argument in creation.ArgumentList?.Arguments ?? default)
                    {
                        if (argument.Expression is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or ObjectCreationExpressionSyntax or IdentifierNameSyntax
                            && AlwaysTrue(context, argument.Expression, depth: 0))
                        {
                            Report(context, reported, argument, $"`{SecurityPatterns.Code(creation)}` validates the remote certificate with a callback that always returns true, so any certificate is accepted.");
                        }
                    }

                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: AcceptAny } member when !SecurityPatterns.IsOnlyCompared(member):
                    Report(context, reported, SecurityPatterns.Anchor(member), "`HttpClientHandler.DangerousAcceptAnyServerCertificateValidator` accepts every server certificate, so anyone on the network path can impersonate the server.");
                    break;
            }
        }

        ReportAcceptAllMethodGroups(context, reported);
    }

    /// <summary>
    /// A method of this file shaped like a validation callback (its parameters take the certificate,
    /// the chain and the policy errors) that accepts everything, handed on by name anywhere: to an
    /// event, a property of a delegate type, or a constructor's callback parameter.
    /// </summary>
    private void ReportAcceptAllMethodGroups(CSharpRuleContext context, HashSet<SyntaxNode> reported)
    {
        if (!SecurityPatterns.Mentions(context, "SslPolicyErrors"))
        {
            return;
        }

        // The validator may be old code that a changed line installs: look through the whole file.
        var validators = SecurityPatterns.OccurrencesInFile(context, StringComparison.Ordinal, "SslPolicyErrors")
            .Select(token => token.Parent?.FirstAncestorOrSelf<SyntaxNode>(node => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax))
            .OfType<SyntaxNode>()
            .Distinct()
            .Where(method => IsValidatorShaped(method) && OnlyReturnsTrue(method))
            .Select(method => method switch
            {
                MethodDeclarationSyntax declared => declared.Identifier.ValueText,
                LocalFunctionStatementSyntax local => local.Identifier.ValueText,
                _ => string.Empty,
            })
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in validators)
        {
            foreach (var token in SecurityPatterns.IdentifiersIn(context, context.Root, name))
            {
                if (token.Parent is not IdentifierNameSyntax reference || IsInvokedOrDeclared(reference))
                {
                    continue;
                }

                var anchor = SecurityPatterns.Anchor(reference);
                // Kept in a local it is not installed yet; given to a member or a call, it is.
                var installs = anchor switch
                {
                    ArgumentSyntax => true,
                    AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax or MemberBindingExpressionSyntax } => true,
                    AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: InitializerExpressionSyntax } => true,
                    _ => false,
                };
                if (installs && anchor.FirstAncestorOrSelf<ReturnStatementSyntax>() is null)
                {
                    Report(context, reported, anchor, $"`{name}` accepts every certificate (it returns true whatever the policy errors are), and `{SecurityPatterns.Code(anchor)}` installs it as a validation callback.");
                }
            }
        }
    }

    private static bool IsInvokedOrDeclared(IdentifierNameSyntax reference) =>
        reference.Parent is InvocationExpressionSyntax { Expression: var called } && called == reference
        || reference.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } member && member.Name == reference
        || reference.Parent is MemberAccessExpressionSyntax { Name: var accessed } && accessed != reference;

    /// <summary>Parameters (sender, certificate, chain, errors) by their types: the shape of <c>RemoteCertificateValidationCallback</c>.</summary>
    private static bool IsValidatorShaped(SyntaxNode method)
    {
        var parameters = method switch
        {
            MethodDeclarationSyntax declared => declared.ParameterList.Parameters,
            LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
            _ => default,
        };
        return parameters.Count == 4
            && parameters[1].Type is { } certificate && TypeNames.Simple(certificate).TrimEnd('?').StartsWith("X509Certificate", StringComparison.Ordinal)
            && parameters[2].Type is { } chain && TypeNames.Simple(chain).TrimEnd('?') == "X509Chain"
            && parameters[3].Type is { } errors && TypeNames.Simple(errors) == "SslPolicyErrors";
    }

    private void Report(CSharpRuleContext context, HashSet<SyntaxNode> reported, SyntaxNode anchor, string message)
    {
        // One finding per installation: a method group inside a delegate assigned to the callback is the same defect.
        if (!reported.Any(node => node.Span.Contains(anchor.Span) || anchor.Span.Contains(node.Span)) && reported.Add(anchor))
        {
            context.Report(this, anchor, message);
        }
    }

    private static bool IsCallbackName(string name) =>
        name.EndsWith("CertificateValidationCallback", StringComparison.Ordinal)
        || name.EndsWith("CertificateCustomValidationCallback", StringComparison.Ordinal)
        || name is "RemoteCertificateValidation" or "ServerCertificateValidation";

    /// <summary>True when the delegate returns true on every path: lambdas, anonymous methods, method groups of this file, and the framework's accept-any validator.</summary>
    private static bool AlwaysTrue(CSharpRuleContext context, ExpressionSyntax expression, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        var value = SecurityPatterns.Unparenthesized(expression);
        switch (value)
        {
            case LambdaExpressionSyntax lambda:
                return lambda.ExpressionBody is { } body ? SecurityPatterns.IsTrue(body) : lambda.Block is { } block && OnlyReturnsTrue(block);
            case AnonymousMethodExpressionSyntax anonymous:
                return OnlyReturnsTrue(anonymous.Block);
            case ObjectCreationExpressionSyntax { ArgumentList.Arguments: [var wrapped] }:
                return AlwaysTrue(context, wrapped.Expression, depth + 1);
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: AcceptAny }:
                return true;
            case InvocationExpressionSyntax call when call.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax }
                && TypeNames.InvokedName(call) is { } factoryName:
                // `+= FindValidator()`: a method of this file whose every return is an accept-all callback.
                // Overloads are told apart by their argument count; a partial method's bodiless half says nothing.
                var factories = SecurityPatterns.IdentifiersIn(context, context.Root, factoryName).Select(token => token.Parent).OfType<MethodDeclarationSyntax>()
                    .Where(factory => (factory.Body is not null || factory.ExpressionBody is not null) && Accepts(factory, call.ArgumentList.Arguments.Count))
                    .ToList();
                return factories.Count > 0 && factories.All(factory => ReturnsAcceptAll(context, factory, depth + 1));
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax }:
                var name = SecurityPatterns.SimpleName(value)!;
                var methods = MethodsNamed(context, name).ToList();
                if (methods.Count > 0)
                {
                    return methods.All(OnlyReturnsTrue);
                }

                if (value is IdentifierNameSyntax parameterUse && ParameterOf(parameterUse) is { } parameter)
                {
                    // `+= callback` where callback is a parameter: accept-all when a caller in this file passes one.
                    return ArgumentsFor(context, parameter).Any(argument => AlwaysTrue(context, argument, depth + 1));
                }

                return SecurityPatterns.InitializerOf(value, name) is { } initializer && AlwaysTrue(context, initializer, depth + 1);
            default:
                return false;
        }
    }

    private static bool ReturnsAcceptAll(CSharpRuleContext context, MethodDeclarationSyntax factory, int depth)
    {
        if (factory.ExpressionBody is { } arrow)
        {
            return AlwaysTrue(context, arrow.Expression, depth);
        }

        var returns = factory.Body?.DescendantNodes(child => child is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>()
            .ToList() ?? [];
        // A recursive return (FindValidator(level - 1)) hands back what the other returns do.
        var name = factory.Identifier.ValueText;
        var own = returns.Where(statement => statement.Expression is not InvocationExpressionSyntax call || TypeNames.InvokedName(call) != name).ToList();
        return own.Count > 0 && own.All(statement => statement.Expression is { } returned && AlwaysTrue(context, returned, depth));
    }

    private static bool Accepts(MethodDeclarationSyntax method, int arguments)
    {
        var parameters = method.ParameterList.Parameters;
        var required = parameters.Count(parameter => parameter.Default is null && !parameter.Modifiers.Any(SyntaxKind.ParamsKeyword));
        return arguments >= required && (arguments <= parameters.Count || parameters.Any(parameter => parameter.Modifiers.Any(SyntaxKind.ParamsKeyword)));
    }

    /// <summary>The parameter of the enclosing method or local function that the identifier names, or null.</summary>
    private static ParameterSyntax? ParameterOf(IdentifierNameSyntax use)
    {
        var owner = use.Ancestors().FirstOrDefault(ancestor => ancestor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax);
        var parameters = owner switch
        {
            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
            LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
            _ => default,
        };
        return parameters.FirstOrDefault(parameter => parameter.Identifier.ValueText == use.Identifier.ValueText);
    }

    /// <summary>The expressions that callers in this file pass for the parameter, by position or by name.</summary>
    private static IEnumerable<ExpressionSyntax> ArgumentsFor(CSharpRuleContext context, ParameterSyntax parameter)
    {
        if (parameter.Parent is not ParameterListSyntax list
            || list.Parent switch { MethodDeclarationSyntax method => method.Identifier.ValueText, LocalFunctionStatementSyntax local => local.Identifier.ValueText, _ => null } is not { } methodName)
        {
            yield break;
        }

        var index = list.Parameters.IndexOf(parameter);
        foreach (var token in SecurityPatterns.IdentifiersIn(context, context.Root, methodName))
        {
            var call = token.Parent?.Parent switch
            {
                InvocationExpressionSyntax direct => direct,
                MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax viaMember } => viaMember,
                _ => null,
            };
            if (call is null)
            {
                continue;
            }

            var arguments = call.ArgumentList.Arguments;
            var argument = arguments.FirstOrDefault(candidate => candidate.NameColon?.Name.Identifier.ValueText == parameter.Identifier.ValueText)
                ?? (index < arguments.Count && arguments[index].NameColon is null ? arguments[index] : null);
            if (argument is not null)
            {
                yield return argument.Expression;
            }
        }
    }

    private static IEnumerable<SyntaxNode> MethodsNamed(CSharpRuleContext context, string name) =>
        SecurityPatterns.IdentifiersIn(context, context.Root, name)
            .Select(token => token.Parent)
            .OfType<SyntaxNode>()
            .Where(node => node switch
            {
                MethodDeclarationSyntax method => method.ParameterList.Parameters.Count == 4,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters.Count == 4,
                _ => false,
            });

    private static bool OnlyReturnsTrue(SyntaxNode declaration)
    {
        var (expressionBody, block) = declaration switch
        {
            MethodDeclarationSyntax method => (method.ExpressionBody?.Expression, method.Body),
            LocalFunctionStatementSyntax local => (local.ExpressionBody?.Expression, local.Body),
            BlockSyntax body => (null, body),
            _ => (null, null),
        };
        if (expressionBody is not null)
        {
            return SecurityPatterns.IsTrue(expressionBody);
        }

        if (block is null)
        {
            return false;
        }

        // A throw is a rejection, so a callback that can throw is validating something.
        var statements = block.DescendantNodes(descendIntoChildren: child => child is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax)).ToList();
        var returns = statements.OfType<ReturnStatementSyntax>().ToList();
        return returns.Count > 0
            && returns.All(statement => SecurityPatterns.IsTrue(statement.Expression))
            && !statements.Any(statement => statement is ThrowStatementSyntax or ThrowExpressionSyntax);
    }

    /// <summary><c>ServicePointManager.CertificatePolicy = new TrustAll()</c> where TrustAll.CheckValidationResult only returns true.</summary>
    private static bool AcceptsAllPolicies(CSharpRuleContext context, ExpressionSyntax value)
    {
        if (value is not ObjectCreationExpressionSyntax creation)
        {
            return false;
        }

        var type = TypeNames.Simple(creation.Type);
        var policy = SecurityPatterns.IdentifiersIn(context, context.Root, type).Select(token => token.Parent).OfType<TypeDeclarationSyntax>().FirstOrDefault();
        var check = policy?.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(method => method.Identifier.ValueText == "CheckValidationResult");
        return check is not null && OnlyReturnsTrue(check);
    }
}
