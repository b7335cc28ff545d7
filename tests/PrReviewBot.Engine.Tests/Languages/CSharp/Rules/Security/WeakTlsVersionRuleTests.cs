using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class WeakTlsVersionRuleTests
{
    [Fact]
    public void Flags_old_protocols_assigned_to_the_service_point_manager()
    {
        var findings = CSharpRuleVerifier.Verify<WeakTlsVersionRule>("""
            using System.Net;

            public static class Startup
            {
                public static void Configure()
                {
                    ServicePointManager.SecurityProtocol = [|SecurityProtocolType.Tls|];
                    ServicePointManager.SecurityProtocol = [|SecurityProtocolType.Ssl3|] | SecurityProtocolType.Tls12;
                    ServicePointManager.SecurityProtocol |= [|SecurityProtocolType.Tls11|];
                    var fallback = [|SecurityProtocolType.Tls|];
                }
            }
            """);
        Assert.Contains("TLS 1.0", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_ssl_protocols_on_handlers_streams_and_parameters()
    {
        CSharpRuleVerifier.Verify<WeakTlsVersionRule>("""
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Authentication;

            public sealed class Client(SslProtocols protocols = [|SslProtocols.Tls11|])
            {
                public HttpClientHandler Handler() => new HttpClientHandler
                {
                    SslProtocols = [|SslProtocols.Default|],
                };

                public void Connect(SslStream stream)
                {
                    stream.AuthenticateAsClient("example.org", null, [|SslProtocols.Tls|], true);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_modern_protocols_comparisons_and_removals()
    {
        CSharpRuleVerifier.VerifyNone<WeakTlsVersionRule>("""
            using System.Net;
            using System.Security.Authentication;

            public static class Startup
            {
                public static bool Configure(SslProtocols current)
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                    ServicePointManager.SecurityProtocol &= ~SecurityProtocolType.Tls;
                    ServicePointManager.SecurityProtocol = ~(SecurityProtocolType.Ssl3);
                    var none = SslProtocols.None;
                    var usesOld = (current & SslProtocols.Tls11) != 0;
                    return current == SslProtocols.Tls || current.HasFlag(SslProtocols.Ssl3) || usesOld;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_an_enum_of_the_same_name_declared_by_the_change()
    {
        CSharpRuleVerifier.VerifyNone<WeakTlsVersionRule>("""
            public enum SslProtocols { Tls, Tls11, Tls12 }

            public sealed class Settings
            {
                public SslProtocols Minimum { get; set; } = SslProtocols.Tls;
            }
            """);
    }
}
