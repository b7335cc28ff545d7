using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class TlsVerificationDisabledRuleTests
{
    [Fact]
    public void Flags_verify_false_on_http_clients()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import requests
            import httpx

            def fetch(url, session):
                [|requests.get(url, verify=False)|]
                [|requests.post(url, data={}, verify=False)|]
                [|client = httpx.Client(verify=False)|]
                [|session.get(url, verify=False)|]
            """);
    }

    [Fact]
    public void Flags_unverified_contexts_and_cert_none()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import ssl
            import urllib3

            [|context = ssl._create_unverified_context()|]
            [|ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE|]
            urllib3.disable_warnings()
            """);
    }

    [Fact]
    public void Flags_host_name_checks_off_wrap_socket_and_a_global_unverified_context()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import ssl
            import socket
            import aiohttp
            import httpx

            [|ssl._create_default_https_context = ssl._create_unverified_context|]

            def connect(host):
                [|ctx = ssl.create_default_context()
                ctx.check_hostname = False|]
                sock = socket.create_connection((host, 443))
                [|return ssl.wrap_socket(sock)|]

            async def fetch(url):
                [|connector = aiohttp.TCPConnector(ssl=False)|]
                [|async with httpx.AsyncClient(verify=False) as client:|]
                    return await client.get(url)
            """);
    }

    [Fact]
    public void Ignores_server_sockets_explicit_requirements_and_checks_of_the_setting()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import ssl

            def serve(sock, certfile):
                ctx = ssl.create_default_context()
                ctx.check_hostname = True
                server = ssl.wrap_socket(sock, server_side=True, certfile=certfile)
                client = ssl.wrap_socket(sock, cert_reqs=ssl.CERT_REQUIRED, ca_certs="ca.pem")
                if ssl._create_default_https_context is ssl._create_unverified_context:
                    raise RuntimeError("verification is off")
                return server, client
            """);
    }

    [Fact]
    public void Ignores_verification_on_or_custom_ca()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import requests
            import httpx
            import ssl

            def fetch(url, session):
                requests.get(url, verify=True)
                requests.get(url, verify="/etc/ssl/ca.pem")
                httpx.Client(verify=ssl.create_default_context())
                session.get(url)
            """);
    }

    [Fact]
    public void Ignores_verify_false_on_unrelated_calls()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import ssl

            def check(form, validator):
                form.validate(verify=False)
                validator.run(verify=False)
                ctx = ssl.create_default_context()
                ctx.verify_mode = ssl.CERT_REQUIRED
            """);
    }

    [Fact]
    public void Flags_urllib3_cert_reqs_none_or_optional()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import ssl
            import urllib3 as ur3
            from urllib3 import PoolManager

            [|a = PoolManager(10, cert_reqs=ssl.CERT_OPTIONAL)|]
            [|b = ur3.connection_from_url("https://x", cert_reqs="NONE")|]
            [|c = ur3.connectionpool.HTTPSConnectionPool(cert_reqs='CERT_NONE')|]
            d = PoolManager(10, cert_reqs=ssl.CERT_REQUIRED)
            e = ur3.connection_from_url("https://x", cert_reqs="CERT_REQUIRED")
            f = ur3.connection_from_url("https://x", cert_reqs="CERT NONE")
            g = PoolManager(10, cert_reqs=mode)
            """);
    }

    [Fact]
    public void Leaves_a_library_honouring_its_callers_opt_out_alone()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import ssl


            class SSLContext(ssl.SSLContext):
                def __init__(self, verify: bool = True) -> None:
                    super().__init__()
                    if not verify:
                        self.check_hostname = False
                        self.verify_mode = ssl.CERT_NONE
                        return
                    self.verify_mode = ssl.CERT_REQUIRED


            def describe(ctx):
                if ctx.verify_mode == ssl.CERT_NONE:
                    return "unverified"
                return "verified"
            """);
    }

    [Fact]
    public void Flags_falsy_verify_values_sessions_and_pyopenssl_verify_none()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import requests
            from OpenSSL import SSL

            def fetch(url, ctx):
                [|a = requests.get(url, verify=0)|]
                [|b = requests.request("GET", url, verify="")|]
                s = requests.Session()
                [|s.verify = False|]
                [|c = s.get(url, verify=False)|]
                [|ctx.set_verify(SSL.VERIFY_NONE, lambda *args: True)|]
                return a, b, c
            """);
    }

    [Fact]
    public void Ignores_verify_none_meaning_default_and_pyopenssl_peer_checks()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import requests
            from OpenSSL import SSL

            def fetch(url, ctx, verifier):
                a = requests.get(url, verify=None)
                verifier.verify = False
                ctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT, None)
                return a
            """);
    }

    [Fact]
    public void Flags_a_false_verify_however_it_is_written()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import requests

            def fetch(url):
                [|requests.get(url, verify=(False))|]
                [|requests.get(url, verify='')|]
            """);
    }

    [Fact]
    public void Flags_contexts_made_without_checks_a_spread_verify_false_and_an_accept_all_callback()
    {
        PythonRuleVerifier.Verify<TlsVerificationDisabledRule>("""
            import socket
            import ssl
            import requests
            from OpenSSL import SSL

            def accept_everything(conn, cert, errno, depth, ok):
                if ok:
                    return True
                return 1

            def fetch(url, host):
                [|ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)|]
                ctx.load_verify_locations("ca.pem")
                sock = ctx.wrap_socket(socket.create_connection((host, 443)), server_hostname=host)
                [|connect(ssl.SSLContext(ssl.PROTOCOL_TLSv1_2))|]
                options = {
                    "timeout": 5,
                    [|"verify": False,|]
                }
                response = requests.get(url, **options)
                openssl = SSL.Context(SSL.TLS_CLIENT_METHOD)
                [|openssl.set_verify(SSL.VERIFY_PEER, accept_everything)|]
                [|openssl.set_verify(SSL.VERIFY_PEER, lambda *args: True)|]
                return sock, response
            """);
    }

    [Fact]
    public void Ignores_contexts_set_up_for_checks_or_for_serving_and_real_callbacks()
    {
        PythonRuleVerifier.VerifyNone<TlsVerificationDisabledRule>("""
            import ssl
            import requests
            from OpenSSL import SSL

            def check(conn, cert, errno, depth, ok):
                return ok

            def client(url):
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)
                ctx.verify_mode = ssl.CERT_REQUIRED
                ctx.check_hostname = True
                modern = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                unverified = ssl._create_unverified_context()
                unverified.check_hostname = True
                ssl._create_unverified_context()
                options = {"verify": True}
                response = requests.get(url, **options)
                openssl = SSL.Context(SSL.TLS_CLIENT_METHOD)
                openssl.set_verify(SSL.VERIFY_PEER, check)
                return ctx, modern, unverified, response

            def serve(certfile, keyfile):
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)
                ctx.load_cert_chain(certfile, keyfile)
                return ctx

            def make_server_context():
                return ssl.SSLContext(ssl.PROTOCOL_TLS)

            def bare_context():
                context = ssl.SSLContext(ssl.PROTOCOL_TLS)
                return context
            """);
    }
}
