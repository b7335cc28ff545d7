using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.RegularExpressions;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Regular expressions without a match timeout where that matters: the pattern comes from user
/// input or is built from non-constant parts (regex injection), the input is user input, or a
/// constant pattern that can backtrack exponentially runs on non-constant input (or is declared
/// with <c>[GeneratedRegex]</c> for whoever calls it).
/// </summary>
/// <remarks>
/// A timeout turns the hang into a <c>RegexMatchTimeoutException</c> with bounded CPU, so a
/// catastrophic pattern with a timeout is left alone; <c>[RegularExpression]</c> validation already
/// has a two-second default timeout.
/// </remarks>
public sealed class RegexWithoutTimeoutRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/regex-without-timeout",
        "Regular expression on untrusted data without a match timeout",
        Category.Security,
        Severity.Warning,
        "The .NET backtracking engine can take exponential time on a crafted input or pattern; without a timeout one request pins a CPU core indefinitely (ReDoS).",
        "Pass a match timeout (`new Regex(pattern, options, TimeSpan.FromSeconds(1))`) or use `RegexOptions.NonBacktracking`; escape user text used in a pattern with `Regex.Escape`.");

    private static readonly HashSet<string> MatchMethods = new(StringComparer.Ordinal)
    {
        "IsMatch", "Match", "Matches", "Replace", "Split", "Count", "EnumerateMatches", "EnumerateSplits",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "Regex"))
        {
            return;
        }

        // A process-wide default timeout covers every regex that has none; a timeout too long to help is
        // reported only above where the default is set.
        var defaultTimeout = DefaultTimeoutSetting(context);
        var unbounded = new List<SyntaxNode>();
        foreach (var node in ChangedNodeList.Of(context))
        {
            if (defaultTimeout is not null && !ComesBefore(node, defaultTimeout))
            {
                return;
            }

            // Every finding is reported at the node it is about: one the review could not keep is not looked for (which binds).
            if (node is AttributeSyntax or BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax && !context.MayReportOn(node.Span))
            {
                continue;
            }

            switch (node)
            {
                case AttributeSyntax attribute when IsGeneratedRegex(attribute):
                    unbounded.Add(node);
                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) == "Regex" && creation.ArgumentList is { } arguments && UnboundingTimeout(arguments, context.Model) is { } timeout:
                    context.Report(this, creation, $"`new Regex` is given the match timeout `{timeout}`, which bounds nothing a request handler can wait for; a crafted input or pattern still pins a CPU core. Use a timeout of a second or two, or `RegexOptions.NonBacktracking`.");
                    break;
                case InvocationExpressionSyntax invocation when IsStaticRegexCall(invocation) && UnboundingTimeout(invocation.ArgumentList, context.Model) is { } timeout:
                    context.Report(this, invocation, $"`Regex.{TypeNames.InvokedName(invocation)}` is given the match timeout `{timeout}`, which bounds nothing a request handler can wait for; a crafted input or pattern still pins a CPU core. Use a timeout of a second or two, or `RegexOptions.NonBacktracking`.");
                    break;
                case BaseObjectCreationExpressionSyntax creation when SinkSyntax.CreatedTypeName(creation) == "Regex" && creation.ArgumentList is { Arguments.Count: > 0 } arguments && !IsBounded(arguments):
                case InvocationExpressionSyntax invocation when IsStaticRegexCall(invocation) && invocation.ArgumentList.Arguments.Count >= 2 && !IsBounded(invocation.ArgumentList):
                    unbounded.Add(node);
                    break;
            }
        }

        if (defaultTimeout is not null)
        {
            return;
        }

        foreach (var sink in unbounded)
        {
            if (sink is AttributeSyntax generated)
            {
                CheckGenerated(context, generated);
            }
            else if (sink is BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments } creation)
            {
                Check(context, creation, arguments.Arguments[0].Expression, InstanceInputs(creation), "`new Regex`");
            }
            else if (sink is InvocationExpressionSyntax invocation && SinkSyntax.Argument(invocation.ArgumentList, 1, "pattern") is { } pattern)
            {
                var input = SinkSyntax.Argument(invocation.ArgumentList, 0, "input");
                Check(context, invocation, pattern, input is null ? [] : [input], $"`Regex.{TypeNames.InvokedName(invocation)}`");
            }
        }
    }

    private void Check(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax pattern, List<ExpressionSyntax> inputs, string sinkName)
    {
        var patternOrigin = StringOrigins.Of(pattern, context.Model, IsEscape);
        if (patternOrigin.IsUserInput)
        {
            context.Report(this, sink, $"{sinkName} uses user input from {patternOrigin.UserInput} as the pattern, with no match timeout; a crafted pattern can backtrack for hours. Escape it with `Regex.Escape` and pass a timeout.");
            return;
        }

        if (patternOrigin.IsBuilt)
        {
            context.Report(this, sink, $"{sinkName} builds its pattern from `{patternOrigin.Part}` and has no match timeout; unescaped metacharacters in it change the pattern and can make it backtrack for hours. Escape it with `Regex.Escape` and pass a timeout.");
            return;
        }

        var constantPattern = SinkSyntax.ConstantValue(pattern, context.Model);
        var catastrophic = constantPattern is not null && CatastrophicPatterns.IsExponential(constantPattern, RegexMatchMode.Partial, HasOption(sink, "IgnorePatternWhitespace"), HasOption(sink, "Singleline"));
        if (catastrophic && inputs.Count == 0 && sink is BaseObjectCreationExpressionSyntax)
        {
            // Nothing in this file applies it, so whoever does gets the hazard: the pattern itself is the defect.
            context.Report(this, sink, $"{sinkName} has a pattern that can backtrack exponentially (a repetition that can read the same text in more than one way, followed by something that can fail) and no match timeout. Rewrite it so each character can be read only one way, or pass a timeout or `RegexOptions.NonBacktracking`.");
            return;
        }

        foreach (var input in inputs)
        {
            var inputOrigin = StringOrigins.Of(input, context.Model);
            if (inputOrigin.IsUserInput)
            {
                context.Report(this, sink, $"{sinkName} matches user input from {inputOrigin.UserInput} with no match timeout; a crafted input can make the backtracking engine run for a very long time. Pass a timeout or use `RegexOptions.NonBacktracking`.");
                return;
            }

            if (catastrophic && !inputOrigin.IsConstant)
            {
                context.Report(this, sink, $"{sinkName} has a pattern that can backtrack exponentially (a repetition that can read the same text in more than one way), runs on the non-constant `{inputOrigin.Part}`, and has no match timeout. Rewrite the repetition so each character can be read only one way, or pass a timeout or `RegexOptions.NonBacktracking`.");
                return;
            }
        }
    }

    private const string DefaultTimeoutName = "REGEX_DEFAULT_MATCH_TIMEOUT";

    /// <summary>
    /// The first string literal of the file that names the process-wide default timeout: searched for in the text,
    /// or among every literal when an escape could spell the name without its letters.
    /// </summary>
    private static LiteralExpressionSyntax? DefaultTimeoutSetting(CSharpRuleContext context)
    {
        if (!SinkSyntax.Mentions(context.Tree, "\\u", "\\U", "\\x", DefaultTimeoutName))
        {
            return null;
        }

        var text = SinkSyntax.TextOf(context.Tree);
        if (text.Contains("\\u", StringComparison.Ordinal) || text.Contains("\\U", StringComparison.Ordinal) || text.Contains("\\x", StringComparison.Ordinal))
        {
            return context.Root.DescendantNodes().OfType<LiteralExpressionSyntax>().FirstOrDefault(literal => literal.Token.ValueText == DefaultTimeoutName);
        }

        return SecurityPatterns.OccurrencesInFile(context, StringComparison.Ordinal, DefaultTimeoutName)
            .Select(token => token.Parent)
            .OfType<LiteralExpressionSyntax>()
            .FirstOrDefault(literal => literal.Token.ValueText == DefaultTimeoutName);
    }

    /// <summary>True when a walk of the tree visits <paramref name="node"/> before <paramref name="literal"/>: it starts earlier or holds it.</summary>
    private static bool ComesBefore(SyntaxNode node, LiteralExpressionSyntax literal) =>
        node.SpanStart < literal.SpanStart || (node.SpanStart == literal.SpanStart && node != literal && node.Span.Contains(literal.Span));

    /// <summary><c>[GeneratedRegex("...")]</c> with neither a timeout nor the non-backtracking engine.</summary>
    private static bool IsGeneratedRegex(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        return name is "GeneratedRegex" or "GeneratedRegexAttribute" && attribute.ArgumentList is { Arguments.Count: > 0 } arguments
            && !arguments.Arguments.Skip(1).Any(argument => argument.Expression.ToString().Contains("NonBacktracking", StringComparison.Ordinal)
                || argument.NameColon?.Name.Identifier.ValueText == "matchTimeoutMilliseconds"
                || (argument.NameColon is null && argument.Expression is LiteralExpressionSyntax { Token.Value: int }));
    }

    private void CheckGenerated(CSharpRuleContext context, AttributeSyntax attribute)
    {
        var pattern = attribute.ArgumentList!.Arguments[0].Expression;
        if (SinkSyntax.ConstantValue(pattern, context.Model) is { } constant
            && CatastrophicPatterns.IsExponential(constant, RegexMatchMode.Partial, HasOption(attribute, "IgnorePatternWhitespace"), HasOption(attribute, "Singleline")))
        {
            context.Report(this, attribute, "`[GeneratedRegex]` has a pattern that can backtrack exponentially (a repetition that can read the same text in more than one way) and no match timeout. Rewrite the repetition so each character can be read only one way, or pass `matchTimeoutMilliseconds` or `RegexOptions.NonBacktracking`.");
        }
    }

    private static bool HasOption(SyntaxNode sink, string option) => sink.ToString().Contains(option, StringComparison.Ordinal);

    /// <summary>Seconds from which an explicit match timeout no longer protects a server: a request waits that long per match.</summary>
    private const double LongestUsefulTimeout = 10;

    /// <summary>
    /// The timeout argument when the code explicitly passes one that bounds nothing useful:
    /// <c>Regex.InfiniteMatchTimeout</c>, or minutes and hours (<c>TimeSpan.FromMinutes(1)</c>).
    /// </summary>
    private static string? UnboundingTimeout(BaseArgumentListSyntax arguments, SemanticModel model)
    {
        // The timeout is the last parameter of every overload that has one.
        var timeout = arguments.Arguments.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == "matchTimeout")?.Expression
            ?? (arguments.Arguments.Count >= (arguments.Parent is InvocationExpressionSyntax ? 4 : 3) ? arguments.Arguments[^1].Expression : null);
        if (timeout is null || arguments.Arguments.Any(argument => argument.Expression.ToString().Contains("NonBacktracking", StringComparison.Ordinal)))
        {
            return null;
        }

        var text = timeout.ToString();
        if (text.EndsWith("InfiniteMatchTimeout", StringComparison.Ordinal))
        {
            return text;
        }

        if (timeout is not InvocationExpressionSyntax { ArgumentList.Arguments: [var amount] } call
            || TypeNames.Receiver(call)?.ToString() is not ("TimeSpan" or "System.TimeSpan")
            || model.GetConstantValue(amount.Expression) is not { HasValue: true, Value: { } value })
        {
            return null;
        }

        var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        var seconds = TypeNames.InvokedName(call) switch
        {
            "FromMilliseconds" => number / 1000,
            "FromSeconds" => number,
            "FromMinutes" => number * 60,
            "FromHours" => number * 3600,
            "FromDays" => number * 86400,
            _ => 0,
        };
        return seconds >= LongestUsefulTimeout ? text : null;
    }

    /// <summary>A timeout argument or the non-backtracking engine; an explicit infinite timeout does not count.</summary>
    private static bool IsBounded(BaseArgumentListSyntax arguments) =>
        arguments.Arguments.Skip(1).Any(argument =>
        {
            var text = argument.Expression.ToString();
            if (text.Contains("NonBacktracking", StringComparison.Ordinal))
            {
                return true;
            }

            return !text.Contains("InfiniteMatchTimeout", StringComparison.Ordinal)
                && (argument.NameColon?.Name.Identifier.ValueText == "matchTimeout"
                    || text.Contains("TimeSpan", StringComparison.Ordinal)
                    || text.Contains("timeout", StringComparison.OrdinalIgnoreCase)
                    || text.StartsWith("From", StringComparison.Ordinal));
        });

    private static bool IsStaticRegexCall(InvocationExpressionSyntax invocation)
    {
        if (TypeNames.InvokedName(invocation) is not { } name || !MatchMethods.Contains(name))
        {
            return false;
        }

        return TypeNames.Receiver(invocation) is IdentifierNameSyntax { Identifier.ValueText: "Regex" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Regex" };
    }

    /// <summary>The inputs a constructed regex is applied to: chained (<c>new Regex(p).Match(x)</c>), through a local, or through a field of the type.</summary>
    private static List<ExpressionSyntax> InstanceInputs(BaseObjectCreationExpressionSyntax creation)
    {
        var inputs = new List<ExpressionSyntax>();
        SyntaxNode holder = creation;
        while (holder.Parent is ParenthesizedExpressionSyntax)
        {
            holder = holder.Parent;
        }

        if (holder.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax chained } member
            && MatchMethods.Contains(member.Name.Identifier.ValueText)
            && SinkSyntax.Argument(chained.ArgumentList, 0, "input") is { } direct)
        {
            inputs.Add(direct);
            return inputs;
        }

        var (name, scope) = holder.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } when declarator.Parent?.Parent is FieldDeclarationSyntax
                => (declarator.Identifier.ValueText, declarator.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() as SyntaxNode),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                => (declarator.Identifier.ValueText, declarator.Ancestors().FirstOrDefault(IsMember)),
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }
                => (property.Identifier.ValueText, property.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() as SyntaxNode),
            AssignmentExpressionSyntax { Left: var target } assignment when assignment.Right == holder
                => (target is MemberAccessExpressionSyntax targetMember ? targetMember.Name.Identifier.ValueText : target.ToString(), holder.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() as SyntaxNode),
            _ => (null, null),
        };
        if (name is null || scope is null)
        {
            return inputs;
        }

        foreach (var invocation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } use
                && MatchMethods.Contains(method)
                && ReceiverName(use.Expression) == name
                && SinkSyntax.Argument(invocation.ArgumentList, 0, "input") is { } input)
            {
                inputs.Add(input);
            }
        }

        return inputs;
    }

    private static string? ReceiverName(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsMember(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax;

    private static bool IsEscape(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) == "Escape";
}
