using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class LdapInjectionRuleTests
{
    [Fact]
    public void Flags_request_values_in_searcher_filters_and_entry_paths()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;
            using System.Web;

            public class LdapHandler : IHttpHandler
            {
                public void ProcessRequest(HttpContext ctx)
                {
                    string userName = ctx.Request.QueryString["username"];
                    DirectorySearcher ds = [|new DirectorySearcher("accountname=" + userName)|];
                    [|ds.Filter = "accountname=" + userName|];
                    SearchRequest sr = new SearchRequest();
                    [|sr.Filter = "accountname=" + userName|];
                    var sr2 = [|new SearchRequest(null, "accountname=" + userName, SearchScope.Base, null)|];
                    DirectoryEntry de = [|new DirectoryEntry("LDAP://Cn=" + userName)|];
                    DirectoryEntry de2 = new DirectoryEntry();
                    [|de2.Path = "LDAP://Cn=" + userName|];
                }

                public bool IsReusable => true;
            }
            """);
    }

    [Fact]
    public void Flags_filters_formatted_from_parameters()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System;
            using System.DirectoryServices;

            public class Directory
            {
                private const string SamAccountName = "sAMAccountName";

                public SearchResult Login(DirectoryEntry entry, string userName)
                {
                    using (DirectorySearcher searcher = new DirectorySearcher(entry))
                    {
                        [|searcher.Filter = String.Format("({0}={1})", SamAccountName, userName)|];
                        return searcher.FindOne();
                    }
                }
            }
            """);
    }

    [Fact]
    public void Flags_filters_built_in_locals_and_initializers()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.DirectoryServices;

            public class Directory
            {
                public SearchResultCollection Find(DirectoryEntry root, string group, string mail)
                {
                    var filter = "(&(objectClass=group)";
                    filter += $"(cn={group}))";
                    var searcher = [|new DirectorySearcher(
                        root,
                        filter)|];
                    var other = new DirectorySearcher(root) { [|Filter = "(mail=" + mail + ")"|] };
                    return searcher.FindAll();
                }
            }
            """);
    }

    [Fact]
    public void Flags_database_values_in_filters()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.Data.SqlClient;
            using System.DirectoryServices;

            public class Sync
            {
                public void Run(SqlDataReader reader)
                {
                    while (reader.Read())
                    {
                        var ds = [|new DirectorySearcher("accountname=" + reader.GetString(1))|];
                    }
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_filters()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            using System.DirectoryServices;

            public class Directory
            {
                private const string Users = "(&(objectCategory=person)(objectClass=user))";

                public void Find(DirectoryEntry entry)
                {
                    var searcher = new DirectorySearcher(entry, Users);
                    searcher.Filter = "(objectClass=group)";
                    searcher.Filter = Users + "(!(disabled=TRUE))";
                    var plain = new DirectorySearcher("(cn=admins)");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_escaped_values()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            using System;
            using System.DirectoryServices;
            using System.Web;

            public class Directory
            {
                public void Find(HttpContext ctx, DirectoryEntry entry, string userName)
                {
                    string name = ctx.Request.QueryString["username"];
                    var ds = new DirectorySearcher("accountname=" + LDAPEncode(name));
                    ds.Filter = String.Format("(sAMAccountName={0})", Encoder.LdapFilterEncode(userName));
                    ds.Filter = $"(cn={EscapeLdapSearchFilter(userName)})";
                }

                public string LDAPEncode(string value) => value;

                private static string EscapeLdapSearchFilter(string value) => value;
            }
            """);
    }

    [Fact]
    public void Ignores_entry_paths_from_configuration_and_searchers_over_entries()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            using System.DirectoryServices;

            public class Directory
            {
                private readonly Settings config;

                public void Connect(string userName, string password)
                {
                    using var entry = new DirectoryEntry(config.Path, config.UserDomainName + "\\" + userName, password);
                    using var searcher = new DirectorySearcher(entry);
                    var root = new DirectoryEntry("LDAP://" + config.Server);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_look_alike_filter_properties()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            public class Grid
            {
                public void Apply(GridOptions options, string column, string term)
                {
                    options.Filter = column + " LIKE '%" + term + "%'";
                    var view = new DataView { RowFilter = "Name = '" + term + "'" };
                    options.Path = "/items/" + term;
                }
            }
            """);
    }

    [Fact]
    public void Flags_controller_input_in_formatted_filters()
    {
        var findings = CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.DirectoryServices;
            using Microsoft.AspNetCore.Mvc;

            public class UsersController : Controller
            {
                public IActionResult Find(string name)
                {
                    using var searcher = new DirectorySearcher();
                    [|searcher.Filter = string.Format("(&(objectClass=user)(cn={0}))", name)|];
                    return Ok(searcher.FindOne());
                }
            }
            """);
        Assert.Contains("request parameter `name`", findings[0].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_three_argument_searchers_and_protocol_search_requests()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.DirectoryServices;
            using System.DirectoryServices.Protocols;

            public class Directory
            {
                public void Find(DirectoryEntry entry, string name, string uid, string baseDn)
                {
                    var searcher = [|new DirectorySearcher(entry, "(cn=" + name + ")", new[] { "mail" })|];
                    var request = [|new SearchRequest(baseDn, $"(uid={uid})", SearchScope.Subtree)|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_request_values_in_directory_paths_and_builders()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            using System.DirectoryServices;
            using System.Text;
            using System.Web;

            public class Handler
            {
                public void ProcessRequest(HttpContext context)
                {
                    var entry = [|new DirectoryEntry("LDAP://OU=" + context.Request.QueryString["ou"] + ",DC=corp,DC=local")|];
                    var filter = new StringBuilder("(&(objectClass=user)");
                    filter.Append("(mail=").Append(context.Request.Form["mail"]).Append("))");
                    var searcher = new DirectorySearcher(entry);
                    [|searcher.Filter = filter.ToString()|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_paths_built_from_configuration_outside_requests()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            using System.DirectoryServices;

            public class Directory
            {
                public DirectoryEntry Open(string server, string container)
                {
                    return new DirectoryEntry("LDAP://" + server + "/" + container);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_constant_filters_built_in_steps_and_numeric_ids()
    {
        CSharpRuleVerifier.VerifyNone<LdapInjectionRule>("""
            using System.DirectoryServices;

            public class Directory
            {
                private const string Base = "(&(objectClass=user)";

                public void Find(DirectorySearcher searcher, int employeeId, bool enabledOnly)
                {
                    var filter = Base;
                    filter += enabledOnly ? "(!(userAccountControl:1.2.840.113556.1.4.803:=2))" : "";
                    filter += ")";
                    searcher.Filter = filter;
                    searcher.Filter = $"(employeeID={employeeId})";
                    searcher.PropertiesToLoad.Add("mail");
                }
            }
            """);
    }

    [Fact]
    public void Flags_filter_text_on_unresolved_searchers()
    {
        CSharpRuleVerifier.Verify<LdapInjectionRule>("""
            public class Directory
            {
                public void Find(string name)
                {
                    var searcher = CreateSearcher();
                    [|searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + name + "))"|];
                }
            }
            """);
    }
}
