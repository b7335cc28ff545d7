using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// LDAP search filters built from non-constant values (<c>DirectorySearcher</c>, <c>SearchRequest</c>)
/// and directory paths built from user input (<c>DirectoryEntry</c>), unless the values pass through
/// an escaping function.
/// </summary>
public sealed class LdapInjectionRule : CSharpRule
{
    public static readonly RuleDescriptor Rule = new(
        "cs/ldap-injection",
        "LDAP filter or path built from non-constant values",
        Category.Security,
        Severity.Error,
        "Characters such as `*`, `(`, `)` and `|` in a spliced value change the meaning of an LDAP filter: an attacker can match every account, bypass a login check or read attributes they should not see.",
        "Escape each value for its place (RFC 4515 filter escaping, e.g. `Encoder.LdapFilterEncode`, or distinguished-name escaping for paths) before building the filter, or validate it against a strict pattern.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SinkSyntax.Mentions(context.Tree, "Directory", "SearchRequest", "Filter"))
        {
            return;
        }
        foreach (var node in ChangedNodeList.Of(context))
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, creation);
                    break;
                case AssignmentExpressionSyntax { Right: not LiteralExpressionSyntax } assignment when AssignedProperty(assignment) is "Filter" or "Path":
                    AnalyzeAssignment(context, assignment);
                    break;
            }
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation)
    {
        var type = SinkSyntax.CreatedTypeName(creation);
        var arguments = creation.ArgumentList;
        switch (type)
        {
            case "DirectorySearcher" when arguments is not null && arguments.Arguments.Count > 0:
                var first = arguments.Arguments[0].Expression;
                var filter = IsDirectoryEntry(first, context.Model) ? SinkSyntax.Argument(arguments, 1, "filter") : first;
                if (filter is not null)
                {
                    CheckFilter(context, creation, filter, "`new DirectorySearcher`");
                }

                break;
            case "SearchRequest" when arguments is not null:
                if (SinkSyntax.Argument(arguments, 1, "ldapFilter", "filter") is { } requestFilter && !CheckFilter(context, creation, requestFilter, "`new SearchRequest`")
                    && SinkSyntax.Argument(arguments, 0, "distinguishedName") is { } name)
                {
                    CheckPath(context, creation, name, "`new SearchRequest`");
                }

                break;
            case "DirectoryEntry" when SinkSyntax.Argument(arguments, 0, "path") is { } path:
                CheckPath(context, creation, path, "`new DirectoryEntry`");
                break;
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        if (AssignedProperty(assignment) == "Path" && !UserInput.MayReach(assignment))
        {
            // Only request data makes a directory path dangerous; most Path properties are not LDAP ones.
            return;
        }

        var owner = SinkSyntax.AssignedOwner(assignment, context.Model);
        if (AssignedProperty(assignment) == "Filter")
        {
            if (owner is "DirectorySearcher" or "SearchRequest" || (owner is null && LooksLikeFilter(SinkSyntax.LiteralText(assignment.Right))))
            {
                CheckFilter(context, assignment, assignment.Right, $"`{owner ?? "DirectorySearcher"}.Filter`");
            }
        }
        else if (owner == "DirectoryEntry")
        {
            CheckPath(context, assignment, assignment.Right, "`DirectoryEntry.Path`");
        }
    }

    private bool CheckFilter(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax filter, string sinkName)
    {
        var origin = StringOrigins.Of(filter, context.Model, IsEscaper);
        if (origin.IsUserInput)
        {
            context.Report(this, sink, $"The LDAP filter for {sinkName} includes user input from {origin.UserInput} without escaping; `*`, `(` or `)` in it rewrite the filter. Escape it for LDAP filters first.");
            return true;
        }

        if (origin.IsBuilt)
        {
            context.Report(this, sink, $"The LDAP filter for {sinkName} is built from `{origin.Part}` without escaping; `*`, `(` or `)` in it rewrite the filter. Escape it for LDAP filters first.");
            return true;
        }

        return false;
    }

    private void CheckPath(CSharpRuleContext context, SyntaxNode sink, ExpressionSyntax path, string sinkName)
    {
        if (!UserInput.MayReach(sink))
        {
            return;
        }

        var origin = StringOrigins.Of(path, context.Model, IsEscaper);
        if (origin.IsUserInput)
        {
            context.Report(this, sink, $"The directory path for {sinkName} includes user input from {origin.UserInput} without escaping; `,` `=` or `+` in it address a different entry. Escape it as a distinguished-name value first.");
        }
    }

    private static string? AssignedProperty(AssignmentExpressionSyntax assignment) => assignment.Left switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier when assignment.Parent is InitializerExpressionSyntax => identifier.Identifier.ValueText,
        _ => null,
    };

    private static bool IsDirectoryEntry(ExpressionSyntax expression, SemanticModel model) =>
        expression is BaseObjectCreationExpressionSyntax creation && SinkSyntax.CreatedTypeName(creation) == "DirectoryEntry"
        || TypeNames.Of(expression, model) == "DirectoryEntry"
        || (expression is IdentifierNameSyntax { Identifier.ValueText: var name } && (name.Contains("entry", StringComparison.OrdinalIgnoreCase) || name.Contains("root", StringComparison.OrdinalIgnoreCase)));

    private static bool IsEscaper(InvocationExpressionSyntax invocation) =>
        TypeNames.InvokedName(invocation) is { } name
        && (name.Contains("Escape", StringComparison.OrdinalIgnoreCase) || name.Contains("Encode", StringComparison.OrdinalIgnoreCase) || name.Contains("Sanitize", StringComparison.OrdinalIgnoreCase));

    /// <summary>Text such as <c>(cn=</c>, <c>(&amp;(objectClass=</c> or <c>(mail~=</c>: the start of an LDAP filter term.</summary>
    private static bool LooksLikeFilter(string text)
    {
        for (var open = text.IndexOf('(', StringComparison.Ordinal); open >= 0; open = text.IndexOf('(', open + 1))
        {
            var index = open + 1;
            while (index < text.Length && (text[index] is '&' or '|' or '!' or '(' || char.IsWhiteSpace(text[index])))
            {
                index++;
            }

            var start = index;
            while (index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] is '-' or '_'))
            {
                index++;
            }

            if (index > start && char.IsLetter(text[start]) && index < text.Length
                && (text[index] == '=' || (text[index] is '~' or '<' or '>' && index + 1 < text.Length && text[index + 1] == '=')))
            {
                return true;
            }
        }

        return false;
    }
}
