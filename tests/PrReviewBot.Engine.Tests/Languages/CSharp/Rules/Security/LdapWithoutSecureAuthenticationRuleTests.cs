using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class LdapWithoutSecureAuthenticationRuleTests
{
    [Fact]
    public void Flags_entries_bound_without_secure_authentication()
    {
        var findings = CSharpRuleVerifier.Verify<LdapWithoutSecureAuthenticationRule>("""
            using System.DirectoryServices;

            public sealed class Directory
            {
                private DirectoryEntry _root = new DirectoryEntry("LDAP://dc", "svc", "pw", [|AuthenticationTypes.None|]);

                public void Bind(DirectoryEntry entry)
                {
                    var anonymous = new DirectoryEntry { [|AuthenticationType = AuthenticationTypes.Anonymous|] };
                    [|entry.AuthenticationType = AuthenticationTypes.None;|]
                }
            }
            """);
        Assert.Contains("AuthenticationTypes.Secure", findings[0].Replacement, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_secure_binds_overwritten_types_and_comparisons()
    {
        CSharpRuleVerifier.VerifyNone<LdapWithoutSecureAuthenticationRule>("""
            using System.DirectoryServices;

            public sealed class Directory
            {
                public bool Bind(DirectoryEntry current)
                {
                    var secure = new DirectoryEntry("LDAP://dc", "svc", "pw", AuthenticationTypes.Secure | AuthenticationTypes.Sealing);
                    var overwritten = new DirectoryEntry("LDAP://dc", "svc", "pw", AuthenticationTypes.None);
                    overwritten.AuthenticationType = AuthenticationTypes.Secure;
                    var initialized = new DirectoryEntry("LDAP://dc", "svc", "pw", AuthenticationTypes.None) { AuthenticationType = AuthenticationTypes.Secure };
                    return current.AuthenticationType == AuthenticationTypes.None;
                }
            }
            """);
    }
}
