using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CorsAnyOriginRuleTests
{
    [Fact]
    public void Flags_any_origin_with_credentials_in_a_multi_line_chain()
    {
        var findings = CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("open", policy => policy
                            .[|AllowAnyOrigin|]()
                            .AllowAnyHeader()
                            .AllowCredentials());
                    });
                }
            }
            """);
        Assert.Contains("AllowCredentials()", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_an_origin_predicate_that_accepts_everything()
    {
        var findings = CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Builder;

            public static class Startup
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.UseCors(builder => builder.[|SetIsOriginAllowed|](_ => true).AllowCredentials().AllowAnyMethod());
                    app.UseCors(builder => builder.[|SetIsOriginAllowed|](origin => { return true; }));
                }
            }
            """);
        Assert.Contains("cookies", findings[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cookies", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_any_origin_and_wildcard_origins_alone()
    {
        CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Setup
            {
                private const string Star = "*";

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddDefaultPolicy(builder => builder.[|WithOrigins|](Star));
                        options.AddPolicy("other", builder => builder.[|AllowAnyOrigin|]().AllowAnyHeader());
                        options.AddPolicy("mixed", builder => builder.[|WithOrigins|]("https://trusted.example.com", "*"));
                        var unsafeBuilder = [|new CorsPolicyBuilder("*")|];
                    });
                }
            }
            """);
    }

    [Fact]
    public void Flags_web_api_enable_cors_with_wildcard_origins()
    {
        var findings = CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using System.Web.Http;
            using System.Web.Http.Cors;

            [[|EnableCors(origins: "*", headers: "*", methods: "*", SupportsCredentials = true)|]]
            public sealed class OrdersController : ApiController
            {
                [[|EnableCors("*", "*", "GET")|]]
                public string Get() => "ok";
            }
            """);
        Assert.Contains("SupportsCredentials", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_hand_written_wildcard_and_reflected_origin_headers()
    {
        var findings = CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public sealed class ApiController : Controller
            {
                public void Index()
                {
                    [|Response.Headers.Add("Access-Control-Allow-Origin", "*")|];
                    [|Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new[] { "https://trusted.example.com", "*" })|];
                    [|Response.Headers["Access-Control-Allow-Origin"] = Request.Headers["Origin"]|];
                    Response.Headers.Add("Access-Control-Allow-Credentials", "true");
                }
            }
            """);
        Assert.Contains("Access-Control-Allow-Credentials", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_system_web_cors_policy_allowing_any_origin()
    {
        CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using System.Web.Cors;

            public static class Policies
            {
                public static CorsPolicy Open()
                {
                    var policy = new CorsPolicy { [|AllowAnyOrigin = true|], SupportsCredentials = true };
                    [|policy.Origins.Add("*")|];
                    return policy;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_listed_origins_with_credentials()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("app", policy => policy
                            .WithOrigins("https://example.com", "https://admin.example.com")
                            .AllowCredentials());
                        options.AddPolicy("subdomains", policy => policy
                            .WithOrigins("https://*.example.com")
                            .SetIsOriginAllowedToAllowWildcardSubdomains());
                        options.AddPolicy("checked", policy => policy
                            .SetIsOriginAllowed(origin => origin.EndsWith(".example.com", System.StringComparison.Ordinal))
                            .AllowCredentials());
                    });
                }
            }
            """);
    }

    [Fact]
    public void Ignores_policy_names_and_specific_origin_headers()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            [EnableCors("*")]
            public sealed class OrdersController : Controller
            {
                [EnableCors("AllowAll")]
                public void Index(string header)
                {
                    Response.Headers.Add("Access-Control-Allow-Origin", "https://trusted.example.com");
                    Response.Headers.Add("Access-Control-Allow-Methods", "*");
                    Response.Headers.Append(HeaderNames.AccessControlAllowHeaders, "*");
                    Response.Headers.Add(header, "*");
                    Response.Headers["Access-Control-Allow-Origin"] = "https://trusted.example.com";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_text_that_mentions_any_origin()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            public static class Docs
            {
                // Do not call AllowAnyOrigin() together with AllowCredentials().
                public const string Note = "Access-Control-Allow-Origin: * is not allowed; WithOrigins(\"*\") neither";
            }
            """);
    }

    [Fact]
    public void Flags_target_typed_builders_and_interpolated_wildcards()
    {
        CSharpRuleVerifier.Verify<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Net.Http.Headers;

            public sealed class Api : Controller
            {
                private const string Star = "*";

                public CorsPolicyBuilder Build()
                {
                    [|CorsPolicyBuilder builder = new("*");|]
                    [|Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, $"{Star}")|];
                    return builder;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_origins_read_from_configuration()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services, IConfiguration configuration)
                {
                    var origins = configuration.GetSection("Cors:Origins").Get<string[]>();
                    services.AddCors(options => options.AddDefaultPolicy(policy =>
                        policy.WithOrigins(origins)
                              .AllowCredentials()
                              .AllowAnyHeader()));
                }
            }
            """);
    }

    [Fact]
    public void Ignores_other_access_control_headers_and_header_names()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class Headers
            {
                public void Write(HttpResponse response, string origin)
                {
                    response.Headers.Add("Access-Control-Allow-Headers", "*");
                    response.Headers.Add("Access-Control-Expose-Headers", "*");
                    response.Headers["Access-Control-Allow-Origin"] = origin == "https://app.example.com" ? origin : "https://www.example.com";
                    var name = "Access-Control-Allow-Origin";
                }
            }
            """);
    }

    [Fact]
    public void Ignores_user_methods_named_like_cors_builders()
    {
        CSharpRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            public sealed class Filters
            {
                public Filters AllowAnyOrigin(string region) => this;

                public Filters WithOrigins(params string[] countries) => this;

                public void Run() => AllowAnyOrigin("eu").WithOrigins("de", "fr");
            }
            """);
    }
}
