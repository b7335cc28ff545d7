using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CleartextProtocolRuleTests
{
    [Fact]
    public void Flags_telnet_and_plain_ftp_clients()
    {
        PythonRuleVerifier.Verify<CleartextProtocolRule>("""
            import ftplib
            import telnetlib
            from ftplib import FTP

            [|session = telnetlib.Telnet(host)|]
            [|ftp = ftplib.FTP("files.partner.org", user, secret)|]
            [|other = FTP(host)|]
            safe = ftplib.FTP_TLS(host)
            """);
    }

    [Fact]
    public void Flags_http_urls_sent_by_http_clients()
    {
        PythonRuleVerifier.Verify<CleartextProtocolRule>("""
            import requests
            import httpx
            from urllib.request import urlopen, OpenerDirector

            API = "http://api.partner.org/v1/"

            def load(user_id):
                [|requests.get("http://api.partner.org/users")|]
                [|httpx.post(API + "users", json={"id": user_id})|]
                [|urlopen("ftp://files.partner.org/report.csv")|]

            [|def fetch(url="http://api.partner.org/items"):
                session = requests.Session()
                session.get(url, timeout=5)|]

            def stream():
                with requests.Session() as session:
                    [|session.post("http://api.partner.org/events", auth=(user, secret))|]

            def opener():
                [|OpenerDirector().open("http://api.partner.org/feed")|]
            """);
    }

    [Fact]
    public void Marks_the_url_when_it_is_set_just_above_the_request()
    {
        var findings = PythonRuleVerifier.Run<CleartextProtocolRule>("""
            import requests

            def load():
                url = "http://api.partner.org/users"
                return requests.get(url)
            """);

        var finding = Assert.Single(findings);
        Assert.Equal((4, 5), (finding.StartLine, finding.EndLine));
        Assert.Contains("https://", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_https_local_and_internal_hosts_and_urls_that_are_not_requested()
    {
        PythonRuleVerifier.VerifyNone<CleartextProtocolRule>("""
            import requests

            SCHEMA = "http://www.w3.org/2001/XMLSchema"
            DOCS = "see http://partner.org/docs"

            def load(url, host):
                requests.get("https://api.partner.org/users")
                requests.get("http://localhost:8000/health")
                requests.get("http://127.0.0.1:5000/")
                requests.get("http://[::1]:8080/")
                requests.get("http://web:8000/api")
                requests.get("http://169.254.169.254/latest/meta-data/")
                requests.get("http://10.0.0.12:8500/v1/kv")
                requests.get("http://metadata.google.internal/computeMetadata/v1")
                requests.get(url)
                requests.get(f"http://{host}/status")
                if url.startswith("http://"):
                    pass
            """);
    }

    [Fact]
    public void Flags_smtp_sessions_that_never_start_tls()
    {
        PythonRuleVerifier.Verify<CleartextProtocolRule>("""
            import smtplib

            def send(message):
                [|server = smtplib.SMTP("smtp.partner.org", 587)|]
                server.login(user, secret)
                server.send_message(message)

            def send_safely(message):
                server = smtplib.SMTP("smtp.partner.org", 587)
                server.starttls()
                server.login(user, secret)
                with smtplib.SMTP("smtp.partner.org") as other:
                    other.starttls()
                relay = smtplib.SMTP("localhost")
                secure = smtplib.SMTP_SSL("smtp.partner.org")
            """);
    }
}
