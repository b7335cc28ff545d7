using PrReviewBot.Engine.Languages.CSharp.Rules.Security;
using PrReviewBot.Engine.Tests.Languages.Text;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class HardcodedSecretRuleTests
{
    [Fact]
    public void Flags_literals_in_password_variables_fields_and_constants()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            public sealed class Program
            {
                private const string [|Password = "Secret123"|];
                private string [|dbPassword = "hunter2"|];

                public void Test()
                {
                    string [|password = @"foo"|];
                    string foo, passwd = "a";
                    var [|pwd = "P@ssw0rd!"|];
                    string [|userPass = "letmein"|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_secrets_that_look_like_key_material()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            public sealed class Settings
            {
                public string [|ApiKey { get; } = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";|]
                private readonly string [|clientSecret = "9f8e7d6c-5b4a-3210-fedc-ba9876543210"|];
                private static string [|accessToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc123"|];
                private const string [|JwtSigningKey = "ThisIsMySuperSecretSigningKey2024!"|];
                private string [|api_key = "1IfHMPanImzX8ZxC-Ud6+YhXiLwlXq$f_-3v~.="|];
            }
            """);
    }

    [Fact]
    public void Flags_initializers_named_arguments_and_dictionary_keys()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System;
            using System.Collections.Generic;

            public sealed class Client
            {
                public void Configure()
                {
                    var uri = new UriBuilder
                    {
                        Host = "example.com",
                        [|Password = "t0ps3cr3t"|],
                    };
                    Login(user: "admin", [|password: "admin123"|]);
                    var body = new { username = "svc", [|password = "Winter2024!"|] };
                    var form = new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        [|["client_secret"] = "b1946ac92492d2347c6235b4d2611184"|],
                        [|{ "password", "s3cr3t!" }|],
                    };
                    [|Environment.SetEnvironmentVariable("DB_PASSWORD", "Pa55word")|];
                }

                private static void Login(string user, string password)
                {
                }
            }
            """);
    }

    [Fact]
    public void Flags_credential_apis_and_signing_keys()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System;
            using System.Net;
            using System.Security.Cryptography;
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public sealed class Auth
            {
                public void Run(byte[] salt)
                {
                    var test = [|new NetworkCredential(Guid.NewGuid().ToString(), "pass")|];
                    var derived = [|new PasswordDeriveBytes("hardcode", new byte[] { 0, 1, 2, 3 })|];
                    var key = [|new SymmetricSecurityKey(Encoding.UTF8.GetBytes("this is my custom Secret key for authentication"))|];
                    var mac = [|new HMACSHA256(Encoding.ASCII.GetBytes("0123456789abcdef"))|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_connection_strings_with_passwords()
    {
        var findings = CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System.Data.SqlClient;

            public sealed class Data
            {
                public const string [|DBConnectionString = "Server=localhost; Database=Test; User=SA; Password=Secret123"|];

                public void Open(string host)
                {
                    using (var conn = [|new SqlConnection("Server=.;Database=Shop;User Id=sa;Password=Secret123;")|]) { }
                    var [|interpolated = $"Server={host};Database=Shop;Uid=app;Pwd=Xy9!kq;"|];
                    string [|multiline = // the password is on a later line
                        @"Server=A;
                        User=B;
                        Password=123"|];
                }
            }
            """);
        Assert.All(findings, finding => Assert.DoesNotContain("ecret123", finding.Message, StringComparison.Ordinal));
        Assert.Contains("(`S…`)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_comparisons_with_hard_coded_secrets()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            public sealed class Gate
            {
                public bool Check(string password, string authToken)
                {
                    if ([|password == "hunter2"|])
                    {
                        return true;
                    }

                    return [|authToken.Equals("31bf3856ad364e35") || "b03f5f7f11d50a3a" == authToken|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_urls_with_credentials_known_key_formats_and_key_bytes()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System.Security.Cryptography;

            public sealed class Config
            {
                private string [|queue = "amqp://guest:Sup3rS3cret@rabbit.internal:5672/"|];
                private string [|aws = "AKIAZ7QJ4ABCDEFGHIJX"|];

                public void Run()
                {
                    var des = DES.Create();
                    [|des.Key = new byte[] { 5, 17, 29, 41, 53, 65, 77, 89 };|]
                    [|des.IV = new byte[] { 5, 17, 29, 41, 53, 65, 77, 89 };|]
                }
            }
            """);
    }

    [Fact]
    public void Messages_never_reveal_more_than_the_first_character()
    {
        var findings = CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            public sealed class Program
            {
                private string [|password = "CorrectHorseBatteryStaple9"|];
            }
            """);
        Assert.DoesNotContain("orrectHorse", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("(`C…`)", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_empty_values_placeholders_and_lookups()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System;
            using Microsoft.Extensions.Configuration;

            public sealed class Settings
            {
                private string password1 = null;
                private string password2 = "";
                private string password3 = "        ";
                private string password4 = "{0}";
                private string password5 = "***";
                private string password6 = "<password>";
                private string password7 = "${DB_PASSWORD}";
                private string password8 = "%PASSWORD%";
                private string password9 = "changeme";
                private string apiKey = "your-api-key-here";
                private string secret = string.Empty;

                public void Load(IConfiguration configuration)
                {
                    var password = configuration["Password"];
                    var token = Environment.GetEnvironmentVariable("API_TOKEN");
                    var secretValue = configuration.GetValue<string>("Jwt:Secret");
                }
            }
            """);
    }

    [Fact]
    public void Ignores_labels_config_keys_and_descriptive_names()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System.ComponentModel.DataAnnotations;

            public sealed class RegisterModel
            {
                public const string PasswordKey = "Password";
                public const string PASSWORD_PROPERTY = "custom.password";
                public const string ResetPasswordUrl = "/users/resetUserPassword";
                public const string TokenHeader = "X-Auth-Token";
                public const string RequestVerificationToken = "__RequestVerificationToken";
                public const string END_TOKEN = "EndGlobalSection";
                public const string ProductPublicKeyToken = "31bf3856ad364e35";
                public const string JwtKeySetting = "Jwt:Key";
                public const string PasswordPolicy = "min8-upper1";
                public const string passwordField = "txtPassword";
                public const string cacheKey = "users:all:v2";
                public const string PasswordHash = "AQAAAAEAACcQAAAAEJ";

                [Required(ErrorMessage = "Password is required")]
                [StringLength(100, MinimumLength = 8)]
                public string Password { get; set; }

                public string PasswordLabel => "Enter your password";

                public string Message() => "Password detected here, make sure this is not a hard-coded credential.";
            }
            """);
    }

    [Fact]
    public void Ignores_connection_strings_without_a_literal_password()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System.Data.SqlClient;

            public sealed class Data
            {
                public void Open(string pwd, string user)
                {
                    string query1 = "password=?";
                    string query2 = "password=:password";
                    string query3 = "password={0}";
                    string query4 = "password=;user=;";
                    string query5 = "password='" + pwd + "'";
                    string trusted = "Server=.;Database=Shop;Integrated Security=true;";
                    using var conn = new SqlConnection("Server=.;Database=Shop;User Id=" + user + ";Password=" + pwd);
                    var built = $"Server=.;Password={pwd};";
                    string url = "scheme://user@domain.com:80";
                    string same = "scheme://admin:admin@domain.com";
                    string prose = "Change your password = the one you chose at signup";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_credentials_from_variables_and_non_secret_comparisons()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System.Net;

            public sealed class Gate
            {
                public bool Check(string username, string password, string input)
                {
                    var credential = new NetworkCredential("username", password);
                    if (password == "" || password == null)
                    {
                        return false;
                    }

                    var mode = "strict";
                    return username == "admin" && input.Equals("yes") && mode == "strict";
                }
            }
            """);
    }

    [Fact]
    public void Flags_credential_setters_certificates_and_key_value_strings()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System.Security.Cryptography.X509Certificates;
            using System.Web.Security;

            public sealed class Accounts
            {
                private const string [|Secret = "Pr0dS3cret!"|];

                public void Run(MembershipUser user, string old, byte[] raw)
                {
                    [|user.ChangePassword(old, "myNewPa55word")|];
                    var cert = [|new X509Certificate2(raw, "myPa55word")|];
                    [|Membership.CreateUser("myusername", "mypassword")|];
                    string [|url = "https://api.example.com/v1/items?token=f3a9c2e17b4d8a6e5f0c"|];
                    string [|legacy = "user_password=S3crEt@123"|];
                    string [|built = "Server=db;User Id=app;Password=" + Secret|];
                    var [|bytes = "Server=db;User Id=app;Password=hardcoded"u8|];
                }
            }
            """);
    }

    [Fact]
    public void Reports_a_constant_where_it_is_declared_not_at_every_setter_that_uses_it()
    {
        var secret = FakeSecrets.Base62(40, seed: 31);
        var label = FakeSecrets.Base62(20, seed: 32);
        CSharpRuleVerifier.Verify<HardcodedSecretRule>($$"""
            using JWT.Builder;

            public sealed class Tokens
            {
                private const string [|secret = "{{secret}}"|];
                private const string Label = "{{label}}";

                public void Run(string token)
                {
                    new JwtBuilder().WithSecret(secret).Decode(token);
                    new JwtBuilder().WithSecret(secret).MustVerifySignature().Decode(token);
                    [|new JwtBuilder().WithSecret(Label)|].Decode(token);
                    [|new JwtBuilder().WithSecret("Pr0dS3cret!")|].Decode(token);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_connection_strings_whose_password_is_another_setting_or_an_escape()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>(""""
            public sealed class Data
            {
                public void Open(Options options)
                {
                    options.UseSqlite("Password=Server=myServerAddress");
                    options.UseSqlite("""Password=Server=myServerAddress""");
                    options.UseSqlServer("Server=Server;Password=" + "\easda");
                }
            }
            """");
    }

    [Fact]
    public void Ignores_values_written_through_ref_and_self_references()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            public sealed class Data
            {
                private string invalidField = invalidField;

                public void Run()
                {
                    var secret = "hardcoded";
                    Fill(ref secret);
                    var a = "Server=db;User=SA;Password=" + secret;
                    var loop = loop;
                    var b = "Server=db;User=SA;Password=" + loop;
                    var c = "Server=db;User=SA;Password=" + invalidField;
                    var flag = "Password=true";
                }

                private static void Fill(ref string value) => value = System.Environment.GetEnvironmentVariable("DB_PASSWORD");
            }
            """);
    }

    [Fact]
    public void Flags_a_signing_key_built_from_a_literal_through_a_local()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            using System.Text;
            using Microsoft.IdentityModel.Tokens;

            public sealed class Tokens
            {
                public SigningCredentials Credentials()
                {
                    var key = Encoding.ASCII.GetBytes("ThisIsMySuperSecretKeyForJwt");
                    return new SigningCredentials([|new SymmetricSecurityKey(key)|], SecurityAlgorithms.HmacSha256);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_lookup_keys_schemes_and_sql_parameters()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System.Data.SqlClient;

            public sealed class Cart
            {
                public const string SessionKey = "cart_session_id";
                public const string AuthenticationScheme = "Bearer";
                public const string TokenEndpoint = "https://login.example.com/oauth2/v2.0/token";
                public const string AccessTokenKey = "access_token";
                public const string GrantType = "client_credentials";

                public void Save(SqlConnection connection, string user, string hash)
                {
                    var command = new SqlCommand("UPDATE Users SET Password = @password WHERE Name = @name", connection);
                    command.Parameters.AddWithValue("@password", hash);
                    var form = "grant_type=password&username=" + user + "&password=" + hash;
                    var html = "<input type=\"password\" name=\"password\" />";
                    var docs = "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;";
                }
            }
            """);
    }

    [Fact]
    public void Flags_credentials_in_more_shapes()
    {
        var slack = "xoxb-" + FakeSecrets.Digits(12, seed: 9) + "-" + FakeSecrets.Digits(13, seed: 10) + "-" + FakeSecrets.Base62(24, seed: 11);
        CSharpRuleVerifier.Verify<HardcodedSecretRule>($$"""
            using System.Data.SqlClient;
            using System.Net;
            using System.Security;
            using System.Security.Cryptography;

            public sealed class Clients
            {
                private const string [|Notifier = "{{slack}}"|];
                private const string [|Upstream = "https://svc:Xk29fQp1@api.internal/v1"|];
                private const string [|SecretKey = "foo"|];

                public void Run(WebClient client, byte[] salt)
                {
                    [|client.Credentials = new NetworkCredential("svc", "Xk29fQp1")|];
                    var builder = new SqlConnectionStringBuilder
                    {
                        DataSource = "db",
                        [|Password = "Xk29fQp1"|],
                    };
                    var derived = [|new Rfc2898DeriveBytes("Xk29fQp1", salt, 100_000, HashAlgorithmName.SHA256)|];
                    using var secure = new SecureString();
                    for (var i = 0; i < 8; i++)
                    {
                        [|secure.AppendChar("Xk29fQp1"[i])|];
                    }

                    [|secure.AppendChar('P')|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_look_alikes_of_the_new_shapes()
    {
        CSharpRuleVerifier.VerifyNone<HardcodedSecretRule>("""
            using System.Net;
            using System.Security;

            public sealed class Clients
            {
                private const string PasswordHint = "Xk29fQp1";
                private const string Tokenizer = "Xk29fQp1";
                private const string Secretary = "Xk29fQp1";
                private const string password_reset_url = "https://accounts.example.com/reset";
                private const string Upstream = "https://svc@api.internal/v1";
                private const string Docs = "postgres://user:password@host/db";

                public void Run(WebClient client, string user, string password, char next)
                {
                    client.Credentials = new NetworkCredential(user, password);
                    using var secure = new SecureString();
                    secure.AppendChar(next);
                }
            }
            """);
    }

    [Fact]
    public void Reads_quoted_connection_string_values_and_leaves_prose_and_other_types_alone()
    {
        CSharpRuleVerifier.Verify<HardcodedSecretRule>("""
            public sealed class Data
            {
                private string [|query = "password=':cr_zy1;s3cret2';user=xxx"|];
                private string html = "This is article http://www.example.com<br>Email:info@example.com<br>Phone:+0000000";

                private sealed class Buffer
                {
                    public void AppendChar(char c) { }
                }

                public void Fill()
                {
                    var other = new Buffer();
                    const string keyword = "AP@ssw0rd";
                    for (var i = 0; i < keyword.Length; i++)
                    {
                        other.AppendChar(keyword[i]);
                    }
                }
            }
            """);
    }
}
