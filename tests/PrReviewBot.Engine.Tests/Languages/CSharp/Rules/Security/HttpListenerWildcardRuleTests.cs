using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class HttpListenerWildcardRuleTests
{
    [Fact]
    public void Flags_wildcard_listener_prefixes()
    {
        CSharpRuleVerifier.Verify<HttpListenerWildcardRule>("""
            using System.Net;

            public static class Server
            {
                private const string Any = "http://+:8080/";

                public static void Start(HttpListener listener)
                {
                    [|listener.Prefixes.Add("http://*:8080/")|];
                    [|listener.Prefixes.Add(Any)|];
                    [|listener.Prefixes.Add("https://*.com:8443/")|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_named_hosts_and_subdomain_wildcards()
    {
        CSharpRuleVerifier.VerifyNone<HttpListenerWildcardRule>("""
            using System.Net;

            public static class Server
            {
                public static void Start(HttpListener listener, string prefix)
                {
                    listener.Prefixes.Add("http://localhost:8080/");
                    listener.Prefixes.Add("https://*.example.com:8443/");
                    listener.Prefixes.Add("http://0.0.0.0:8080/");
                    listener.Prefixes.Add(prefix);
                }
            }
            """);
    }
}
