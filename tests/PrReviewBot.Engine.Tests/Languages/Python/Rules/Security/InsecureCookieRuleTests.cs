using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class InsecureCookieRuleTests
{
    [Fact]
    public void Flags_cookies_set_without_any_flag_or_with_a_flag_turned_off()
    {
        PythonRuleVerifier.Verify<InsecureCookieRule>("""
            from flask import make_response

            def login():
                response = make_response()
                [|response.set_cookie("session_id", token)|]
                [|response.set_cookie("session_id", token, secure=False, httponly=True)|]
                [|response.set_cookie("remember", token, httponly=None)|]
                [|response.set_signed_cookie("user", name, salt="s", secure=False)|]
                [|response.set_cookie(
                    "cart",
                    value,
                    httponly=False,|]
                )
                return response
            """);
    }

    [Fact]
    public void Ignores_cookies_whose_flags_were_chosen_or_that_are_cleared()
    {
        PythonRuleVerifier.VerifyNone<InsecureCookieRule>("""
            def login(response, settings):
                response.set_cookie("session_id", token, secure=True, httponly=True, samesite="Lax")
                response.set_cookie("csrftoken", token, secure=True)
                response.set_cookie("theme", theme, httponly=True)
                response.set_cookie("session_id", token, None, None, "/", None, True, True)
                response.set_cookie("session_id", token, secure=settings.SESSION_COOKIE_SECURE or None)
                response.set_cookie("session_id", token, **cookie_flags)
                response.set_cookie("session_id", "", max_age=0)
                jar.set_cookie(cookie)

            def set_cookie(name, value):
                return name, value
            """);
    }

    [Fact]
    public void Flags_session_cookie_httponly_turned_off_as_an_error()
    {
        var findings = PythonRuleVerifier.Verify<InsecureCookieRule>("""
            from flask import Flask

            app = Flask(__name__)
            [|app.config["SESSION_COOKIE_HTTPONLY"] = False|]
            app.config.update({
                "SECRET_KEY": key,
                [|"SESSION_COOKIE_HTTPONLY": False,|]
            })
            app.config.update(dict(
                [|SESSION_COOKIE_HTTPONLY=False,|]
            ))
            app.config["SESSION_COOKIE_HTTPONLY"] = True
            app.config["SESSION_COOKIE_SECURE"] = False
            """);
        Assert.All(findings, finding => Assert.Equal(Severity.Error, finding.Severity));
    }

    [Fact]
    public void Flags_set_cookie_headers_and_morsels_without_flags()
    {
        PythonRuleVerifier.Verify<InsecureCookieRule>("""
            from http.cookies import SimpleCookie
            from starlette.responses import PlainTextResponse

            def view():
                [|response = PlainTextResponse("ok", headers={"Set-Cookie": "key=value"})|]
                headers = {"set-cookie": "key=value"}
                [|other = PlainTextResponse("ok", headers=headers)|]
                safe = PlainTextResponse("ok", headers={"Set-Cookie": "key=value; Secure; HttpOnly"})
                cookie = SimpleCookie()
                cookie["sid"] = token
                [|cookie["sid"]["secure"] = False|]
                cookie["sid"]["httponly"] = True
                not_a_cookie = {}
                not_a_cookie["sid"]["secure"] = False
                [|response.headers["Set-Cookie"] = f"sid={token}; Path=/"|]
                [|response.headers.add("Set-Cookie", "theme=dark")|]
                response.headers["Set-Cookie"] = f"sid={token}; Secure; HttpOnly"
                response.headers["Set-Cookie"] = cookie_header
            """);
    }

    [Fact]
    public void Flags_pyramid_auth_ticket_with_a_protection_written_off()
    {
        PythonRuleVerifier.Verify<InsecureCookieRule>("""
            from pyramid.authentication import AuthTktAuthenticationPolicy

            policy = AuthTktAuthenticationPolicy(secret)
            [|policy = AuthTktAuthenticationPolicy(secret, secure=True, httponly=False)|]
            [|policy = AuthTktAuthenticationPolicy(secret, secure=True, httponly=True, samesite=None)|]
            policy = AuthTktAuthenticationPolicy(secret, secure=True, httponly=True)
            policy = AuthTktAuthenticationPolicy(**settings)
            """);
    }
}
