using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// The framework's secret key used as a Hashids salt: <c>Hashids(salt=settings.SECRET_KEY)</c>,
/// <c>Hashids(app.config["SECRET_KEY"])</c>. Hashids is an encoding, not encryption: the salt can be
/// recovered from a handful of encoded ids, and with it the key that signs sessions, cookies and tokens.
/// </summary>
public sealed class SecretKeyAsHashidsSaltRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/secret-key-as-hashids-salt",
        "Secret key used as a Hashids salt",
        Category.Security,
        Severity.Error,
        "Hashids only obfuscates ids, and its salt can be worked out from a few encoded ids; when the salt is the app's secret key, that recovers the key that signs sessions and tokens, so anyone can forge them.",
        "Give Hashids its own salt from configuration (`Hashids(salt=settings.HASHIDS_SALT)`), never the secret key or a value readable from it.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            if (call.Name != "Hashids" || PythonSecurityHelpers.Resolved(module, call) is not ("hashids.Hashids" or "Hashids")
                || module.Values.Of(call)?.Argument(0, "salt") is not { } salt || SecretKeyName(module, salt, call.Scope) is not { } key)
            {
                continue;
            }

            context.Report(this, call.Line, call.Line, $"`{call.Callee}` is salted with `{key}`; Hashids' salt can be recovered from encoded ids, which would give away the secret key. Use a separate salt.");
        }
    }

    /// <summary>The secret key the salt reads, followed through one local name: <c>settings.SECRET_KEY</c>, <c>app.config["SECRET_KEY"]</c>, <c>app.secret_key</c>.</summary>
    private static string? SecretKeyName(PythonModule module, PyExpr salt, PythonDefinition? scope, int depth = 0) => salt switch
    {
        PyMember { Name: "SECRET_KEY" or "secret_key", Target.DottedName: { } owner } => owner + "." + ((PyMember)salt).Name,
        PySubscript { Index: PyString { Value: "SECRET_KEY" }, Target: PyMember { Name: "config", Target.DottedName: { } app } } => app + ".config[\"SECRET_KEY\"]",
        PyCall { Function: PyMember { Name: "get", Target: PyMember { Name: "config", Target.DottedName: { } app } } } get
            when get.Positional.FirstOrDefault() is PyString { Value: "SECRET_KEY" } => app + ".config.get(\"SECRET_KEY\")",
        PyName { Id: "SECRET_KEY" } => "SECRET_KEY",
        PyName name when depth == 0 && module.Values.SingleValue(name.Id, scope, name.Line) is { } value => SecretKeyName(module, value, scope, depth + 1),
        _ => null,
    };
}
