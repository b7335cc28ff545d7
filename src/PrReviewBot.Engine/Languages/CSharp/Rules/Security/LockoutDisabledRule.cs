using Microsoft.CodeAnalysis.CSharp.Syntax;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Analysis;

namespace PrReviewBot.Engine.Languages.CSharp.Rules.Security;

/// <summary>
/// ASP.NET Core Identity sign-ins that never count failures toward a lockout:
/// <c>PasswordSignInAsync(…, lockoutOnFailure: false)</c>, <c>CheckPasswordSignInAsync(user, password, false)</c>,
/// and <c>Lockout.AllowedForNewUsers = false</c>.
/// </summary>
public sealed class LockoutDisabledRule : CSharpRule
{
    private static readonly RuleDescriptor Rule = new(
        "cs/lockout-disabled",
        "Password sign-in without account lockout",
        Category.Security,
        Severity.Warning,
        "When failed password attempts never lock the account, an attacker can guess passwords for one user as fast as the server answers (brute force, credential stuffing).",
        "Pass `lockoutOnFailure: true` and keep `options.Lockout` on (`AllowedForNewUsers = true`, a `MaxFailedAccessAttempts` and a `DefaultLockoutTimeSpan`).");

    /// <summary>Sign-in methods and the position of their <c>lockoutOnFailure</c> parameter.</summary>
    private static readonly Dictionary<string, int> SignIns = new(StringComparer.Ordinal)
    {
        ["PasswordSignInAsync"] = 3,
        ["CheckPasswordSignInAsync"] = 2,
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(CSharpRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SecurityPatterns.Mentions(context, "PasswordSignInAsync", "CheckPasswordSignInAsync", "AllowedForNewUsers"))
        {
            return;
        }

        foreach (var node in SecurityPatterns.CandidateNodes(context, StringComparison.Ordinal, "PasswordSignInAsync", "CheckPasswordSignInAsync", "AllowedForNewUsers"))
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when TypeNames.InvokedName(invocation) is { } name && SignIns.TryGetValue(name, out var position)
                    && TypeNames.Receiver(invocation) is not null
                    && SinkSyntax.Argument(invocation.ArgumentList, position, "lockoutOnFailure") is { } lockout && SecurityPatterns.IsFalse(lockout):
                    context.Report(this, invocation, $"`{name}` is called with `lockoutOnFailure: false`, so failed passwords never lock the account and can be guessed without limit; pass `true`.");
                    break;
                case AssignmentExpressionSyntax assignment when SecurityPatterns.SimpleName(assignment.Left) == "AllowedForNewUsers" && SecurityPatterns.IsFalse(assignment.Right):
                    context.Report(this, assignment, "`AllowedForNewUsers = false` turns account lockout off for new users, so their passwords can be guessed without limit.");
                    break;
            }
        }
    }
}
