using System.Text.RegularExpressions;
using PrReviewBot.Engine.Findings;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>The <c>random</c> module's predictable generator used for a token, password, key or similar secret.</summary>
public sealed partial class InsecureRandomRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/insecure-random",
        "Predictable random value used as a secret",
        Category.Security,
        Severity.Warning,
        "The `random` module is a Mersenne Twister: after a few hundred outputs its state can be recovered and every past and future value predicted.",
        "Use the `secrets` module (`secrets.token_urlsafe()`, `secrets.choice`, `secrets.randbelow`) or `random.SystemRandom()`.");

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "random", "randint", "choice", "choices", "randrange", "getrandbits", "sample", "uniform", "randbytes", "shuffle",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var randomCalls = module.Calls.Where(call => IsRandomCall(module, call)).ToList();
        if (randomCalls.Count == 0)
        {
            return;
        }

        var reported = new HashSet<int>();
        foreach (var call in randomCalls)
        {
            var assignment = module.Assignments.LastOrDefault(candidate => candidate.ValueFirstToken <= call.FirstToken && call.FirstToken <= candidate.ValueLastToken
                && ReferenceEquals(candidate.Scope, call.Scope));
            string? secretName = null;
            if (assignment is not null)
            {
                secretName = assignment.Targets.Select(target => target.Text).FirstOrDefault(name => SecretName().IsMatch(LastSegment(name)));
            }
            else if (call.Scope is { Kind: PythonDefinitionKind.Function } function && SecretName().IsMatch(function.Name)
                && Returns(module, call))
            {
                secretName = function.Name + "()";
            }
            else
            {
                var keyword = KeywordOf(module, call);
                if (keyword is not null && SecretName().IsMatch(keyword))
                {
                    secretName = keyword;
                }
            }

            if (secretName is not null && !NotSecret().IsMatch(secretName) && reported.Add(call.Line))
            {
                context.Report(this, call.Line, call.Line, $"`{secretName}` comes from `{call.Callee}`, which is predictable; use the `secrets` module.");
            }
        }
    }

    private static bool IsRandomCall(PythonModule module, PythonCall call)
    {
        var resolved = PythonSecurityHelpers.Resolved(module, call);
        if (!resolved.StartsWith("random.", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = resolved["random.".Length..];
        return Functions.Contains(rest) || (rest.StartsWith("Random().", StringComparison.Ordinal) && Functions.Contains(rest["Random().".Length..]));
    }

    /// <summary>The call is (part of) the value of a <c>return</c>.</summary>
    private static bool Returns(PythonModule module, PythonCall call) =>
        module.Statements.Any(statement => statement.Keyword == "return" && statement.FirstToken <= call.FirstToken && call.FirstToken <= statement.LastToken);

    /// <summary>The keyword when the call is the value of a keyword argument: <c>User(token=random.random())</c>.</summary>
    private static string? KeywordOf(PythonModule module, PythonCall call) =>
        module.Calls.SelectMany(outer => outer.Arguments)
            .FirstOrDefault(argument => argument.Keyword is not (null or "*" or "**") && argument.FirstToken == call.FirstToken)?.Keyword;

    private static string LastSegment(string target)
    {
        var trimmed = target.Trim();
        var bracket = trimmed.LastIndexOf('[');
        if (bracket >= 0)
        {
            var inner = trimmed[(bracket + 1)..].TrimEnd(']').Trim('"', '\'');
            return inner;
        }

        return trimmed[(trimmed.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"(?i)(?:^|_)(token|password|passwd|pwd|secret|key|salt|nonce|otp|pin|session|code|reset|csrf|apikey)s?(?:$|_)|(?i)^(?:token|password|secret|nonce|salt|otp)")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)(?:status|exit|error|return|http|zip|country|language|lang|currency|color|sort|cache|dict|map|partition|shard|sample)_?(?:code|key)s?\b")]
    private static partial Regex NotSecret();
}
