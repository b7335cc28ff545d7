using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class JinjaAutoescapeDisabledRuleTests
{
    [Fact]
    public void Flags_disabled_or_missing_autoescape()
    {
        PythonRuleVerifier.Verify<JinjaAutoescapeDisabledRule>("""
            import jinja2
            from jinja2 import Environment, FileSystemLoader
            import jinja2 as j

            [|a = jinja2.Environment(loader=FileSystemLoader("templates"), autoescape=False)|]
            [|b = Environment(loader=FileSystemLoader("templates"))|]
            [|c = j.Environment()|]
            [|d = Environment(
                loader=FileSystemLoader("templates"),
                autoescape=False,|]
            )
            """);
    }

    [Fact]
    public void Ignores_enabled_autoescape_and_other_environments()
    {
        PythonRuleVerifier.VerifyNone<JinjaAutoescapeDisabledRule>("""
            import jinja2
            from jinja2 import Environment, select_autoescape

            a = jinja2.Environment(autoescape=True)
            b = Environment(autoescape=select_autoescape(["html", "xml"]))
            c = Environment(**options)
            d = gym.Environment()
            e = Environment(autoescape=should_escape)
            """);
    }

    [Fact]
    public void Flags_options_dicts_that_leave_autoescaping_off()
    {
        PythonRuleVerifier.Verify<JinjaAutoescapeDisabledRule>("""
            from jinja2 import Environment, select_autoescape

            plain = {"trim_blocks": True}
            [|env = Environment(**plain)|]
            escaped = {"autoescape": select_autoescape()}
            env2 = Environment(**escaped)
            [|off = {"autoescape": False, "trim_blocks": True}
            env3 = Environment(**off)|]
            env4 = Environment(**load_options())
            """);
    }

    [Fact]
    public void Flags_autoescape_turned_off_in_a_template_context_or_the_django_settings()
    {
        PythonRuleVerifier.Verify<JinjaAutoescapeDisabledRule>("""
            from django.shortcuts import render

            def page(request):
                [|return render(request, "page.html", {"q": request.GET.get("q"), "autoescape": False})|]
            """);
        PythonRuleVerifier.Verify<JinjaAutoescapeDisabledRule>("""
            TEMPLATES = [
                {
                    "BACKEND": "django.template.backends.django.DjangoTemplates",
                    [|"OPTIONS": {"autoescape": False},|]
                },
            ]
            """, path: "site/settings.py");
        PythonRuleVerifier.VerifyNone<JinjaAutoescapeDisabledRule>("""
            EXAMPLE = [{"BACKEND": "x", "OPTIONS": {"autoescape": False}}]
            """, path: "site/examples.py");
    }
}
