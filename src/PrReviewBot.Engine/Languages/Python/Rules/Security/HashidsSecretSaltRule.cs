using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// <c>Hashids(salt=settings.SECRET_KEY)</c> or <c>Hashids(salt=app.config["SECRET_KEY"])</c>: the
/// application's signing secret used as the salt of an encoding whose salt can be recovered from its output.
/// </summary>
public sealed class HashidsSecretSaltRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/hashids-secret-salt",
        "Secret key used as a Hashids salt",
        Category.Security,
        Severity.Error,
        "Hashids is an encoding, not encryption: the salt can be worked out from a handful of published ids, and with it the framework's SECRET_KEY, which signs sessions, password-reset links and CSRF tokens.",
        "Give Hashids its own salt (a separate setting such as `HASHIDS_SALT`), never the secret key; if ids must not be guessable, use random identifiers (`secrets.token_urlsafe()`, UUID4).");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in module.Calls)
        {
            var resolved = module.Values.Resolve(call);
            if (resolved is not ("hashids.Hashids" or "Hashids") || module.Values.Of(call) is not { } parsed || parsed.Argument(0, "salt") is not { } salt)
            {
                continue;
            }

            var value = salt is PyName name && module.Values.SingleValue(name.Id, call.Scope, call.Line) is { } bound ? bound : salt;
            if (SecretKey(value) is { } secret)
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}` is salted with `{secret}`, which anyone can recover from a few encoded ids; give Hashids a salt of its own.");
            }
        }
    }

    /// <summary>How the expression names the secret key (<c>settings.SECRET_KEY</c>, <c>app.config['SECRET_KEY']</c>, <c>app.secret_key</c>), or null.</summary>
    private static string? SecretKey(PyExpr value) => value switch
    {
        PyMember { Name: "SECRET_KEY" or "secret_key", DottedName: var dotted } member => dotted ?? member.Name,
        PyName { Id: "SECRET_KEY" } name => name.Id,
        PySubscript { Index: PyString { Value: "SECRET_KEY" }, Target.DottedName: { } owner } => $"{owner}['SECRET_KEY']",
        _ => null,
    };
}
