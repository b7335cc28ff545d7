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
            modern = ssl.create_default_context()
            [|modern.minimum_version = ssl.TLSVersion.TLSv1|]
            [|modern.maximum_version = ssl.TLSv1_1|]
            legacy.set_min_proto_version(SSL.TLS1_2_VERSION)
            [|legacy.set_min_proto_version(SSL.TLS1_1_VERSION)|]

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
}
