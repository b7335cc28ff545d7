using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>How the source-to-sink model follows values into the older injection rules, and what it does not call a source. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class TaintFlowTests
{
    [Fact]
    public void Command_injection_follows_request_data_through_variables_lists_and_the_module_s_own_functions()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import os
            import subprocess
            import sys
            from flask import Flask, request

            app = Flask(__name__)

            def run(command):
                [|return subprocess.check_output(command, shell=True)|]

            @app.route("/ping")
            def ping():
                return run("ping -c 1 " + request.args["host"])

            @app.route("/tool/<name>")
            def tool(name):
                [|subprocess.run([name, "--version"])|]

            @app.route("/script")
            def script():
                [|path = request.form["script"]
                subprocess.Popen(["python3", path])|]

            def main():
                [|os.system(sys.argv[1])|]

            @app.route("/list")
            def listing():
                subprocess.run(["ls", "-l", request.args["dir"]])
            """);
    }

    [Fact]
    public void Sql_and_code_injection_flag_request_data_in_a_plain_variable()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            from django.db import connection

            def find(request):
                [|query = request.GET["q"]
                with connection.cursor() as cursor:
                    cursor.execute(query)|]

            def safe(request):
                with connection.cursor() as cursor:
                    cursor.execute("SELECT * FROM t WHERE name = %s", [request.GET["q"]])
            """);
        PythonRuleVerifier.Verify<CodeInjectionRule>("""
            def handler(event, context):
                [|return eval(event["expression"])|]
            """);
    }

    [Fact]
    public void Values_that_only_look_like_request_data_are_not_sources()
    {
        PythonRuleVerifier.VerifyNone<SsrfRule>("""
            import requests as req

            def refresh(session, url):
                response = req.get("https://example.com/token")
                return session.get(url)
            """);
        PythonRuleVerifier.VerifyNone<PathTraversalRule>("""
            def read(request):
                user = request.user
                return open(f"/srv/{user.id}.txt").read()
            """);
    }

    [Fact]
    public void Sql_and_html_built_from_request_data_are_flagged_where_they_are_built()
    {
        PythonRuleVerifier.Verify<SqlInjectionRule>("""
            def report(request):
                [|sql = "SELECT name FROM users WHERE id = '%s'" % request.GET["id"]|]
                return run_elsewhere(sql)

            def label(request):
                text = "Selected from the list: %s" % request.GET["id"]
                return text
            """);
        PythonRuleVerifier.Verify<XssRule>("""
            from django.utils.html import format_html

            def card(request):
                [|html = '<a href="/u/%s">profile</a>' % request.GET["name"]|]
                return render_card(html)

            def badge(name):
                [|return format_html(f"<b>{name}</b>")|]

            def safe_badge(name):
                return format_html("<b>{}</b>", name)

            class Context:
                def __repr__(self):
                    return f"<{type(self).__name__} of {request.url!r}>"

            def compare(request):
                return "a < b: %s" % request.GET["b"]
            """);
    }

    [Fact]
    public void Socket_reads_and_parsed_command_lines_are_sources()
    {
        PythonRuleVerifier.Verify<CommandInjectionRule>("""
            import argparse
            import os
            import socket

            def serve(sock: socket.socket):
                conn, _ = sock.accept()
                [|command = conn.recv(1024).decode()
                os.system(command.strip())|]

            def main():
                parser = argparse.ArgumentParser()
                parser.add_argument("--host")
                [|args = parser.parse_args()
                os.popen(args.host)|]

            def local(values):
                return values.recv
            """);
    }
}
