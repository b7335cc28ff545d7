using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class InsecureCspRuleTests
{
    [Fact]
    public void Flags_unsafe_keywords_and_wildcards_in_csp_headers()
    {
        var findings = CSharpRuleVerifier.Verify<InsecureCspRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class SecurityHeaders
            {
                private const string Policy = "default-src 'self'; script-src 'self' 'unsafe-eval'";

                public void Write(HttpContext context, string nonce)
                {
                    [|context.Response.Headers.ContentSecurityPolicy = "script-src 'self' 'unsafe-inline'"|];
                    [|context.Response.Headers["Content-Security-Policy"] = Policy|];
                    [|context.Response.Headers.Append("Content-Security-Policy", "default-src *")|];
                    [|context.Response.Headers.Add("content-security-policy", $"script-src 'nonce-{nonce}' 'unsafe-inline'")|];
                }
            }
            """);
        Assert.Contains("'unsafe-inline'", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("'unsafe-eval'", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains("wildcard", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_fluent_unsafe_inline_of_csp_builders()
    {
        CSharpRuleVerifier.Verify<InsecureCspRule>("""
            public static class Csp
            {
                public static void Configure(dynamic app)
                {
                    app.UseCsp(options => options.ScriptSources(s => s.Self().[|UnsafeInline()|]));
                }
            }
            """);
    }

    [Fact]
    public void Ignores_strict_policies_other_headers_and_own_header_models()
    {
        CSharpRuleVerifier.VerifyNone<InsecureCspRule>("""
            using Microsoft.AspNetCore.Http;

            public sealed class SecurityHeaders
            {
                public void Write(HttpContext context, string nonce, Headers mine)
                {
                    context.Response.Headers.ContentSecurityPolicy = $"script-src 'self' 'nonce-{nonce}'; img-src https://*.example.com";
                    context.Response.Headers["Content-Security-Policy"] = "script-src 'self' 'wasm-unsafe-eval'";
                    context.Response.Headers.Append("X-Frame-Options", "'unsafe-inline'");
                    context.Response.Headers.AccessControlAllowHeaders = "*";
                    mine.ContentSecurityPolicy = "script-src 'unsafe-inline'";
                    var current = context.Response.Headers.ContentSecurityPolicy;
                }
            }

            public sealed class Headers
            {
                public string ContentSecurityPolicy { get; set; } = "";
            }
            """);
    }
}
