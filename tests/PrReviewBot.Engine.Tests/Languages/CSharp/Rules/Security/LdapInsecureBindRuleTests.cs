using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class LdapInsecureBindRuleTests
{
    [Fact]
    public void Flags_directory_entries_created_with_simple_or_anonymous_binds()
    {
        var findings = CSharpRuleVerifier.Verify<LdapInsecureBindRule>("""
            using System.DirectoryServices;

            public sealed class Directory
            {
                private readonly DirectoryEntry root = [|new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", AuthenticationTypes.None)|];

                public DirectoryEntry Anonymous() => [|new DirectoryEntry("LDAP://dc.example.org", null, null, AuthenticationTypes.Anonymous)|];

                public DirectoryEntry Configured() => new DirectoryEntry { [|AuthenticationType = AuthenticationTypes.None|] };

                public void Open(bool fast)
                {
                    var type = AuthenticationTypes.None;
                    [|var entry = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", type);|]
                    if (fast)
                    {
                        entry.AuthenticationType = AuthenticationTypes.Secure;
                    }

                    [|root.AuthenticationType = AuthenticationTypes.Anonymous|];
                }
            }
            """);
        Assert.Contains("clear text", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("anonymously", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_secure_defaults_and_entries_repaired_on_the_next_line()
    {
        CSharpRuleVerifier.VerifyNone<LdapInsecureBindRule>("""
            using System.DirectoryServices;

            public sealed class Directory
            {
                public void Open(AuthenticationTypes configured)
                {
                    var plain = new DirectoryEntry("LDAP://dc.example.org");
                    var secure = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", AuthenticationTypes.Secure | AuthenticationTypes.Sealing);
                    var chosen = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", configured);
                    var repaired = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", AuthenticationTypes.None);
                    repaired.AuthenticationType = AuthenticationTypes.Secure;
                    var overridden = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", AuthenticationTypes.None) { AuthenticationType = AuthenticationTypes.Secure };
                    var isWeak = plain.AuthenticationType == AuthenticationTypes.None;
                }
            }
            """);
    }

    [Fact]
    public void Flags_default_values_and_anonymous_ldap_connections()
    {
        CSharpRuleVerifier.Verify<LdapInsecureBindRule>("""
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;

            public sealed class Directory
            {
                public void Open()
                {
                    AuthenticationTypes type = default;
                    [|var entry = new DirectoryEntry("LDAP://dc.example.org", "reader", "secret", type);|]
                    var connection = new LdapConnection("dc.example.org");
                    [|connection.AuthType = AuthType.Anonymous|];
                    connection.AuthType = AuthType.Negotiate;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_other_enums_named_AuthType_alone()
    {
        CSharpRuleVerifier.VerifyNone<LdapInsecureBindRule>("""
            public enum AuthType { None, Password, Email }

            public sealed class Send
            {
                public AuthType AuthType { get; set; }

                public void MakePublic() => AuthType = AuthType.None;

                public static Send Open(Send send)
                {
                    send.AuthType = AuthType.None;
                    return send;
                }
            }
            """);
    }
}
