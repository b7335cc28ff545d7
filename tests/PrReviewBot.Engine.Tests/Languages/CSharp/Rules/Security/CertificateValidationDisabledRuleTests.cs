using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CertificateValidationDisabledRuleTests
{
    [Fact]
    public void Flags_lambdas_and_anonymous_methods_that_return_true()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public sealed class Client
            {
                public void Configure(HttpWebRequest request)
                {
                    [|ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;|]
                    [|ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };|]
                    [|request.ServerCertificateValidationCallback = (sender, certificate, chain, sslPolicyErrors) => (((true)));|]
                    var handler = new HttpClientHandler();
                    [|handler.ServerCertificateCustomValidationCallback = delegate (HttpRequestMessage message, X509Certificate2 certificate, X509Chain chain, SslPolicyErrors errors) { return true; };|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_callbacks_in_multi_line_initializers()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net.Http;

            public sealed class Factory
            {
                public HttpClient Create()
                {
                    var handler = new HttpClientHandler
                    {
                        UseProxy = false,
                        [|ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                        {
                            return true;
                        }|],
                    };
                    return new HttpClient(handler);
                }
            }
            """);
    }

    [Fact]
    public void Flags_the_framework_accept_any_validator()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net.Http;

            public sealed class Factory
            {
                public HttpClient Create()
                {
                    var handler = new HttpClientHandler();
                    [|handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;|]
                    return new HttpClient(handler);
                }
            }
            """);
    }

    [Fact]
    public void Flags_method_groups_whose_body_only_returns_true()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System;
            using System.IO;
            using System.Net;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public sealed class Client
            {
                public void Configure(Stream stream)
                {
                    [|ServicePointManager.ServerCertificateValidationCallback += AcceptAll;|]
                    [|ServicePointManager.ServerCertificateValidationCallback = new RemoteCertificateValidationCallback(Logged);|]
                    var ssl = new SslStream(stream, false, [|AcceptAll|]);
                }

                private static bool AcceptAll(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) => true;

                private static bool Logged(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
                {
                    Console.WriteLine(certificate.Subject);
                    return true;
                }
            }
            """);
    }

    [Fact]
    public void Flags_callback_variables_and_unresolved_clients()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using MailKit.Net.Smtp;
            using System.Net.Security;

            public sealed class Mailer
            {
                public void Send(SmtpClient client)
                {
                    [|RemoteCertificateValidationCallback trustAll = (s, c, h, e) => true;|]
                    [|client.ServerCertificateValidationCallback = (s, c, h, e) => true;|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_certificate_policy_that_accepts_everything()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net;
            using System.Security.Cryptography.X509Certificates;

            public sealed class TrustAllPolicy : ICertificatePolicy
            {
                public bool CheckValidationResult(ServicePoint point, X509Certificate certificate, WebRequest request, int problem) => true;
            }

            public static class Setup
            {
                public static void Run() => [|ServicePointManager.CertificatePolicy = new TrustAllPolicy()|];
            }
            """);
    }

    [Fact]
    public void Ignores_callbacks_that_check_policy_errors_or_thumbprints()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public sealed class Client
            {
                private const string Pinned = "A1B2C3";

                public void Configure()
                {
                    ServicePointManager.ServerCertificateValidationCallback = (sender, cert, chain, errors) => errors == SslPolicyErrors.None;
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                        {
                            if (errors == SslPolicyErrors.None)
                            {
                                return true;
                            }

                            return cert?.GetCertHashString() == Pinned;
                        },
                    };
                    ServicePointManager.ServerCertificateValidationCallback += Validate;
                    ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => false;
                }

                private static bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
                {
                    if (certificate.Subject != "CN=api.example.com")
                    {
                        return false;
                    }

                    return true;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_callbacks_that_reject_by_throwing_and_unrelated_true_lambdas()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            using System;
            using System.Linq;
            using System.Net;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public sealed class Client
            {
                public void Configure(int[] values)
                {
                    ServicePointManager.ServerCertificateValidationCallback += Strict;
                    ServicePointManager.CheckCertificateRevocationList = false;
                    var all = values.Where(value => true).ToList();
                    Func<int, int, int, int, bool> unrelated = (a, b, c, d) => true;
                }

                private static bool Strict(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
                {
                    if (errors != SslPolicyErrors.None)
                    {
                        throw new InvalidOperationException("untrusted certificate");
                    }

                    return true;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_text_that_mentions_the_validator()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            public static class Docs
            {
                // Never use HttpClientHandler.DangerousAcceptAnyServerCertificateValidator in production.
                public const string Warning = "ServerCertificateValidationCallback = (a, b, c, d) => true is forbidden";
            }
            """);
    }

    [Fact]
    public void Flags_callbacks_that_arrive_through_parameters_and_factories()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;

            public sealed class Client
            {
                public void Configure(HttpClientHandler handler)
                {
                    Install((sender, certificate, chain, errors) => true);
                    [|handler.ServerCertificateCustomValidationCallback = Dangerous();|]
                }

                private static void Install(RemoteCertificateValidationCallback callback)
                {
                    [|ServicePointManager.ServerCertificateValidationCallback += callback;|]
                }

                private static System.Func<HttpRequestMessage, System.Security.Cryptography.X509Certificates.X509Certificate2, System.Security.Cryptography.X509Certificates.X509Chain, SslPolicyErrors, bool> Dangerous()
                {
                    return [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
                }
            }
            """);
    }

    [Fact]
    public void Ignores_a_multi_line_initializer_that_validates_the_chain()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            using System.Net.Http;
            using System.Net.Security;

            public sealed class Factory
            {
                public HttpClientHandler Create(string thumbprint) => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                        errors == SslPolicyErrors.None
                        || (certificate != null && certificate.Thumbprint == thumbprint),
                };
            }
            """);
    }

    [Fact]
    public void Ignores_unresolved_clients_with_validating_callbacks()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            using MailKit.Net.Smtp;
            using System.Net.Security;

            public sealed class Mailer
            {
                public void Configure(SmtpClient client, CertificatePinner pinner)
                {
                    client.ServerCertificateValidationCallback = (sender, certificate, chain, errors) => pinner.Matches(certificate);
                    client.ServerCertificateValidationCallback = null;
                }
            }
            """);
    }

    [Fact]
    public void Ignores_callbacks_passed_only_validating_arguments()
    {
        CSharpRuleVerifier.VerifyNone<CertificateValidationDisabledRule>("""
            using System.Net;
            using System.Net.Security;

            public sealed class Client
            {
                public void Configure()
                {
                    Install((sender, certificate, chain, errors) => errors == SslPolicyErrors.None);
                }

                private static void Install(RemoteCertificateValidationCallback callback)
                {
                    ServicePointManager.ServerCertificateValidationCallback += callback;
                }
            }
            """);
    }

    [Fact]
    public void Flags_accept_all_validators_handed_on_by_name_to_any_callback_slot()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            public sealed class TlsOptions
            {
                public RemoteCertificateValidationCallback Validator { get; set; }
                public TlsOptions(string host, RemoteCertificateValidationCallback callback = null) { }
            }

            public class Connector
            {
                public void Configure(TlsOptions options)
                {
                    [|options.Validator = TrustEverything|];
                    var other = new TlsOptions("db", [|callback: TrustEverything|]);
                    var fine = new TlsOptions("db", callback: CheckErrors);
                    RemoteCertificateValidationCallback [|kept = TrustEverything|];
                }

                private static bool TrustEverything(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
                {
                    System.Console.WriteLine(errors);
                    return true;
                }

                private static bool CheckErrors(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) =>
                    errors == SslPolicyErrors.None;
            }
            """);
    }

    [Fact]
    public void Flags_factories_chosen_among_overloads_and_recursive_factories()
    {
        CSharpRuleVerifier.Verify<CertificateValidationDisabledRule>("""
            using System.Net;
            using System.Net.Security;

            public partial class Setup
            {
                public void Configure(int depth)
                {
                    [|ServicePointManager.ServerCertificateValidationCallback += Pick(depth)|];
                    [|ServicePointManager.ServerCertificateValidationCallback += Pick()|];
                }

                private static RemoteCertificateValidationCallback Pick(int depth)
                {
                    if (depth > 0)
                    {
                        return Pick(depth - 1);
                    }

                    return (sender, certificate, chain, errors) => true;
                }

                private static partial RemoteCertificateValidationCallback Pick();

                private static partial RemoteCertificateValidationCallback Pick() => delegate { return true; };
            }
            """);
    }
}
