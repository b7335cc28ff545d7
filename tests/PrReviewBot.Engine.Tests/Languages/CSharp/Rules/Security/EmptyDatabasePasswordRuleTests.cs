using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class EmptyDatabasePasswordRuleTests
{
    [Fact]
    public void Flags_connection_strings_with_an_empty_password()
    {
        var findings = CSharpRuleVerifier.Verify<EmptyDatabasePasswordRule>("""
            using Microsoft.Data.SqlClient;
            using Microsoft.EntityFrameworkCore;

            public sealed class Shop : DbContext
            {
                private const string Local = [|"Server=db;Database=shop;User Id=app;Password=;"|];

                protected override void OnConfiguring(DbContextOptionsBuilder options, string host)
                {
                    options.UseSqlServer([|"Password="|]);
                    options.UseNpgsql([|$"Host={host};Username=app;Pwd="|]);
                    using var connection = new SqlConnection([|"Data Source=" + host + ";User ID=sa;Password=;Encrypt=True"|]);
                }
            }
            """);
        Assert.Contains("empty password", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_an_empty_password_given_to_a_connection_string_builder()
    {
        CSharpRuleVerifier.Verify<EmptyDatabasePasswordRule>("""
            using Microsoft.Data.SqlClient;

            public static class Connections
            {
                public static string Build()
                {
                    var builder = new SqlConnectionStringBuilder { DataSource = "db", UserID = "app", [|Password = ""|] };
                    [|builder.Password = string.Empty|];
                    return builder.ConnectionString;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_real_passwords_integrated_security_and_other_text()
    {
        CSharpRuleVerifier.VerifyNone<EmptyDatabasePasswordRule>("""
            using Microsoft.EntityFrameworkCore;

            public sealed class Shop : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder options, string password)
                {
                    options.UseSqlServer("Server=db;Database=shop;Integrated Security=SSPI;Password=;");
                    options.UseSqlServer("Server=db;Database=shop;Trusted_Connection=yes;Password=");
                    options.UseSqlServer($"Server=db;User Id=app;Password={password}");
                    options.UseSqlServer("Server=db;User Id=app;Password=" + password);
                    var form = new { Password = "" };
                    var message = "Password= is required";
                    var label = "Password=";
                }
            }
            """);
    }
}
