using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CsrfDisabledRuleTests
{
    [Fact]
    public void Flags_views_exempted_from_csrf_checks()
    {
        PythonRuleVerifier.Verify<CsrfDisabledRule>("""
            import django
            from django.views.decorators.csrf import csrf_exempt
            from flask_wtf.csrf import CSRFProtect

            csrf = CSRFProtect()

            [|@csrf_exempt|]
            def webhook(request):
                pass

            [|@django.views.decorators.csrf.csrf_exempt|]
            def other(request):
                pass

            @app.route("/hook", methods=["POST"])
            [|@csrf.exempt|]
            def hook():
                pass

            [|csrf.exempt(api_blueprint)|]
            """);
    }

    [Fact]
    public void Ignores_unrelated_exempt_members_and_protected_views()
    {
        PythonRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            from django.views.decorators.csrf import csrf_protect

            @csrf_protect
            def form(request):
                pass

            @rate_limiter.exempt
            def health():
                pass

            throttle.exempt(health)
            """);
    }

    [Fact]
    public void Flags_flask_wtf_switched_off_as_an_error_outside_tests()
    {
        var findings = PythonRuleVerifier.Verify<CsrfDisabledRule>("""
            import flask

            app = flask.Flask(__name__)
            [|app.config["WTF_CSRF_ENABLED"] = False|]
            [|app.config.WTF_CSRF_ENABLED = False|]
            app.config.update(
                SECRET_KEY=key,
                [|WTF_CSRF_ENABLED=False,|]
            )
            [|WTF_CSRF_CHECK_DEFAULT = False|]
            app.config["WTF_CSRF_ENABLED"] = True
            """);
        Assert.All(findings, finding => Assert.Equal(Severity.Error, finding.Severity));
    }

    [Fact]
    public void Ignores_csrf_switched_off_in_testing_configuration()
    {
        PythonRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            class TestingConfig(Config):
                WTF_CSRF_ENABLED = False

            class CiConfig(Config):
                TESTING = True
                WTF_CSRF_ENABLED = False

            app.config.update(
                WTF_CSRF_ENABLED=False,
                TESTING=True,
            )
            """);
    }

    [Fact]
    public void Flags_forms_and_pyramid_views_with_csrf_off()
    {
        PythonRuleVerifier.Verify<CsrfDisabledRule>("""
            from flask_wtf import FlaskForm
            from pyramid.view import view_config

            class UnprotectedForm(FlaskForm):
                class Meta:
                    [|csrf = False|]

            def edit(request):
                [|form = ProfileForm(request.form, csrf_enabled=False)|]
                [|other = ProfileForm(request.form, meta={"csrf": False})|]
                kept = ProfileForm(request.form, meta={"csrf": True})

            @view_config(
                route_name="home",
                [|require_csrf=False,|]
            )
            def home(request):
                pass

            def includeme(config):
                [|config.set_default_csrf_options(require_csrf=False)|]
                [|config.set_default_csrf_options(check_origin=False)|]
                config.set_default_csrf_options(require_csrf=True)
            """);
    }

    [Fact]
    public void Flags_django_middleware_without_the_csrf_middleware()
    {
        PythonRuleVerifier.Verify<CsrfDisabledRule>("""
            [|MIDDLEWARE = [
                "django.middleware.security.SecurityMiddleware",
                "django.contrib.sessions.middleware.SessionMiddleware",
            ]|]
            """, path: "project/settings.py");
        PythonRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            MIDDLEWARE = [
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
            ]
            MIDDLEWARE = [f"{PREFIX}.middleware", "django.middleware.common.CommonMiddleware"]
            """, path: "project/settings.py");

        // An API authenticated by tokens has no session for a forged request to ride on.
        PythonRuleVerifier.VerifyNone<CsrfDisabledRule>("""
            MIDDLEWARE = [
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.common.CommonMiddleware",
                "api.middleware.jwt_refresh_token_middleware",
            ]
            """, path: "project/settings.py");
    }

    [Fact]
    public void Flags_session_authentication_that_skips_the_csrf_check()
    {
        PythonRuleVerifier.Verify<CsrfDisabledRule>("""
            from rest_framework.authentication import SessionAuthentication

            class CsrfExemptSessionAuthentication(SessionAuthentication):
                [|def enforce_csrf(self, request):|]
                    return

            class LoggedSessionAuthentication(SessionAuthentication):
                def enforce_csrf(self, request):
                    logger.debug("checking csrf")
                    return super().enforce_csrf(request)
            """);
    }
}
