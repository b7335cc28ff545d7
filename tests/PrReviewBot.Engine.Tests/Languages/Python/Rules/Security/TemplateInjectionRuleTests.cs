using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Template injection: request text compiled as template source.</summary>
public sealed class TemplateInjectionRuleTests
{
    [Fact]
    public void Flags_template_text_built_from_request_data_and_leaves_template_variables_alone()
    {
        PythonRuleVerifier.Verify<TemplateInjectionRule>("""
            from flask import Flask, request, render_template_string
            import jinja2

            app = Flask(__name__)

            @app.route("/hello")
            def hello():
                [|template = "<h1>Hello " + request.args.get("name") + "</h1>"
                return render_template_string(template)|]

            @app.route("/hello2")
            def hello2():
                return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name"))

            def mail(request):
                [|return jinja2.Template(request.POST["body"]).render()|]
            """);
    }

    [Fact]
    public void Warns_when_a_template_gets_the_whole_local_or_global_namespace()
    {
        PythonRuleVerifier.Verify<TemplateInjectionRule>("""
            from django.shortcuts import render

            def profile(request):
                user = request.user
                [|return render(request, "profile.html", locals())|]

            def about(request):
                context = globals()
                [|return render(request, "about.html", context)|]

            def fine(request):
                return render(request, "fine.html", {"user": request.user})
            """);
    }
}
