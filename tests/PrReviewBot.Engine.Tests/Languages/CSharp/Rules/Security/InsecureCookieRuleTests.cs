using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class InsecureCookieRuleTests
{
    [Fact]
    public void Flags_flags_turned_off_on_cookies()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class Cookies
            {
                private readonly bool keepOff = false;

                public void Write(HttpResponse response, CookieOptions options, string id)
                {
                    response.Cookies.Append("sid", id, new CookieOptions { [|HttpOnly = false|], Secure = true });
                    [|options.Secure = keepOff|];
                    [|options?.HttpOnly = false|];
                    [|(options.Secure, var count) = (false, 0)|];
                }
            }
            """);
        Assert.Contains("scripts", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("plain HTTP", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_cookie_policies_set_to_none()
    {
        CSharpRuleVerifier.Verify<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            public static class Startup
            {
                public static void ConfigureServices(IServiceCollection services)
                {
                    services.Configure<CookiePolicyOptions>(options =>
                    {
                        options.Secure = [|CookieSecurePolicy.None|];
                        options.HttpOnly = [|HttpOnlyPolicy.None|];
                    });
                    services.AddSession(options => options.Cookie.[|HttpOnly = false|]);
                }
            }
            """);
    }

    [Fact]
    public void Flags_cookies_created_without_either_flag()
    {
        CSharpRuleVerifier.Verify<InsecureCookieRule>("""
            using System;
            using System.Web;
            using Microsoft.AspNetCore.Http;
            using Nancy.Cookies;

            public sealed class Preferences
            {
                private readonly HttpCookie remembered = [|new HttpCookie("remember")|];

                public void Save(HttpResponse response, string theme, DateTime expires)
                {
                    response.Cookies.Append("theme", theme, [|new CookieOptions { Expires = expires }|]);
                    var nancy = [|new NancyCookie("name", theme, false)|];
                    [|response.Cookies.Append("session_id", theme)|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_cookies_that_set_a_flag_there_or_just_after()
    {
        CSharpRuleVerifier.VerifyNone<InsecureCookieRule>("""
            using System.Web;
            using Microsoft.AspNetCore.Http;
            using Nancy.Cookies;

            public sealed class Preferences
            {
                private HttpCookie stored;

                public void Save(HttpResponse response, HttpRequest request, string theme, bool https)
                {
                    response.Cookies.Append("theme", theme, new CookieOptions { Secure = true, HttpOnly = true });
                    response.Cookies.Append("XSRF-TOKEN", theme, new CookieOptions { Secure = true });
                    var options = new CookieOptions();
                    options.Secure = request.IsHttps;
                    stored = new HttpCookie("c");
                    stored.HttpOnly = true;
                    var nancy = new NancyCookie("name", theme, true, https);
                    response.Cookies.Delete("old", new CookieOptions { Path = "/" });
                    var expired = new HttpCookie("remember") { Expires = System.DateTime.Now.AddDays(-1) };
                    response.Cookies.Append("theme", theme);
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_flag_set_only_in_a_branch()
    {
        CSharpRuleVerifier.Verify<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class Preferences
            {
                public CookieOptions Build(bool secure)
                {
                    var options = [|new CookieOptions()|];
                    if (secure)
                    {
                        options.Secure = true;
                    }

                    return options;
                }
            }
            """);
    }

    [Fact]
    public void Judges_a_flag_by_its_last_write_in_the_block()
    {
        CSharpRuleVerifier.Verify<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class Preferences
            {
                public void Build()
                {
                    var reset = new CookieOptions { HttpOnly = false };
                    reset.HttpOnly = true;
                    var off = [|new CookieOptions()|];
                    [|off.HttpOnly = false|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_unrelated_secure_settings_and_comparisons()
    {
        CSharpRuleVerifier.VerifyNone<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class Mail
            {
                public bool Secure { get; set; }

                public void Configure(SmtpSettings settings, CookieOptions cookie)
                {
                    settings.Secure = false;
                    Secure = false;
                    var plain = cookie.Secure == false;
                    var policy = cookie.SameSite == SameSiteMode.None;
                }
            }

            public sealed class SmtpSettings
            {
                public bool Secure { get; set; }
            }
            """);
    }

    [Fact]
    public void Ignores_cookies_when_the_policy_forces_both_flags()
    {
        CSharpRuleVerifier.VerifyNone<InsecureCookieRule>("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            public static class Startup
            {
                public static void Configure(IApplicationBuilder app, HttpResponse response)
                {
                    app.UseCookiePolicy(new CookiePolicyOptions { HttpOnly = HttpOnlyPolicy.Always, Secure = CookieSecurePolicy.Always });
                    response.Cookies.Append("lang", "en", new CookieOptions { IsEssential = true });
                }
            }
            """);
    }
}
