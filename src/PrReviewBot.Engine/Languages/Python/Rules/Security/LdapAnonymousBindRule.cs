using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>
/// An LDAP bind without a password: python-ldap's <c>simple_bind_s(dn)</c> / <c>bind_s(dn, "")</c>
/// and ldap3's <c>Connection(server, user=dn)</c>. A directory server treats a bind with a name
/// and an empty password as an unauthenticated bind and lets it succeed.
/// </summary>
public sealed class LdapAnonymousBindRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/ldap-anonymous-bind",
        "LDAP bind without a password",
        Category.Security,
        Severity.Error,
        "An LDAP bind with an empty password is an anonymous (unauthenticated) bind: servers accept it for any name, so it proves nothing about the user and exposes whatever anonymous users may read.",
        "Bind with the account's password (read from the environment or a secret store), and reject empty passwords before binding a user's name.");

    private static readonly HashSet<string> PythonLdapBinds = new(StringComparer.Ordinal)
    {
        "simple_bind", "simple_bind_s", "bind", "bind_s",
    };

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var module = context.Module;
        foreach (var call in context.ChangedCalls)
        {
            // Only binds are parsed: parsing every call of the module costs more than the rest of the rule.
            var resolved = module.Values.Resolve(call);
            var dot = resolved.LastIndexOf('.');
            var pythonLdapBind = PythonLdapBinds.Contains(call.Name) && dot > 0 && IsPythonLdapObject(resolved[..dot]);
            if ((!pythonLdapBind && resolved is not ("ldap3.Connection" or "ldap3.core.connection.Connection"))
                || module.Values.Of(call) is not { } parsed || parsed.Arguments.Any(argument => argument.Keyword is "*" or "**"))
            {
                continue;
            }

            if (pythonLdapBind)
            {
                var credentials = parsed.Argument(1, "cred");
                if (credentials is null || IsEmpty(module, credentials, call.Scope))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` binds without a password, which the server accepts as an anonymous bind; pass the account's password.");
                }
            }
            else if (resolved is "ldap3.Connection" or "ldap3.core.connection.Connection")
            {
                var user = parsed.Argument(1, "user");
                var password = parsed.Argument(2, "password");
                var authentication = parsed.Keyword("authentication")?.DottedName;
                if (authentication is not null && !authentication.EndsWith("ANONYMOUS", StringComparison.Ordinal))
                {
                    continue;
                }

                if (user is not null && !IsEmpty(module, user, call.Scope) && (password is null || IsEmpty(module, password, call.Scope)))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` binds as a user without a password, which the server accepts as an anonymous bind; pass `password=`.");
                }
                else if ((user is null || IsEmpty(module, user, call.Scope)) && (password is null || IsEmpty(module, password, call.Scope)))
                {
                    context.Report(this, call.Line, call.Line, $"`{call.Callee}` binds anonymously; bind with a service account and its password unless this directory is meant to be public.", Severity.Warning);
                }
            }
        }
    }

    /// <summary>A connection from <c>ldap.initialize(...)</c> (or the older <c>ldap.open</c>, <c>LDAPObject</c>).</summary>
    private static bool IsPythonLdapObject(string receiver) =>
        receiver is "ldap.initialize()" or "ldap.open()" or "ldap.ldapobject.LDAPObject()" or "ldap.ldapobject.SimpleLDAPObject()" or "ldap.ldapobject.ReconnectLDAPObject()";

    private static bool IsEmpty(PythonModule module, PyExpr expression, PythonDefinition? scope) =>
        expression is PyConstant { Text: "None" } || (module.Values.ConstantString(expression, scope) is { Length: 0 } && !HasOtherValues(module, expression, scope));

    /// <summary>A name set to "" on one branch and to something else on another is not known to be empty.</summary>
    private static bool HasOtherValues(PythonModule module, PyExpr expression, PythonDefinition? scope) =>
        expression is PyName name && module.Values.AssignmentsVisible(name.Id, scope, name.Line).Count > 1;
}
