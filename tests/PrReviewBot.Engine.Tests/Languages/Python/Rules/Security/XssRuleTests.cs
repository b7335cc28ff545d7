using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Cross-site scripting: request data written into HTML unescaped. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class XssRuleTests
{
    [Fact]
    public void Xss_flags_request_data_marked_safe_written_to_responses_or_returned_from_a_flask_route()
    {
        PythonRuleVerifier.Verify<XssRule>("""
            from django.http import HttpResponse
            from django.utils.safestring import mark_safe
            from flask import Flask, request, make_response
            from markupsafe import Markup, escape

            app = Flask(__name__)

            def greet(request):
                [|name = request.GET.get("name", "")
                return HttpResponse("<h1>Hello " + name + "</h1>")|]

            def banner(request):
                [|return mark_safe(f"<b>{request.POST['title']}</b>")|]

            @app.route("/hi")
            def hi():
                [|return "<p>Hello %s</p>" % request.args.get("name")|]

            @app.route("/markup")
            def markup():
                [|return make_response(Markup(request.args["html"]))|]

            @app.route("/safe")
            def safe():
                return "<p>Hello %s</p>" % escape(request.args.get("name"))
            """);
    }

    [Fact]
    public void Xss_leaves_escaped_constant_and_templated_output_alone()
    {
        PythonRuleVerifier.VerifyNone<XssRule>("""
            import html
            from django.http import HttpResponse
            from django.utils.html import format_html
            from django.utils.safestring import mark_safe
            from flask import Flask, request, render_template, jsonify

            app = Flask(__name__)

            def greet(request):
                return HttpResponse("<h1>Hello " + html.escape(request.GET["name"]) + "</h1>")

            def link(request):
                return format_html("<a href='{}'>{}</a>", request.GET["url"], request.GET["label"])

            def footer():
                return mark_safe("<footer>&copy; Example</footer>")

            @app.route("/page")
            def page():
                return render_template("page.html", name=request.args.get("name"))

            @app.route("/api")
            def api():
                return jsonify(name=request.args.get("name"))

            @app.route("/count")
            def count():
                return "<p>%d items</p>" % int(request.args["n"])
            """);
    }

    [Fact]
    public void Flags_request_data_rendered_into_templates_flask_does_not_autoescape()
    {
        PythonRuleVerifier.Verify<XssRule>("""
            from flask import Flask, request, render_template

            app = Flask(__name__)

            @app.route("/note")
            def note():
                [|return render_template("note.txt", body=request.args.get("body"))|]

            @app.route("/page")
            def page():
                return render_template("page.html", body=request.args.get("body"))

            @app.route("/mail")
            def mail():
                return render_template("welcome.txt", user="admin")

            @app.route("/j2/<name>")
            def j2(name):
                [|return render_template("card.html.j2", name=name)|]
            """);
    }

    [Fact]
    public void Warns_when_a_route_answers_with_a_template_flask_does_not_autoescape()
    {
        var findings = PythonRuleVerifier.Verify<XssRule>("""
            from flask import Flask, render_template

            app = Flask(__name__)
            BANNER = load_banner()

            @app.route("/feed")
            def feed():
                rows = load_rows()
                [|return render_template("feed.txt", rows=rows), 200|]

            @app.route("/static")
            def fixed():
                return render_template("about.txt", version="1.0")

            def mail_body(user):
                body = render_template("welcome.txt", user=user)
                return send(body)
            """);

        Assert.Equal(Severity.Warning, Assert.Single(findings).Severity);
    }

    [Fact]
    public void Warns_about_classes_every_instance_of_which_skips_escaping()
    {
        PythonRuleVerifier.Verify<XssRule>("""
            from django.utils.html import html_safe
            from django.utils.safestring import SafeString

            [|class Badge(SafeString):|]
                pass

            [|@html_safe
            class Card:|]
                def __str__(self):
                    return self.body

            class Plain(str):
                pass

            [|CardView = html_safe(Plain)|]
            """);
    }

    [Fact]
    public void Warns_when_format_html_gets_text_formatted_from_constants()
    {
        var findings = PythonRuleVerifier.Verify<XssRule>("""
            from django.utils.html import format_html

            GREETING = "<b>hi</b>"
            [|label = format_html("say %s" % GREETING)|]
            safe = format_html("say {}", GREETING)
            """);

        Assert.Equal(Severity.Warning, Assert.Single(findings).Severity);
    }

    [Fact]
    public void Warns_about_twiml_built_from_values_that_are_not_escaped()
    {
        PythonRuleVerifier.Verify<XssRule>("""
            from xml.sax.saxutils import escape

            SAY = "<Response><Say>{}</Say></Response>"

            def call(client, to, msg):
                client.calls.create(
                    [|twiml=f"<Response><Say>{msg}</Say></Response>",|]
                    to=to,
                )
                twiml = SAY.format(msg)
                [|client.calls.create(twiml=twiml, to=to)|]
                client.calls.create(twiml=SAY.format(escape(msg)), to=to)
                client.calls.create(twiml="<Response><Hangup/></Response>", to=to)
            """);
    }
}
