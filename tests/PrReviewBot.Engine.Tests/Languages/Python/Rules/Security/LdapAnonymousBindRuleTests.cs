using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class LdapAnonymousBindRuleTests
{
    [Fact]
    public void Flags_python_ldap_binds_without_a_password()
    {
        PythonRuleVerifier.Verify<LdapAnonymousBindRule>("""
            import ldap

            def login(dn):
                connection = ldap.initialize("ldaps://directory.partner.org")
                [|connection.simple_bind_s(dn)|]
                [|connection.bind_s(dn, "")|]
                [|connection.simple_bind(dn, None)|]
                empty = ""
                [|connection.bind(dn, cred=empty)|]
                [|connection.simple_bind_s()|]
            """);
    }

    [Fact]
    public void Flags_ldap3_connections_without_a_password()
    {
        PythonRuleVerifier.Verify<LdapAnonymousBindRule>("""
            from ldap3 import Connection, Server

            server = Server("directory.partner.org", use_ssl=True)
            [|bound = Connection(server, user="cn=service,dc=partner,dc=org", password="")|]
            [|anonymous = Connection(server, auto_bind=True)|]
            """);
    }

    [Fact]
    public void Ignores_binds_with_a_password_and_unrelated_binds()
    {
        PythonRuleVerifier.VerifyNone<LdapAnonymousBindRule>("""
            import os
            import socket
            import ldap
            from ldap3 import Connection, SASL

            def login(dn, password):
                connection = ldap.initialize("ldaps://directory.partner.org")
                connection.simple_bind_s(dn, password)
                connection.bind_s(dn, os.environ["LDAP_PASSWORD"])
                Connection(server, user=dn, password=password)
                Connection(server, authentication=SASL, sasl_mechanism="EXTERNAL")
                listener = socket.socket()
                listener.bind(("0.0.0.0", 8080))
            """);
    }
}
