using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// XML parsers configured to process DTDs or resolve external entities: <c>DtdProcessing.Parse</c>,
/// <c>ProhibitDtd = false</c>, a non-null <c>XmlResolver</c>, and <c>XmlTextReader</c>, whose
/// defaults parse DTDs. The .NET Core defaults of XmlDocument and XmlReader are safe and not reported,
/// and so is a resolver on XmlReaderSettings that leave DTDs prohibited. A finding about an unsafe setting
/// also covers the nearby call that parses with it, so reviewers see both the cause and the use.
/// </summary>
public sealed class XxeRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/xxe",
        "XML parser that processes DTDs or external entities",
        Category.Security,
        Severity.Error,
        "A parser that processes DTDs expands entities an attacker defines: external entities read local files or reach internal URLs (XXE), and nested entities exhaust memory (billion laughs).",
        "Set `DtdProcessing = DtdProcessing.Prohibit` (or `Ignore`) and `XmlResolver = null`; create readers with `XmlReader.Create(stream, settings)` rather than `new XmlTextReader`.");

    /// <summary>How many lines after an unsafe setting the finding may reach down to the call that parses with it.</summary>
    private const int ConsumerReach = 10;

    private static readonly HashSet<string> UnsafeResolvers = new(StringComparer.Ordinal) { "XmlUrlResolver", "XmlPreloadedResolver" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var qualify = !context.Root.Usings.Any(directive => directive.Name?.ToString() == "System.Xml");
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "DtdProcessing", "ProhibitDtd", "XmlResolver", "XmlTextReader", "TrustedXslt", "XsltSettings", "EnableDocumentFunction", "EnableScript"))
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TrustedXslt" } trusted when SecurityPatterns.TypeLikeName(trusted.Expression) == "XsltSettings":
                    context.Report(this, SecurityPatterns.Anchor(trusted), "`XsltSettings.TrustedXslt` lets a stylesheet run embedded script and read other documents through `document()`; an attacker's stylesheet runs code or reads local files.");
                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "XsltSettings"
                    && creation.ArgumentList?.Arguments.Any(argument => SecurityPatterns.IsTrue(argument.Expression)) == true:
                    context.Report(this, SecurityPatterns.Anchor(creation), $"`{SecurityPatterns.Code(creation)}` enables the `document()` function or embedded script in stylesheets; an attacker's stylesheet reads local files or runs code.");
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) is "EnableScript" or "EnableDocumentFunction" && SecurityPatterns.IsTrue(assignment.Right)
                    && SinkSyntax.AssignedOwner(assignment, context.Model) is null or "XsltSettings":
                    SecurityPatterns.ReportWithFix(
                        context,
                        this,
                        assignment,
                        assignment.Right.Span,
                        "false",
                        $"`{SecurityPatterns.Code(assignment)}` lets stylesheets run embedded script or read other documents; an attacker's stylesheet runs code or reads local files.");
                    break;
                case AssignmentExpressionSyntax { Right: IdentifierNameSyntax local } setting when SecurityPatterns.SimpleName(setting.Left) == "DtdProcessing" && IsDtdParseLocal(local, context.Model):
                    context.Report(this, setting, $"`{SecurityPatterns.Code(setting)}` sets DtdProcessing.Parse through a variable, so a document can define entities that read local files or exhaust memory.");
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Parse" } member
                    when SecurityPatterns.TypeLikeName(member.Expression) == "DtdProcessing" && !SecurityPatterns.IsOnlyCompared(member):
                    AnalyzeDtdParse(context, member);
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) is "ProhibitDtd" && SecurityPatterns.IsFalse(assignment.Right)
                    && !HasSafeResolver(assignment, context.Model):
                    SecurityPatterns.ReportWithFix(
                        context,
                        this,
                        assignment,
                        assignment.Right.Span,
                        "true",
                        "`ProhibitDtd = false` lets the parser process DTDs, so documents can define entities that read local files or exhaust memory.",
                        Consumer(context, assignment));
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) is "XmlResolver":
                    AnalyzeResolver(context, assignment);
                    break;
                case AssignmentExpressionSyntax { Left: TupleExpressionSyntax targets, Right: TupleExpressionSyntax values } deconstruction:
                    // (doc.XmlResolver, var x) = (new XmlUrlResolver(), 0);
                    for (var index = 0; index < Math.Min(targets.Arguments.Count, values.Arguments.Count); index++)
                    {
                        if (SecurityPatterns.SimpleName(targets.Arguments[index].Expression) == "XmlResolver"
                            && SecurityPatterns.Unparenthesized(values.Arguments[index].Expression) is BaseObjectCreationExpressionSyntax resolver
                            && SecurityPatterns.CreatedTypeName(resolver, context.Model) is { } resolverType && UnsafeResolvers.Contains(resolverType))
                        {
                            context.Report(this, deconstruction, $"`{SecurityPatterns.Code(deconstruction)}` gives the parser a {resolverType}, so a document can read local files or reach internal URLs through external entities (XXE).");
                        }
                    }

                    break;
                case BaseObjectCreationExpressionSyntax creation when SecurityPatterns.CreatedTypeName(creation, context.Model) == "XmlTextReader":
                    AnalyzeTextReader(context, creation, qualify);
                    break;
            }
        }
    }

    private void AnalyzeDtdParse(CSharpRuleContext context, MemberAccessExpressionSyntax member)
    {
        var anchor = SecurityPatterns.Anchor(member);
        if (anchor is AssignmentExpressionSyntax assignment && HasSafeResolver(assignment, context.Model) && SettingsType(context, assignment) != "XmlTextReader")
        {
            // XmlTextReader puts no limit on entity expansion, so without a resolver DTDs still exhaust memory.
            return;
        }

        if (anchor is VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator
            && SecurityPatterns.Scope(declarator).DescendantNodes().OfType<AssignmentExpressionSyntax>()
                .Any(setting => setting.Right is IdentifierNameSyntax used && used.Identifier.ValueText == declarator.Identifier.ValueText && SecurityPatterns.SimpleName(setting.Left) == "DtdProcessing"))
        {
            // Reported where the variable is put to use.
            return;
        }

        SecurityPatterns.ReportWithFix(
            context,
            this,
            anchor,
            member.Name.Span,
            "Prohibit",
            "`DtdProcessing.Parse` makes the parser process DTDs, so a document can define entities that read local files, call internal URLs or exhaust memory.",
            anchor is AssignmentExpressionSyntax setting ? Consumer(context, setting) : null);
    }

    private void AnalyzeResolver(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        var value = SecurityPatterns.Unparenthesized(assignment.Right);
        var resolverType = value switch
        {
            BaseObjectCreationExpressionSyntax creation => SecurityPatterns.CreatedTypeName(creation, context.Model),
            IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax => TypeNames.Of(value, context.Model),
            _ => null,
        };
        if (resolverType is null || !UnsafeResolvers.Contains(resolverType) || ProhibitsDtds(assignment) || IsResetLater(assignment))
        {
            return;
        }

        if (Sibling(assignment, "DtdProcessing") is null && Sibling(assignment, "ProhibitDtd") is null && SettingsType(context, assignment) == "XmlReaderSettings")
        {
            // XmlReaderSettings prohibits DTDs unless told otherwise, so the resolver is never asked for an entity.
            return;
        }

        SecurityPatterns.ReportWithFix(
            context,
            this,
            assignment,
            assignment.Right.Span,
            "null",
            $"`{SecurityPatterns.Code(assignment)}` lets the parser fetch external entities, so a document can read local files or reach internal URLs (XXE).",
            Consumer(context, assignment));
    }

    private void AnalyzeTextReader(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation, bool qualify)
    {
        if (creation.Initializer is { } initializer
            && initializer.Expressions.OfType<AssignmentExpressionSyntax>().Any(assignment => SecurityPatterns.SimpleName(assignment.Left) is "DtdProcessing" or "ProhibitDtd" or "XmlResolver"))
        {
            return;
        }

        var variable = SecurityPatterns.ValueParent(creation, out _) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        if (variable is not null && ConfiguredProperties(SecurityPatterns.Scope(creation), variable).Any(property => property.Name is "DtdProcessing" or "ProhibitDtd" or "XmlResolver"))
        {
            // Either made safe, or flagged where the unsafe value is assigned.
            return;
        }

        var message = $"`{SecurityPatterns.Code(creation)}` parses DTDs by default (DtdProcessing.Parse) with no limit on entity expansion, so a crafted document can exhaust memory or, with a resolver, read local files.";
        var reader = variable is null ? null : ConsumerOf(context, creation, variable);
        if (creation is ObjectCreationExpressionSyntax { Initializer: null, ArgumentList: not null } explicitCreation
            && context.LineOf(creation.SpanStart) == context.LineOf(creation.Span.End))
        {
            var prefix = qualify ? "System.Xml." : string.Empty;
            SecurityPatterns.ReportWithFix(
                context,
                this,
                SecurityPatterns.Anchor(creation),
                explicitCreation.Span,
                $"{explicitCreation} {{ DtdProcessing = {prefix}DtdProcessing.Prohibit }}",
                message,
                reader);
        }
        else
        {
            var anchor = SecurityPatterns.Anchor(creation);
            context.Report(this, reader is null ? anchor.Span : TextSpan.FromBounds(anchor.SpanStart, reader.Span.End), message);
        }
    }

    /// <summary>
    /// <c>var doc = new XmlDocument { XmlResolver = new XmlUrlResolver() };</c> followed by <c>doc.XmlResolver = null;</c>
    /// (or its deconstruction form): the resolver set at creation is replaced before anything parses.
    /// </summary>
    private static bool IsResetLater(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is not InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation }
            || SecurityPatterns.ValueParent(creation, out _) is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })
        {
            return false;
        }

        var variable = declarator.Identifier.ValueText;
        foreach (var later in SecurityPatterns.Scope(assignment).DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (later.SpanStart <= creation.Span.End)
            {
                continue;
            }

            if (later.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "XmlResolver", Expression: var target } && SecurityPatterns.SimpleName(target) == variable)
            {
                return SecurityPatterns.IsNull(later.Right);
            }

            if (later is { Left: TupleExpressionSyntax targets, Right: TupleExpressionSyntax values })
            {
                for (var index = 0; index < Math.Min(targets.Arguments.Count, values.Arguments.Count); index++)
                {
                    if (targets.Arguments[index].Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "XmlResolver", Expression: var owner } && SecurityPatterns.SimpleName(owner) == variable)
                    {
                        return SecurityPatterns.IsNull(values.Arguments[index].Expression);
                    }
                }
            }
        }

        return false;
    }

    /// <summary>A local that holds <c>DtdProcessing.Parse</c> (<c>var parse = DtdProcessing.Parse;</c>).</summary>
    private static bool IsDtdParseLocal(IdentifierNameSyntax name, SemanticModel model) =>
        model.GetSymbolInfo(name).Symbol is ILocalSymbol local
        && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Parse" } value }
        && SecurityPatterns.TypeLikeName(value.Expression) == "DtdProcessing";

    /// <summary>The type of the object a property assignment configures, when known.</summary>
    private static string? SettingsType(CSharpRuleContext context, AssignmentExpressionSyntax assignment) => assignment switch
    {
        { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } } => SecurityPatterns.CreatedTypeName(creation, context.Model),
        { Left: MemberAccessExpressionSyntax { Expression: var receiver } } => TypeNames.Of(receiver, context.Model),
        _ => null,
    };

    /// <summary>
    /// The nearby call that parses with the object an unsafe setting belongs to: the call the settings
    /// are created inline for, a later <c>Create(…, settings)</c>, or a later <c>Load</c>/<c>Read</c> on
    /// the document or reader. The finding covers that line too, since that is where the document is read.
    /// </summary>
    private static InvocationExpressionSyntax? Consumer(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        string? variable = null;
        if (assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation })
        {
            switch (SecurityPatterns.ValueParent(creation, out _))
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }:
                    return call;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    variable = declarator.Identifier.ValueText;
                    break;
                case AssignmentExpressionSyntax target:
                    variable = SecurityPatterns.SimpleName(target.Left);
                    break;
            }
        }
        else if (assignment.Left is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            variable = SecurityPatterns.SimpleName(receiver);
        }

        return variable is null ? null : ConsumerOf(context, assignment, variable);
    }

    /// <summary>The first call within reach after <paramref name="after"/> that parses with <paramref name="variable"/>.</summary>
    private static InvocationExpressionSyntax? ConsumerOf(CSharpRuleContext context, SyntaxNode after, string variable)
    {
        var line = context.LineOf(after.SpanStart);
        foreach (var invocation in SecurityPatterns.Scope(after).DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.SpanStart <= after.Span.End)
            {
                continue;
            }

            if (context.LineOf(invocation.SpanStart) - line > ConsumerReach)
            {
                return null;
            }

            var parses = TypeNames.InvokedName(invocation) switch
            {
                "Create" => invocation.ArgumentList.Arguments.Any(argument => SecurityPatterns.SimpleName(argument.Expression) == variable),
                "Load" or "LoadXml" or "Read" => TypeNames.Receiver(invocation) is { } target && SecurityPatterns.SimpleName(target) == variable,
                _ => false,
            };
            if (parses)
            {
                return invocation;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the same object is given an explicit null, an XmlSecureResolver, or a resolver of the
    /// code's own (a subclass that restricts what it fetches): DTDs are parsed, but external entities
    /// are not fetched through the stock URL resolver.
    /// </summary>
    private static bool HasSafeResolver(AssignmentExpressionSyntax assignment, SemanticModel model)
    {
        if (Sibling(assignment, "XmlResolver") is not { } resolver)
        {
            return false;
        }

        if (SecurityPatterns.IsNull(resolver))
        {
            return true;
        }

        var type = SecurityPatterns.Unparenthesized(resolver) is BaseObjectCreationExpressionSyntax creation
            ? SecurityPatterns.CreatedTypeName(creation, model)
            : TypeNames.Of(resolver, model);
        return type is not null and not "Object" && type.EndsWith("Resolver", StringComparison.Ordinal) && !UnsafeResolvers.Contains(type);
    }

    /// <summary>True when the object whose resolver is set also prohibits or ignores DTDs, so the resolver is never asked for entities.</summary>
    private static bool ProhibitsDtds(AssignmentExpressionSyntax assignment)
    {
        if (Sibling(assignment, "DtdProcessing") is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Prohibit" or "Ignore" })
        {
            return true;
        }

        return SecurityPatterns.IsTrue(Sibling(assignment, "ProhibitDtd"));
    }

    /// <summary>The value another property of the same object is set to: in the same initializer, or on the same variable in the same member.</summary>
    private static ExpressionSyntax? Sibling(AssignmentExpressionSyntax assignment, string property)
    {
        if (assignment.Parent is InitializerExpressionSyntax initializer)
        {
            return initializer.Expressions.OfType<AssignmentExpressionSyntax>().LastOrDefault(other => SecurityPatterns.SimpleName(other.Left) == property)?.Right;
        }

        if (assignment.Left is MemberAccessExpressionSyntax { Expression: var receiver } && SecurityPatterns.SimpleName(receiver) is { } variable)
        {
            return ConfiguredProperties(SecurityPatterns.Scope(assignment), variable).LastOrDefault(configured => configured.Name == property).Value;
        }

        return null;
    }

    /// <summary>Every <c>variable.Property = value</c> in the scope.</summary>
    private static IEnumerable<(string Name, ExpressionSyntax Value)> ConfiguredProperties(SyntaxNode scope, string variable)
    {
        foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var name } && SecurityPatterns.SimpleName(receiver) == variable)
            {
                yield return (name, assignment.Right);
            }
        }
    }
}
