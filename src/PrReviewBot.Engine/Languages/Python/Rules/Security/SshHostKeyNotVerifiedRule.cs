using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Values;

namespace PrReviewBot.Engine.Languages.Python.Rules.Security;

/// <summary>paramiko told to accept unknown SSH host keys: <c>AutoAddPolicy</c> or <c>WarningPolicy</c>.</summary>
public sealed class SshHostKeyNotVerifiedRule : PythonRule
{
    private static readonly RuleDescriptor Rule = new(
        "py/ssh-host-key-not-verified",
        "SSH host key not verified",
        Category.Security,
        Severity.Warning,
        "Accepting whatever host key a server presents means a man in the middle can pose as the server, read the session and capture the credentials sent to it.",
        "Load the known hosts (`client.load_system_host_keys()` or `load_host_keys(path)`) and keep paramiko's default `RejectPolicy`.");

    public override RuleDescriptor Descriptor => Rule;

    public override void Analyze(PythonRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var call in context.Module.Calls)
        {
            if (call.Name != "set_missing_host_key_policy" || call.Arguments.Count == 0)
            {
                continue;
            }

            // The policy class or an instance of it: `AutoAddPolicy` or `paramiko.AutoAddPolicy()`.
            var policy = context.Module.Values.Of(call.Arguments[0]);
            var name = (policy is PyCall { Arguments.Count: 0 } instance ? instance.Function : policy) switch
            {
                PyName named => named.Id,
                PyMember member => member.Name,
                _ => null,
            };
            if (name is "AutoAddPolicy" or "WarningPolicy")
            {
                context.Report(this, call.Line, call.Line, $"`{call.Callee}({name})` accepts any host key an unknown server presents, so a man in the middle can pose as it; load known hosts and keep `RejectPolicy`.");
            }
        }
    }
}
