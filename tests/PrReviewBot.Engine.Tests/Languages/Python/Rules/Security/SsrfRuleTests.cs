using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Server-side request forgery: request URLs given to HTTP clients. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class SsrfRuleTests
{
    [Fact]
    public void Ssrf_flags_request_urls_given_to_http_clients_in_flask_django_and_fastapi()
    {
        PythonRuleVerifier.Verify<SsrfRule>("""
            import requests
            import httpx
            import urllib.request
            from flask import Flask, request
            from fastapi import FastAPI

            app = Flask(__name__)
            api = FastAPI()

            @app.route("/fetch")
            def fetch():
                [|return requests.get(request.args["url"]).text|]

            def proxy(request):
                [|target = request.GET.get("target")
                session = requests.Session()
                return session.post(target, data=b"")|]

            @api.get("/preview")
            async def preview(link: str):
                async with httpx.AsyncClient() as client:
                    [|return await client.get(link)|]

            @app.route("/open")
            def open_url():
                [|host = request.form["host"]
                return urllib.request.urlopen(f"http://{host}/status").read()|]
            """);
    }

    [Fact]
    public void Ssrf_warns_when_only_the_path_of_a_fixed_host_comes_from_the_request()
    {
        var findings = PythonRuleVerifier.Verify<SsrfRule>("""
            import requests
            from flask import request

            API = "https://api.example.com"

            def user(request):
                [|return requests.get(f"https://api.example.com/users/{request.args['id']}")|]
            """);

        Assert.Equal(Severity.Warning, Assert.Single(findings).Severity);
    }

    [Fact]
    public void Ssrf_leaves_constant_configured_and_validated_urls_alone()
    {
        PythonRuleVerifier.VerifyNone<SsrfRule>("""
            import os
            import requests
            from flask import request

            ALLOWED = {"https://a.example.com", "https://b.example.com"}

            def health():
                return requests.get("https://status.example.com/health")

            def configured(url=os.environ.get("SERVICE_URL")):
                return requests.get(url)

            def checked():
                url = request.args["url"]
                if url not in ALLOWED:
                    return "no"
                return requests.get(url)

            def numeric():
                page = int(request.args["page"])
                return requests.get(f"https://api.example.com/items?page={page}")

            def cache(request):
                data = {"url": "x"}
                return data.get(request.args["key"])
            """);
    }
}
