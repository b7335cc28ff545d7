using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Taint;
using PrReviewBot.Engine.Languages.CSharp.Analysis;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Languages.CSharp.Security;

/// <summary>A sink found in a file: the node to report, the catalogue entry it matched, and the value that reaches it.</summary>
public sealed record SinkUse(Sink Sink, SyntaxNode Node, ExpressionSyntax Value)
{
    /// <summary>How a message names the sink: <c>`HttpClient.GetAsync`</c>, <c>`new RestClient`</c>.</summary>
    public string Name => Sink.Shape == SinkShape.Construction ? $"`new {Sink.Type}`" : $"`{Sink.Type}.{Sink.Member}`";
}

/// <summary>
/// The sinks of one vulnerability family, which sources count for it, and which sanitizer effects
/// make a value safe for it. Catalogues are data; <see cref="Find"/> is the one way to find their
/// sinks in a file and <see cref="Trace"/> the one way to ask whether a value there is tainted.
/// </summary>
public sealed class SinkCatalogue
{
    private readonly Dictionary<string, List<Sink>> byMember;

    // Arrays, not the read-only lists the properties show: every file's pre-check hands them on as they are.
    private readonly string[] words;
    private readonly string[] markers = [];

    /// <param name="sources">Sources that count besides request data; most families trust the person running the program.</param>
    public SinkCatalogue(VulnerabilityFamily family, IReadOnlyList<Sink> sinks, IReadOnlyList<SanitizerEffect> neutralizedBy, params TaintSourceKind[] sources)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(neutralizedBy);
        ArgumentNullException.ThrowIfNull(sources);
        Family = family;
        Sinks = sinks;
        NeutralizedBy = neutralizedBy;
        Sources = new HashSet<TaintSourceKind>(sources.Append(TaintSourceKind.RequestData));
        byMember = sinks.GroupBy(sink => sink.Member, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        words = [.. sinks.Select(sink => sink.Member).Distinct(StringComparer.Ordinal)];
    }

    public VulnerabilityFamily Family { get; }

    /// <summary>Where untrusted values come from for this family: always the request, and what the catalogue adds.</summary>
    public IReadOnlySet<TaintSourceKind> Sources { get; }

    public IReadOnlyList<Sink> Sinks { get; }

    /// <summary>Sanitizer effects that make a value safe for this family; <see cref="SanitizerEffect.Everything"/> always does.</summary>
    public IReadOnlyList<SanitizerEffect> NeutralizedBy { get; }

    /// <summary>The member names of the sinks: a file that contains none of them has no sink.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>
    /// Words a file must contain before its sinks are looked for, when the member names are common
    /// (<c>Select</c>, <c>GetAsync</c>): the types or namespaces the sinks belong to. Empty means none needed.
    /// </summary>
    public IReadOnlyList<string> Markers
    {
        get => markers;
        init => markers = [.. value];
    }

