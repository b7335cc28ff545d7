using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class WeakTlsVersionRuleTests
{
    [Fact]
    public void Flags_obsolete_protocol_versions()
    {
        PythonRuleVerifier.Verify<WeakTlsVersionRule>("""
            import ssl
            from OpenSSL import SSL

            [|ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)|]
            [|sock = ssl.wrap_socket(raw, ssl_version=ssl.PROTOCOL_SSLv3)|]
            [|legacy = SSL.Context(method=SSL.TLSv1_1_METHOD)|]
            [|any_version = SSL.Context(SSL.SSLv23_METHOD)|]

            def configure(modern, legacy):
                [|modern.minimum_version = ssl.TLSVersion.TLSv1|]
                [|modern.maximum_version = ssl.TLSv1_1|]
                legacy.set_min_proto_version(SSL.TLS1_2_VERSION)
                [|legacy.set_min_proto_version(SSL.TLS1_1_VERSION)|]
                [|modern.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED|]

            [|def open_ssl_socket(version=ssl.PROTOCOL_SSLv2):|]
                pass
            """);
    }

    [Fact]
    public void Ignores_modern_versions_guarded_negotiation_and_checks_of_the_setting()
    {
        PythonRuleVerifier.VerifyNone<WeakTlsVersionRule>("""
            import ssl
            from OpenSSL import SSL

            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            server = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)
            negotiated = SSL.Context(SSL.SSLv23_METHOD)
            negotiated.set_options(SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3)
            if ctx.protocol == ssl.PROTOCOL_TLSv1:
                raise RuntimeError("too old")
            if ctx.minimum_version < ssl.TLSVersion.TLSv1_1:
                raise RuntimeError("too old")
            """);
    }

    [Fact]
    public void Reports_a_weakening_setting_from_the_line_that_made_the_context()
    {
        var findings = PythonRuleVerifier.Verify<WeakTlsVersionRule>("""
            import ssl
            from OpenSSL import SSL

            def client():
                [|ctx = ssl.create_default_context()
                ctx.minimum_version = ssl.TLSv1_1|]
                [|openssl = SSL.Context(SSL.TLS_CLIENT_METHOD)
                openssl.set_min_proto_version(SSL.TLS1_1_VERSION)|]
                return ctx, openssl
            """);

        Assert.Equal([6, 8], findings.Select(finding => finding.EndLine));
    }

    [Fact]
    public void Flags_option_lists_that_stop_one_version_short_or_replace_the_defaults()
    {
        PythonRuleVerifier.Verify<WeakTlsVersionRule>("""
            import ssl
            from OpenSSL import SSL

            def contexts():
                [|ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3 | ssl.OP_NO_TLSv1|]
                [|replaced = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                replaced.options = ssl.OP_NO_SSLv2|]
                [|openssl = SSL.Context(SSL.TLS_METHOD)
                openssl.set_options(SSL.OP_NO_SSLv2 | SSL.OP_NO_SSLv3 | SSL.OP_NO_TLSv1)|]
                return ctx, replaced, openssl
            """);
    }

    [Fact]
    public void Ignores_default_contexts_complete_option_lists_and_a_raised_minimum()
    {
        PythonRuleVerifier.VerifyNone<WeakTlsVersionRule>("""
            import ssl
            from OpenSSL import SSL

            def contexts():
                default = ssl.create_default_context()
                client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                openssl = SSL.Context(SSL.TLS_METHOD)
                complete = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                complete.options |= ssl.OP_NO_SSLv2 | ssl.OP_NO_SSLv3 | ssl.OP_NO_TLSv1 | ssl.OP_NO_TLSv1_1
                raised = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                raised.options |= ssl.OP_NO_TLSv1
                raised.minimum_version = ssl.TLSVersion.TLSv1_2
                compressed = ssl.create_default_context()
                compressed.options |= ssl.OP_NO_COMPRESSION
                pinned = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)
                pinned.options |= ssl.OP_NO_TLSv1
                return default, client, openssl, complete, raised, compressed, pinned
            """);
    }

    [Fact]
    public void Flags_aws_endpoints_whose_tls_policy_is_or_defaults_to_tls_1_0()
    {
        PythonRuleVerifier.Verify<WeakTlsVersionRule>("""
            from aws_cdk import aws_apigateway as apigateway
            from aws_cdk import aws_opensearchservice as opensearch

            class Stack:
                def __init__(self, certificate):
                    legacy = apigateway.SecurityPolicy.TLS_1_0
                    [|apigateway.DomainName(self, "api", domain_name="api.example.org", certificate=certificate, security_policy=legacy)|]
                    [|apigateway.CfnDomainName(self, "cfn", domain_name="cfn.example.org", security_policy="TLS_1_0")|]
                    [|opensearch.Domain(self, "search", version=opensearch.EngineVersion.OPENSEARCH_2_11)|]
                    [|opensearch.Domain(self, "old", tls_security_policy=opensearch.TLSSecurityPolicy.TLS_1_0)|]
                    [|opensearch.CfnDomain(self, "cfn-search")|]
                    [|opensearch.CfnDomain(self, "cfn-old", domain_endpoint_options={"tls_security_policy": "Policy-Min-TLS-1-0-2019-07"})|]
            """);
    }

    [Fact]
    public void Ignores_aws_endpoints_that_require_tls_1_2()
    {
        PythonRuleVerifier.VerifyNone<WeakTlsVersionRule>("""
            from aws_cdk import aws_apigateway as apigateway
            from aws_cdk import aws_opensearchservice as opensearch

            class Stack:
                def __init__(self, certificate, options):
                    apigateway.DomainName(self, "api", domain_name="api.example.org", certificate=certificate)
                    apigateway.DomainName(self, "tls12", domain_name="x.example.org", certificate=certificate, security_policy=apigateway.SecurityPolicy.TLS_1_2)
                    opensearch.Domain(self, "search", tls_security_policy=opensearch.TLSSecurityPolicy.TLS_1_2)
                    opensearch.CfnDomain(self, "cfn", domain_endpoint_options=opensearch.CfnDomain.DomainEndpointOptionsProperty(tls_security_policy="Policy-Min-TLS-1-2-2019-07"))
                    opensearch.CfnDomain(self, "passed", domain_endpoint_options=options)
            """);
    }
}
