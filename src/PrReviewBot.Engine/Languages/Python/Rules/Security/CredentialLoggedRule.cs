using PrReviewBot.Engine.Detection.Secrets;
using PrReviewBot.Engine.Detection.Words;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// A password, secret or API key written to a log: <c>logger.info("key %s", api_key)</c>,
/// <c>log.debug(f"password={password}")</c>. The names are judged by the one credential vocabulary
/// (<see cref="SecretNames"/>), so <c>password_length</c> or <c>token_url</c> are not credentials.
/// </summary>
public sealed class CredentialLoggedRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/credential-logged",
        "Credential written to a log",
        Category.Security,
        Severity.Warning,
        "Logs are kept for long, shipped to other systems and read by people who must not hold the credential; a secret written there has leaked.",
        "Log that the credential was used or which one (an id, the last characters), never its value.");

    private static readonly HashSet<string> LogMethods = new(StringComparer.Ordinal) { "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log" };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (!LogMethods.Contains(call.Name) || !IsLogger(module, call) || module.Values.Of(call) is not { } parsed)
            {
                continue;
            }

            var logged = parsed.Arguments.Where(argument => argument.Keyword is null).SelectMany(argument => PythonValues.Pieces(argument.Value))
                .Select(CredentialName).FirstOrDefault(name => name is not null);
            if (logged is not null)
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` writes `{logged}` to the log, where everyone who reads the logs gets the credential; log that it was used, never its value.");
            }
        }
    }

    /// <summary><c>logging.info</c>, <c>logger.debug</c>, <c>self.log.error</c>, <c>_LOGGER.warning</c>.</summary>
    private static bool IsLogger(PythonModule module, PythonCall call)
    {
        if (PythonSecurityHelpers.Resolved(module, call).StartsWith("logging.", StringComparison.Ordinal))
        {
            return true;
        }

        var dot = call.Callee.LastIndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var receiver = call.Callee[..dot];
        var last = receiver[(receiver.LastIndexOf('.') + 1)..].TrimStart('_').ToLowerInvariant();
        return last is "log" or "logger" || last.EndsWith("_logger", StringComparison.Ordinal) || last.EndsWith("_log", StringComparison.Ordinal);
    }

    /// <summary>The name of a logged value that holds a credential, or null: <c>password</c>, <c>self.api_key</c>; not <c>has_password</c> or a lexer's <c>token</c>.</summary>
    private static string? CredentialName(PyExpr piece)
    {
        var name = piece switch
        {
            PyName plain => plain.Id,
            PyMember member => member.Name,
            _ => null,
        };
        if (name is null || SecretNames.Classify(name) is not (SecretNameKind.Password or SecretNameKind.Secret))
        {
            return null;
        }

        var words = IdentifierWords.Lower(name);
        return words is ["token" or "tokens" or "auth" or "credential" or "credentials" or "secrets"] || words[0] is "is" or "has" or "use" or "should" or "need" or "needs" or "no"
            ? null
            : piece.DottedName ?? name;
    }
}