    /// <summary>The same sinks and sanitizers with more sources on: a rule's second, weaker question about the same sinks.</summary>
    public SinkCatalogue WithSources(params TaintSourceKind[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return new SinkCatalogue(Family, Sinks, NeutralizedBy, [.. Sources, .. more]) { Markers = Markers };
    }

    /// <summary>
    /// Runs <paramref name="check"/> on every use of a sink in the file, but no more on a node once one of its uses
    /// gave a finding: a call can match several entries (File.Copy's source and target) and gets one finding.
    /// </summary>
    /// <param name="check">Reports on the use when it must, and says whether it did.</param>
    public void CheckEach(CSharpRuleContext context, Func<SinkUse, bool> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var reported = new HashSet<SyntaxNode>();
        foreach (var use in Find(context))
        {
            if (!reported.Contains(use.Node) && check(use))
            {
                reported.Add(use.Node);
            }
        }
    }

    /// <summary>
    /// Every use of a sink in the parts of the file the rule reads (<see cref="ChangedRegions"/>), found from the
    /// sink words rather than a walk of the whole tree; when the rule reads only the changed code, only the uses on
    /// added lines (<see cref="CSharpRuleContext.MayReportOn"/>), since a rule reports a use at <see cref="SinkUse.Node"/>.
    /// </summary>
    public IEnumerable<SinkUse> Find(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if ((markers.Length > 0 && !SinkSyntax.Mentions(context.Tree, markers)) || !SinkSyntax.Mentions(context.Tree, words))
        {
            yield break;
        }

        var seen = new HashSet<SyntaxNode>();
        foreach (var token in Tokens(context))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || !byMember.TryGetValue(token.ValueText, out var sinks))
            {
                continue;
            }

            var node = SinkNode(token);
            if (node is null || !seen.Add(node))
            {
                continue;
            }

            // Every rule reports a sink use at its node: a use whose lines the review could not keep is not matched, which binds.
            if (!context.MayReportOn(node.Span))
            {
                continue;
            }

            // Every matching entry: a call can carry several dangerous arguments (File.Copy's source and target).
            foreach (var sink in sinks)
            {
                if (Match(sink, node, context.Model) is { } value)
                {
                    yield return new SinkUse(sink, node, value);
                }
            }
        }
    }

    /// <summary>
    /// The tokens spelled as a sink's member in the regions the rule reads (the whole file when it reads whole files), in
    /// text order: found by a search of the text, not a walk over every token of the regions (on PowerShell's 474 changed
    /// files that walk, once per catalogue, was 1.7 % of the review's CPU).
    /// </summary>
    private IEnumerable<SyntaxToken> Tokens(CSharpRuleContext context)
    {
        // A whole file is one region, its full span.
        foreach (var region in ChangedRegions.Of(context).Spans)
        {
            foreach (var token in SecurityPatterns.OccurrencesInOrder(context, region, words))
            {
                // Regions start and end where tokens do; a token that merely touches one belongs to its neighbour.
                if (token.FullSpan.Start >= region.Start && token.FullSpan.Start < region.End)
                {
                    yield return token;
                }
            }
        }
    }

    /// <summary>Where the value at a sink comes from, with this family's sanitizers applied.</summary>
    /// <param name="alsoSanitizes">A rule's own sanitizers by naming habit (<c>SanitizeFileName</c>), beyond the shared list.</param>
    public StringOrigin Trace(ExpressionSyntax value, SemanticModel model, Func<InvocationExpressionSyntax, bool>? alsoSanitizes = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(model);
        return StringOrigins.Of(value, model, alsoSanitizes is null ? IsSanitizer : invocation => IsSanitizer(invocation) || alsoSanitizes(invocation), Sources);
    }

    /// <summary>True when the call is a sanitizer whose effect protects this family.</summary>
    public bool IsSanitizer(InvocationExpressionSyntax invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (TypeNames.InvokedName(invocation) is not { } name)
        {
            return false;
        }

        var receiver = TypeNames.Receiver(invocation)?.ToString();
        return Sanitizers.All.Any(sanitizer =>
            sanitizer.Member == name
            && (sanitizer.Effect == SanitizerEffect.Everything || NeutralizedBy.Contains(sanitizer.Effect))
            && (sanitizer.Type is null || (receiver is not null && receiver.Contains(sanitizer.Type, StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>The invocation, creation or assignment a sink word belongs to, or null.</summary>
    private static SyntaxNode? SinkNode(SyntaxToken token)
    {
        var name = token.Parent;
        if (name is GenericNameSyntax or IdentifierNameSyntax && name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
        {
            name = qualified;
        }

        if (name?.Parent is VariableDeclarationSyntax { Variables: [{ Initializer.Value: ImplicitObjectCreationExpressionSyntax implicitCreation }] } declaration && declaration.Type == name)
        {
            // FileStream stream = new(path, …): the declaration names the created type.
            return implicitCreation;
        }

        return name?.Parent switch
        {
            MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax invocation } member when member.Name == name => invocation,
            MemberAccessExpressionSyntax { Parent: AssignmentExpressionSyntax assignment } member when member.Name == name && assignment.Left == member => assignment,
            MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax invocation } => invocation,
            InvocationExpressionSyntax invocation when invocation.Expression == name => invocation,
            ObjectCreationExpressionSyntax creation when creation.Type == name => creation,
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment when assignment.Left == name => assignment,
            _ => null,
        };
    }

    private static ExpressionSyntax? Match(Sink sink, SyntaxNode node, SemanticModel model)
    {
        switch (sink.Shape, node)
        {
            case (SinkShape.InstanceCall, InvocationExpressionSyntax invocation):
                var receiver = TypeNames.Receiver(invocation);
                return receiver is not null && !IsTypeName(receiver, sink.Type) && IsInstanceOf(receiver, sink, model) ? Argument(invocation.ArgumentList, sink, model) : null;
            case (SinkShape.StaticCall, InvocationExpressionSyntax invocation):
                var named = TypeNames.Receiver(invocation) switch
                {
                    { } type => IsTypeName(type, sink.Type),
                    null => StaticallyImported(invocation, model) == sink.Type,
                };
                return named ? Argument(invocation.ArgumentList, sink, model) : null;
            case (SinkShape.InheritedCall, InvocationExpressionSyntax invocation):
                return TypeNames.Receiver(invocation) is null or ThisExpressionSyntax or BaseExpressionSyntax ? Argument(invocation.ArgumentList, sink, model) : null;
            case (SinkShape.Construction, BaseObjectCreationExpressionSyntax creation):
                return Argument(creation.ArgumentList, sink, model);
            case (SinkShape.PropertySet, AssignmentExpressionSyntax assignment):
                var owner = SinkSyntax.AssignedOwner(assignment, model);
                var matches = owner == sink.Type
                    || (owner is null or "Object" && assignment.Left is MemberAccessExpressionSyntax { Expression: var target } && HintedName(target, sink));
                return matches ? assignment.Right : null;
            default:
                return null;
        }
    }

    private static ExpressionSyntax? Argument(BaseArgumentListSyntax? arguments, Sink sink, SemanticModel model)
    {
        if (arguments is null || (sink.MinimumArguments is { } minimum && arguments.Arguments.Count < minimum))
        {
            return null;
        }

        var value = SinkSyntax.Argument(arguments, sink.Argument, sink.ArgumentNames);
        if (value is not null && sink.OnlyStrings && model.GetTypeInfo(value).Type is { } type and not IErrorTypeSymbol && type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        return value;
    }

    /// <summary>With <c>using static System.IO.File;</c> a bare <c>ReadAllText(path)</c> is a call on File: ask the model only then.</summary>
    private static string? StaticallyImported(InvocationExpressionSyntax invocation, SemanticModel model)
    {
        var root = invocation.SyntaxTree.GetCompilationUnitRoot();
        if (!root.Usings.Any(directive => directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)))
        {
            return null;
        }

        var info = model.GetSymbolInfo(invocation);
        return (info.Symbol ?? info.CandidateSymbols.FirstOrDefault())?.ContainingType?.Name;
    }

    private static bool IsTypeName(ExpressionSyntax expression, string type) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == type || TypeNames.AliasTarget(identifier) == type,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == type,
        _ => false,
    };

    private static bool IsInstanceOf(ExpressionSyntax receiver, Sink sink, SemanticModel model)
    {
        var type = TypeNames.Of(receiver, model);
        if (type == sink.Type)
        {
            return true;
        }

        // A resolved type other than the sink's (a repository, a cache) is not the sink.
        return type is null or "Object" && HintedName(receiver, sink);
    }

    private static bool HintedName(ExpressionSyntax receiver, Sink sink)
    {
        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            InvocationExpressionSyntax call => TypeNames.InvokedName(call),
            ObjectCreationExpressionSyntax creation => TypeNames.Simple(creation.Type),
            _ => null,
        };
        return name is not null
            && (name.Contains(sink.Type, StringComparison.OrdinalIgnoreCase)
                || sink.ReceiverHints.Any(hint => name.Contains(hint, StringComparison.OrdinalIgnoreCase)));
    }
}
