using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class CleartextProtocolRuleTests
{
    [Fact]
    public void Flags_smtp_clients_without_ssl()
    {
        var findings = CSharpRuleVerifier.Verify<CleartextProtocolRule>("""
            using System.Net.Mail;

            public sealed class Mailer
            {
                public void Send(string host)
                {
                    [|using var client = new SmtpClient(host, 25);|]
                    [|using var off = new SmtpClient("smtp.example.org", 25) { EnableSsl = false };|]
                    [|var later = new SmtpClient(host);|]
                    later.EnableSsl = false;
                }
            }
            """);
        Assert.Contains("EnableSsl = true", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignores_smtp_clients_with_ssl_loopback_or_configuration()
    {
        CSharpRuleVerifier.VerifyNone<CleartextProtocolRule>("""
            using System.Net.Mail;

            public sealed class Mailer
            {
                public void Send(string host)
                {
                    using var secure = new SmtpClient(host, 587) { EnableSsl = true };
                    var later = new SmtpClient(host);
                    later.EnableSsl = true;
                    using var local = new SmtpClient("localhost", 25);
                    using var configured = new SmtpClient();
                }
            }
            """);
    }

    [Fact]
    public void Flags_ftp_requests_without_ssl_and_telnet_clients()
    {
        CSharpRuleVerifier.Verify<CleartextProtocolRule>("""
            using System.Net;

            public sealed class Transfers
            {
                public void Run(string url)
                {
                    [|var request = (FtpWebRequest)WebRequest.Create(url);|]
                    var other = (FtpWebRequest)WebRequest.Create(url);
                    [|other.EnableSsl = false|];
                    var secure = (FtpWebRequest)WebRequest.Create(url);
                    secure.EnableSsl = true;
                    var session = [|new Net.Telnet.Client("router", 23)|];
                    [|TelnetConnection.Open("router")|];
                }
            }
            """);
    }

    [Fact]
    public void Flags_clear_text_urls_given_to_request_apis()
    {
        CSharpRuleVerifier.Verify<CleartextProtocolRule>("""
            using System;
            using System.Net;
            using System.Net.Http;

            public sealed class Api
            {
                private const string Service = "http://api.example.org";

                public async void Call(HttpClient client, WebClient web, string id)
                {
                    client.BaseAddress = [|new Uri("http://api.example.org/")|];
                    await client.GetStringAsync([|Service + "/items/" + id|]);
                    web.DownloadFile([|"ftp://files.example.org/report.csv"|], "report.csv");
                    var message = new HttpRequestMessage(HttpMethod.Post, [|$"http://api.example.org/items/{id}"|]);
                }
            }
            """);
    }

    [Fact]
    public void Ignores_https_loopback_and_urls_that_are_only_identifiers()
    {
        CSharpRuleVerifier.VerifyNone<CleartextProtocolRule>("""
            using System;
            using System.Net.Http;
            using System.Xml.Linq;

            public sealed class Api
            {
                private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

                public async void Call(HttpClient client, string id)
                {
                    client.BaseAddress = new Uri("https://api.example.org/");
                    await client.GetStringAsync("http://localhost:5000/health");
                    await client.GetStringAsync("http://127.0.0.1/items/" + id);
                    var link = "See http://example.org for details";
                    var scheme = "http://";
                    var telnetwork = "Telnetwork";
                    var nameOfType = nameof(Telnet);
                }

                private sealed class Telnet { }
            }
            """);
    }
}
