using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CertificateNameTrustRuleTests
{
    [Fact]
    public void Flags_certificates_accepted_because_their_name_matches()
    {
        CSharpRuleVerifier.Verify<CertificateNameTrustRule>("""
            using System;
            using System.Security.Cryptography.X509Certificates;

            public sealed class PartnerCheck
            {
                private const string Partner = "CN=partner.example.com";

                public bool Accept(X509Certificate2 certificate, X509Certificate legacy)
                {
                    if ([|certificate.SubjectName.Name == "CN=localhost"|])
                    {
                        return true;
                    }

                    return [|string.Equals(certificate.Subject, Partner)|]
                        || [|legacy.Issuer.Equals("CN=Partner CA")|]
                        || [|certificate.GetNameInfo(X509NameType.SimpleName, false) == "partner"|];
                }

                public bool Token(X509SecurityToken token) => [|"CN=api" == token.Certificate.SubjectName.Name|];
            }
            """);
    }

    [Fact]
    public void Leaves_thumbprints_logging_and_other_subjects_alone()
    {
        CSharpRuleVerifier.VerifyNone<CertificateNameTrustRule>("""
            using System;
            using System.Security.Cryptography.X509Certificates;

            public sealed record Mail(string Subject);

            public sealed class Checks
            {
                public bool Pinned(X509Certificate2 certificate) => certificate.Thumbprint == "0123456789ABCDEF";

                public string Describe(X509Certificate2 certificate) => "subject: " + certificate.Subject;

                public bool Same(X509Certificate2 certificate, X509Certificate2 other) => certificate.Subject == other.Subject;

                public bool Greeting(Mail mail) => mail.Subject == "Hello";
            }
            """);
    }
}
