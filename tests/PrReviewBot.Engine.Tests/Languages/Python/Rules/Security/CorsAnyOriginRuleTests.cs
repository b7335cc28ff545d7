using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CorsAnyOriginRuleTests
{
    [Fact]
    public void Flags_flask_cors_with_default_or_wildcard_origins()
    {
        PythonRuleVerifier.Verify<CorsAnyOriginRule>("""
            from flask import Flask
            from flask_cors import CORS, cross_origin

            app = Flask(__name__)
            [|CORS(app)|]
            [|CORS(app, origins="*")|]
            [|CORS(app, origins=[r".*"])|]
            [|CORS(app, resources={r"/api/*": {"origins": "*"}})|]
            [|CORS(app, resources=r"/api/*")|]

            [|@cross_origin|]
            def bare():
                pass

            [|@cross_origin()|]
            def called():
                pass
            """);
    }

    [Fact]
    public void Ignores_flask_cors_with_listed_origins_or_configured_elsewhere()
    {
        PythonRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            from flask import Flask
            from flask_cors import CORS, cross_origin

            app = Flask(__name__)
            CORS(app, origins=["https://app.example.com"])
            CORS(app, resources={r"/api/*": {"origins": "https://app.example.com"}})
            CORS(app, resources=r"/api/*", origins="https://app.example.com")
            CORS(app, **cors_options)

            @cross_origin(origins=["https://app.example.com"])
            def listed():
                pass

            @foo.cross_origin
            def unrelated():
                pass
            """);
        PythonRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            from flask import Flask
            from flask_cors import CORS

            app = Flask(__name__)
            app.config["CORS_ORIGINS"] = os.environ["ALLOWED_ORIGINS"].split(",")
            CORS(app)
            """);
    }

    [Fact]
    public void Flags_wildcard_middleware_as_error_when_credentials_are_allowed()
    {
        var findings = PythonRuleVerifier.Verify<CorsAnyOriginRule>("""
            from fastapi import FastAPI
            from fastapi.middleware.cors import CORSMiddleware

            app = FastAPI()
            origins = ["*"]
            app.add_middleware(
                CORSMiddleware,
                [|allow_origins=origins,|]
                allow_credentials=True,
            )
            app.add_middleware(CORSMiddleware, [|allow_origins=["*"]|])
            app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
            """);
        Assert.Equal([Severity.Error, Severity.Warning], findings.Select(finding => finding.Severity));
    }

    [Fact]
    public void Flags_allow_origin_wildcard_set_by_hand()
    {
        PythonRuleVerifier.Verify<CorsAnyOriginRule>("""
            import flask
            from django.http import HttpResponse
            from werkzeug.datastructures import Headers

            def view(request):
                response = HttpResponse("OK")
                [|response["Access-Control-Allow-Origin"] = "*"|]
                [|response.headers.add("Access-Control-Allow-Origin", "*")|]
                [|return flask.Response("{}", 200, {"Access-Control-Allow-Origin": "*"})|]

            [|headers = Headers({"access-control-allow-origin": "*"})|]
            """);
    }

    [Fact]
    public void Ignores_other_headers_and_specific_origins()
    {
        PythonRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            def view(request):
                response = HttpResponse("OK")
                response["Access-Control-Allow-Origin"] = "https://app.example.com"
                response["Access-Control-Allow-Methods"] = "*"
                response.headers.set("Access-Control-Allow-Headers", "*")
                foo.response["Access-Control-Allow-Origin"] = "*"
                return {"Access-Control-Allow-Origin": request.headers["Origin"]}
            """);
    }

    [Fact]
    public void Flags_django_allow_all_only_in_settings()
    {
        PythonRuleVerifier.Verify<CorsAnyOriginRule>("""
            INSTALLED_APPS = ["corsheaders"]
            [|CORS_ALLOW_ALL_ORIGINS = True|]
            [|CORS_ORIGIN_ALLOW_ALL = True|]
            [|CORS_ALLOWED_ORIGIN_REGEXES = [r"^.*$"]|]
            CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
            """, path: "project/settings.py");
        PythonRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            CORS_ORIGIN_ALLOW_ALL = True
            """, path: "project/cors.py");
        PythonRuleVerifier.VerifyNone<CorsAnyOriginRule>("""
            CORS_ORIGIN_ALLOW_ALL = DEBUG
            CORS_ALLOW_ALL_ORIGINS = False
            """, path: "project/settings.py");
    }
}
