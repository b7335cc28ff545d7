using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// Cookies without their protection flags. Always: <c>Secure = false</c>, <c>HttpOnly = false</c>
/// (also in Nancy's constructor), <c>CookieSecurePolicy.None</c> and <c>HttpOnlyPolicy.None</c>.
/// And a cookie created (<c>new HttpCookie</c>, <c>new CookieOptions</c>, <c>new NancyCookie</c>)
/// that sets neither flag in its initializer or in the statements after it, or a cookie named
/// like a session or token appended without options. A cookie that sets one flag shows the
/// author chose; the other may be left off on purpose (an anti-forgery cookie scripts must read).
/// </summary>
public sealed class InsecureCookieRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/insecure-cookie",
        "Cookie without Secure or HttpOnly",
        Category.Security,
        Severity.Warning,
        "A cookie without Secure also travels over plain HTTP, where anyone on the network reads it; without HttpOnly every script on the page (including one injected through XSS) can read it. Session and sign-in cookies stolen either way let the thief act as the user.",
        "Set `Secure = true` and `HttpOnly = true` on the cookie (or `CookieSecurePolicy.Always` / `HttpOnlyPolicy.Always` in the cookie policy); leave HttpOnly off only for a cookie page scripts must read, and say so in a comment.");

    private const string HttpOnly = "HttpOnly";
    private const string Secure = "Secure";

    /// <summary>Server-side cookie types whose flags this rule judges when they are created.</summary>
    private static readonly HashSet<string> CreatedCookies = new(StringComparer.Ordinal) { "HttpCookie", "CookieOptions", "NancyCookie" };

    /// <summary>Types whose flags count when set to false; <c>CookieBuilder</c> is the cookie of auth, session and anti-forgery options.</summary>
    private static readonly HashSet<string> CookieTypes = new(StringComparer.Ordinal) { "HttpCookie", "CookieOptions", "NancyCookie", "CookieBuilder", "RequestPathBaseCookieBuilder" };

    private static readonly HashSet<string> SensitiveWords = new(StringComparer.Ordinal) { "session", "sid", "auth", "token", "jwt", "login", "remember", "identity", "refresh", "sso" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "Cookie", HttpOnly))
        {
            return;
        }

        // A cookie policy that forces both flags covers every cookie the app writes.
        var policyForcesFlags = SecurityPatterns.Mentions(context, "HttpOnlyPolicy.Always") && SecurityPatterns.Mentions(context, "CookieSecurePolicy.Always");
        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, HttpOnly, Secure, "Cookie"))
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment:
                    AnalyzeAssignment(context, assignment);
                    break;
                case BaseObjectCreationExpressionSyntax creation:
                    AnalyzeCreation(context, creation, policyForcesFlags);
                    break;
                case PropertyDeclarationSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation }:
                    AnalyzeCreation(context, creation, policyForcesFlags);
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "None", Expression: var policy } member
                    when SecurityPatterns.TypeLikeName(policy) is "CookieSecurePolicy" or "HttpOnlyPolicy" && !SecurityPatterns.IsOnlyCompared(member):
                    var effect = SecurityPatterns.TypeLikeName(policy) == "HttpOnlyPolicy"
                        ? "leaves cookies readable by page scripts"
                        : "never marks cookies Secure, so they also travel over plain HTTP";
                    context.Report(this, member, $"`{SecurityPatterns.Code(member)}` {effect}; use `.Always`");
                    break;
                case InvocationExpressionSyntax invocation when !policyForcesFlags:
                    AnalyzeAppend(context, invocation);
                    break;
            }
        }
    }

    private void AnalyzeAssignment(CSharpRuleContext context, AssignmentExpressionSyntax assignment)
    {
        if (assignment.Left is TupleExpressionSyntax targets && SecurityPatterns.Unparenthesized(assignment.Right) is TupleExpressionSyntax values
            && targets.Arguments.Count == values.Arguments.Count)
        {
            for (var index = 0; index < targets.Arguments.Count; index++)
            {
                if (Flag(targets.Arguments[index].Expression) is { } flag && IsCookieFlag(context, assignment, targets.Arguments[index].Expression, flag)
                    && BooleanValues.IsFalse(values.Arguments[index].Expression, context.Model))
                {
                    context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` turns {flag} off: {Effect(flag)}");
                    return;
                }
            }

            return;
        }

        if (Flag(assignment.Left) is { } name && BooleanValues.IsFalse(assignment.Right, context.Model) && IsCookieFlag(context, assignment, assignment.Left, name)
            && !(assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } && SetLater(creation, context.Model).Contains(name)))
        {
            context.Report(this, assignment, $"`{SecurityPatterns.Code(assignment)}` turns {name} off: {Effect(name)}");
        }
    }

    private void AnalyzeCreation(CSharpRuleContext context, BaseObjectCreationExpressionSyntax creation, bool policyForcesFlags)
    {
        var type = SecurityPatterns.CreatedTypeName(creation, context.Model);
        if (type is null || !CreatedCookies.Contains(type))
        {
            return;
        }

        var setFlags = 0;
        if (type == "NancyCookie")
        {
            foreach (var (flag, index) in new[] { (HttpOnly, 2), (Secure, 3) })
            {
                if (SinkSyntax.Argument(creation.ArgumentList, index, flag == HttpOnly ? "httpOnly" : "secure") is { } argument && IsBoolean(argument, context.Model))
                {
                    setFlags++;
                    if (BooleanValues.IsFalse(argument, context.Model))
                    {
                        context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` creates the cookie with {flag} off: {Effect(flag)}");
                        return;
                    }
                }
            }
        }

        setFlags += creation.Initializer?.Expressions.Count(expression => expression is AssignmentExpressionSyntax { Left: var left } && Flag(left) is not null) ?? 0;
        if (setFlags > 0 || policyForcesFlags || SetLater(creation, context.Model).Count > 0 || IsDeleted(creation) || Expires(creation))
        {
            return;
        }

        context.Report(this, creation, $"`{SecurityPatterns.Code(creation)}` sets neither Secure nor HttpOnly, so the cookie also travels over plain HTTP and page scripts can read it; set `Secure = true` and `HttpOnly = true`");
    }

    /// <summary><c>Response.Cookies.Append("session", value)</c>: a session or token cookie written with the defaults, which set neither flag.</summary>
    private void AnalyzeAppend(CSharpRuleContext context, InvocationExpressionSyntax invocation)
    {
        if (TypeNames.InvokedName(invocation) != "Append" || invocation.ArgumentList.Arguments.Count != 2
            || SecurityPatterns.SimpleName(TypeNames.Receiver(invocation)) != "Cookies")
        {
            return;
        }

        var key = invocation.ArgumentList.Arguments[0].Expression;
        var name = SecurityPatterns.StringValue(key, context.Model) ?? SecurityPatterns.SimpleName(key);
        if (name is not null && IdentifierWords.Lower(name).Any(SensitiveWords.Contains))
        {
            context.Report(this, invocation, $"`{SecurityPatterns.Code(invocation)}` writes a session or token cookie with the default options, which set neither Secure nor HttpOnly; pass `new CookieOptions {{ Secure = true, HttpOnly = true }}`");
        }
    }

    private static string? Flag(ExpressionSyntax target) => SecurityPatterns.SimpleName(target) is HttpOnly or Secure ? SecurityPatterns.SimpleName(target) : null;

    private static string Effect(string flag) => flag == HttpOnly
        ? "every script on the page, including one injected through XSS, can read this cookie; set it to true unless scripts must read it"
        : "the cookie also travels over plain HTTP, where anyone on the network can read it; set it to true";

    /// <summary>True when the flag set belongs to a cookie: a cookie's initializer, a receiver typed or named as a cookie.</summary>
    private static bool IsCookieFlag(CSharpRuleContext context, AssignmentExpressionSyntax assignment, ExpressionSyntax target, string flag)
    {
        if (target is IdentifierNameSyntax && assignment.Parent is InitializerExpressionSyntax initializer)
        {
            return initializer.Parent switch
            {
                BaseObjectCreationExpressionSyntax creation => SecurityPatterns.CreatedTypeName(creation, context.Model) is { } type && CookieTypes.Contains(type),
                AssignmentExpressionSyntax { Left: var owner } => SecurityPatterns.SimpleName(owner)?.Contains("Cookie", StringComparison.OrdinalIgnoreCase) == true,
                _ => false,
            };
        }

        var receiver = target switch
        {
            MemberAccessExpressionSyntax member => member.Expression,
            MemberBindingExpressionSyntax => target.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()?.Expression,
            _ => null,
        };
        if (receiver is null)
        {
            return false;
        }

        if (SecurityPatterns.SimpleName(receiver)?.Contains("Cookie", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        var receiverType = TypeNames.Of(receiver, context.Model);
        return receiverType is null ? flag == HttpOnly : CookieTypes.Contains(receiverType);
    }

    private static bool IsBoolean(ExpressionSyntax argument, SemanticModel model) =>
        BooleanValues.Of(argument, model) is not null || model.GetTypeInfo(argument).Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>
    /// The flags that statements after the creation, in the same block, set to anything but false
    /// on the variable or member it was stored in. A write inside a branch is not counted: the
    /// cookie keeps its defaults on the other path.
    /// </summary>
    private static HashSet<string> SetLater(BaseObjectCreationExpressionSyntax creation, SemanticModel model)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var parent = SecurityPatterns.ValueParent(creation, out var child);
        var name = parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax assignment when assignment.Right == child => SecurityPatterns.SimpleName(assignment.Left),
            _ => null,
        };
        var statement = creation.FirstAncestorOrSelf<StatementSyntax>();
        if (name is null || statement is null)
        {
            return flags;
        }

        IEnumerable<StatementSyntax> following = statement.Parent switch
        {
            BlockSyntax block => block.Statements.SkipWhile(candidate => candidate != statement).Skip(1),
            GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit => unit.Members.SkipWhile(member => member != global).Skip(1).OfType<GlobalStatementSyntax>().Select(member => member.Statement),
            _ => [],
        };
        foreach (var assignment in following.OfType<ExpressionStatementSyntax>().Select(candidate => candidate.Expression).OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is TupleExpressionSyntax targets && SecurityPatterns.Unparenthesized(assignment.Right) is TupleExpressionSyntax values && targets.Arguments.Count == values.Arguments.Count)
            {
                for (var index = 0; index < targets.Arguments.Count; index++)
                {
                    AddIfSet(flags, targets.Arguments[index].Expression, values.Arguments[index].Expression, name, model);
                }
            }
            else
            {
                AddIfSet(flags, assignment.Left, assignment.Right, name, model);
            }
        }

        return flags;
    }

    private static void AddIfSet(HashSet<string> flags, ExpressionSyntax target, ExpressionSyntax value, string name, SemanticModel model)
    {
        if (target is MemberAccessExpressionSyntax member && Flag(member) is { } flag && SecurityPatterns.SimpleName(member.Expression) == name && !BooleanValues.IsFalse(value, model))
        {
            flags.Add(flag);
        }
    }

    /// <summary>
    /// <c>new HttpCookie("name") { Expires = DateTime.Now.AddDays(-1) }</c>: the classic way to delete
    /// a cookie; an expired cookie carries nothing worth protecting.
    /// </summary>
    private static bool Expires(BaseObjectCreationExpressionSyntax creation)
    {
        var statement = creation.FirstAncestorOrSelf<StatementSyntax>() as SyntaxNode ?? creation;
        var block = statement.Parent is BlockSyntax ? statement.Parent : statement;
        return block.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment =>
            SecurityPatterns.SimpleName(assignment.Left) is "Expires" or "MaxAge"
            && assignment.Right.ToString() is var value
            && (value.Contains("(-", StringComparison.Ordinal) || value.Contains("MinValue", StringComparison.Ordinal) || value.Contains("UnixEpoch", StringComparison.Ordinal) || value.Contains("TimeSpan.Zero", StringComparison.Ordinal)));
    }

    /// <summary>Options passed to <c>Cookies.Delete</c> only expire a cookie; its flags no longer matter.</summary>
    private static bool IsDeleted(BaseObjectCreationExpressionSyntax creation) =>
        SecurityPatterns.ValueParent(creation, out _) is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } && TypeNames.InvokedName(invocation) == "Delete";
}
