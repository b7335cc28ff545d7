using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class SshHostKeyNotVerifiedRuleTests
{
    [Fact]
    public void Flags_policies_that_accept_unknown_host_keys()
    {
        PythonRuleVerifier.Verify<SshHostKeyNotVerifiedRule>("""
            import paramiko
            from paramiko import client

            def connect(host):
                ssh = paramiko.SSHClient()
                ssh.load_system_host_keys()
                [|ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())|]
                other = client.SSHClient()
                [|other.set_missing_host_key_policy(client.WarningPolicy)|]
                return ssh, other
            """);
    }

    [Fact]
    public void Ignores_the_rejecting_policy_and_known_hosts()
    {
        PythonRuleVerifier.VerifyNone<SshHostKeyNotVerifiedRule>("""
            import paramiko

            def connect(host, policy):
                ssh = paramiko.SSHClient()
                ssh.load_host_keys("/etc/ssh/known_hosts")
                ssh.set_missing_host_key_policy(paramiko.RejectPolicy())
                ssh.set_missing_host_key_policy(policy)
                return ssh
            """);
    }
}
