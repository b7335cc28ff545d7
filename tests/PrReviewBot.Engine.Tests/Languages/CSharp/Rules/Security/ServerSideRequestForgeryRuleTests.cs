using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.CSharp.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Security;

public sealed class ServerSideRequestForgeryRuleTests
{
    [Fact]
    public void Flags_request_urls_given_to_http_clients()
    {
        CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class PreviewController : Controller
            {
                private readonly HttpClient _http;
                private readonly IHttpClientFactory _factory;

                public async Task<IActionResult> Preview(string url)
                {
                    var html = await [|_http.GetStringAsync(url)|];
                    return Content(html);
                }

                public async Task<IActionResult> Status([FromQuery] string host)
                {
                    var uri = new Uri("https://" + host + "/status");
                    var response = await [|_factory.CreateClient().GetAsync(uri)|];
                    return Ok();
                }

                public async Task<IActionResult> Forward(string target)
                {
                    var message = [|new HttpRequestMessage(HttpMethod.Post, target)|];
                    await _http.SendAsync(message);
                    return Ok();
                }

                public async Task<IActionResult> Parsed(string url)
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var parsed))
                    {
                        await [|_http.GetAsync(parsed)|];
                    }

                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Flags_query_values_given_to_web_requests_web_clients_and_rest_clients()
    {
        CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System.Net;
            using Microsoft.AspNetCore.Mvc;
            using RestSharp;

            public class FeedController : Controller
            {
                public IActionResult Import()
                {
                    var feed = Request.Query["feed"].ToString();
                    using var web = new WebClient();
                    var text = [|web.DownloadString(feed)|];
                    var request = [|WebRequest.Create(feed)|];
                    var rest = [|new RestClient(feed)|];
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_base_address_taken_from_a_minimal_api_parameter()
    {
        CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System;
            using System.Net.Http;

            var app = WebApplication.Create(args);
            app.MapGet("/probe", async (string endpoint) =>
            {
                var client = new HttpClient { [|BaseAddress = new Uri(endpoint)|] };
                return await client.GetStringAsync("/health");
            });
            app.Run();
            """);
    }

    [Fact]
    public void Leaves_fixed_servers_escaped_values_and_configured_urls_alone()
    {
        CSharpRuleVerifier.VerifyNone<ServerSideRequestForgeryRule>("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class ItemsController : Controller
            {
                private readonly HttpClient _http;
                private readonly string _baseUrl;

                public async Task<IActionResult> Get(string id, int page)
                {
                    await _http.GetAsync("https://api.example.com/items/" + id);
                    await _http.GetAsync($"{_baseUrl}/items/{id}");
                    await _http.GetAsync($"/items/{Uri.EscapeDataString(id)}");
                    await _http.GetAsync("https://api.example.com/search?q=" + Uri.EscapeDataString(id));
                    await _http.GetAsync(string.Format("https://api.example.com/pages/{0}", page));
                    await _http.GetStringAsync(_baseUrl);
                    return Ok();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_urls_checked_against_an_allow_list_alone()
    {
        CSharpRuleVerifier.VerifyNone<ServerSideRequestForgeryRule>("""
            using System;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class WebhookController : Controller
            {
                private static readonly string[] AllowedHosts = { "hooks.example.com" };
                private readonly HttpClient _http;

                public async Task<IActionResult> Ping(string url)
                {
                    var uri = new Uri(url);
                    if (!AllowedHosts.Contains(uri.Host))
                    {
                        return BadRequest();
                    }

                    await _http.GetAsync(uri);
                    return Ok();
                }

                public async Task<IActionResult> Pong(string url)
                {
                    if (IsAllowedUrl(url))
                    {
                        await _http.GetAsync(url);
                    }

                    return Ok();
                }

                private static bool IsAllowedUrl(string url) => url.StartsWith("https://hooks.example.com/", StringComparison.Ordinal);
            }
            """);
    }

    [Fact]
    public void Leaves_library_methods_and_look_alike_receivers_alone()
    {
        CSharpRuleVerifier.VerifyNone<ServerSideRequestForgeryRule>("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public interface IOrderRepository { Task<Order> GetAsync(string id); }
            public sealed record Order(string Id);

            public sealed class Downloader
            {
                private readonly HttpClient _http = new();
                public Task<string> Download(string url) => _http.GetStringAsync(url);
            }

            public class OrdersController : Controller
            {
                private readonly IOrderRepository _orders;

                public async Task<IActionResult> Show(string id) => Ok(await _orders.GetAsync(id));
            }
            """);
    }

    [Fact]
    public void Follows_urls_built_by_methods_of_the_same_file()
    {
        CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public class MirrorController : Controller
            {
                private readonly HttpClient _http;

                public async Task<IActionResult> Mirror(string host)
                {
                    var page = await [|_http.GetStringAsync(PageOn(host, "index.html"))|];
                    var known = await _http.GetStringAsync(PageOn("mirror.example.com", host));
                    return Content(page + known);
                }

                private static string PageOn(string server, string page) => "https://" + server + "/" + page;
            }
            """);
    }

    [Fact]
    public void Flags_a_host_from_the_request_but_not_a_configured_host_with_request_paths()
    {
        CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;

            public sealed record ApiOptions(string Host);

            public class UsersController : Controller
            {
                private readonly HttpClient _http;
                private readonly ApiOptions _options;

                public async Task<IActionResult> Show(string id, string region)
                {
                    var user = await _http.GetStringAsync($"https://{_options.Host}/users/{id}");
                    var regional = await [|_http.GetStringAsync($"https://{region}.api.example.com/users/{id}")|];
                    var plain = await _http.GetStringAsync("https://" + _options.Host + "/users/" + id);
                    return Content(user + regional + plain);
                }
            }
            """);
    }

    [Fact]
    public void Leaves_the_outgoing_request_of_a_message_handler_alone()
    {
        CSharpRuleVerifier.VerifyNone<ServerSideRequestForgeryRule>("""
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class RetryHandler : DelegatingHandler
            {
                protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    var copy = new HttpRequestMessage(request.Method, request.RequestUri);
                    return await base.SendAsync(copy, cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public void Warns_when_a_public_method_requests_the_address_its_caller_passes_with_a_client_it_creates()
    {
        var findings = CSharpRuleVerifier.Verify<ServerSideRequestForgeryRule>("""
            using System;
            using System.IO;
            using System.Net;
            using System.Net.Http;
            using RestSharp;

            public class LinkPreview
            {
                public string Fetch(string address)
                {
                    using var client = new HttpClient();
                    return [|client.GetStringAsync(address)|].Result;
                }

                public Stream Open(Uri location)
                {
                    var web = new WebClient();
                    return [|web.OpenRead(location)|];
                }

                public WebResponse Ask(string host)
                {
                    var request = [|WebRequest.Create(host + "/status")|];
                    return request.GetResponse();
                }

                public void Rest(string server)
                {
                    var client = [|new RestClient(server)|];
                    client.Get(new RestRequest("/"));
                }
            }
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Warning, finding.Severity));
        Assert.Contains("callers of the public method `Fetch`", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_caller_addresses_alone_on_fixed_hosts_after_allow_lists_and_in_client_plumbing()
    {
        CSharpRuleVerifier.VerifyNone<ServerSideRequestForgeryRule>("""
            using System;
            using System.Linq;
            using System.Net;
            using System.Net.Http;
            using System.Threading.Tasks;
            using RestSharp;

            public class Gateway
            {
                private static readonly string[] Allowed = ["api.example.com"];
                private readonly HttpClient _http;
                private readonly RestClient _rest;

                public Gateway(string baseUrl)
                {
                    _rest = new RestClient(baseUrl);
                }

                public Task<string> Wrapped(string url) => _http.GetStringAsync(url);

                public RestResponse Resource(string resource) => _rest.Get(new RestRequest(resource));

                public string Item(string id)
                {
                    using var client = new HttpClient();
                    return client.GetStringAsync("https://api.example.com/items/" + id).Result;
                }

                public string Checked(string url)
                {
                    var uri = new Uri(url);
                    if (!Allowed.Contains(uri.Host))
                    {
                        throw new ArgumentException("unknown host", nameof(url));
                    }

                    using var client = new HttpClient();
                    return client.GetStringAsync(uri).Result;
                }

                public HttpClient Create(string baseUrl) => new HttpClient { BaseAddress = new Uri(baseUrl) };

                public WebRequest Build(string url) => WebRequest.Create(url);

                private string Hidden(string url)
                {
                    using var client = new HttpClient();
                    return client.GetStringAsync(url).Result;
                }
            }
            """);
    }
}
