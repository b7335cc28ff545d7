using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class XmlSignatureTrustRuleTests
{
    [Fact]
    public void Flags_verification_without_a_trusted_certificate_or_key()
    {
        PythonRuleVerifier.Verify<XmlSignatureTrustRule>("""
            from signxml import XMLVerifier

            def accept(document):
                [|return XMLVerifier().verify(document).signed_xml|]

            def accept_with_options(document):
                options = {"validate_schema": True}
                verifier = XMLVerifier()
                [|return verifier.verify(document, **options)|]
            """);
    }

    [Fact]
    public void Flags_a_configuration_that_drops_the_certificate_requirement()
    {
        PythonRuleVerifier.Verify<XmlSignatureTrustRule>("""
            from signxml import XMLVerifier, SignatureConfiguration

            relaxed = SignatureConfiguration(require_x509=False)
            [|XMLVerifier().verify(document, hmac_key=key, expect_config=relaxed)|]
            """);
    }

    [Fact]
    public void Ignores_verification_against_a_pinned_signer()
    {
        PythonRuleVerifier.VerifyNone<XmlSignatureTrustRule>("""
            from signxml import XMLVerifier

            def accept(document, idp_cert, options):
                XMLVerifier().verify(document, x509_cert=idp_cert)
                XMLVerifier().verify(document, ca_pem_file="idp-ca.pem")
                XMLVerifier().verify(document, **options)
                kwargs = dict(x509_cert=idp_cert)
                XMLVerifier().verify(document, **kwargs)
                other.verify(document)
            """);
    }
}
