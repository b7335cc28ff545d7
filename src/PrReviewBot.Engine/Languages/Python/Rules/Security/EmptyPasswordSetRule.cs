using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// An empty string that reaches <c>set_password</c>: written there, assigned to the name it is given, the default of
/// a parameter (<c>def create_user(email, password="")</c>) or of a lookup (<c>request.data.get("password", "")</c>).
/// Django and most user models hash <c>""</c> like any password, so the account then opens with an empty password.
/// </summary>
public sealed class EmptyPasswordSetRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/empty-password-set",
        "Empty string set as a password",
        Category.Security,
        Severity.Error,
        "`set_password(\"\")` stores a usable hash of the empty string: anyone who knows the user name can then log in with an empty password.",
        "Use `None` where no password is given (`set_password(None)` and `set_unusable_password()` make the password unusable), and reject empty input before it is set.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        var reported = new HashSet<int>();
        foreach (var call in module.Calls)
        {
            if (call.Name != "set_password" || !call.Callee.Contains('.', StringComparison.Ordinal) || call.Arguments is not [{ Keyword: null or "raw_password" } argument])
            {
                continue;
            }

            if (EmptyOrigin(module, module.Values.Of(argument), call) is { } origin && reported.Add(origin.Line))
            {
                context.Report(this, origin.Line, origin.Line, $"{origin.What} reaches `{call.Callee}`, which makes the empty string a valid password; use `None` (an unusable password) and reject empty input.");
            }
        }
    }

    /// <summary>Where the empty string comes from, and how to say it.</summary>
    private static (int Line, string What)? EmptyOrigin(PythonModule module, PyExpr? value, PythonCall call)
    {
        if (IsEmpty(value))
        {
            return (call.Line, "An empty string");
        }

        if (value is not PyName { Id: var name })
        {
            return null;
        }

        var scope = call.Scope;
        if (!module.Values.AssignsIn(name, scope) && scope?.Parameters.FirstOrDefault(parameter => parameter.Name == name) is { } parameter)
        {
            return parameter.Default?.Trim() is "\"\"" or "''" ? (parameter.Line, $"The default `{name}=\"\"`") : null;
        }

        var last = module.Values.AssignmentsVisible(name, scope, call.Line).LastOrDefault(assignment => assignment.Line <= call.Line && ReferenceEquals(assignment.Scope, scope));
        if (last is null || last.IsAugmented || last.Targets.Count != 1)
        {
            return null;
        }

        return module.Values.Of(last) switch
        {
            var assigned when IsEmpty(assigned) => (last.Line, $"`{name} = \"\"`"),
            PyCall { Function: PyMember { Name: "get" } } lookup when lookup.Arguments is [{ Keyword: null }, { Keyword: null or "default", Value: var fallback }] && IsEmpty(fallback) =>
                (last.Line, $"The empty default of `{name}`"),
            _ => null,
        };
    }

    private static bool IsEmpty(PyExpr? value) => value is PyString { Value.Length: 0, IsBytes: false };
}
