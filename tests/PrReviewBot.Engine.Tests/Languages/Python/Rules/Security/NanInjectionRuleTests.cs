using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class NanInjectionRuleTests
{
    [Fact]
    public void Flags_request_text_parsed_as_float_complex_or_bool()
    {
        var findings = PythonRuleVerifier.Verify<NanInjectionRule>("""
            from flask import Flask, request

            app = Flask(__name__)

            @app.route("/buy")
            def buy():
                bid = request.form.get("bid")
                [|if float(bid) < minimum_price():|]
                    return deny()
                [|express = bool(request.args.get("express"))|]
                return sell(express)

            @app.route("/limit/<amount>")
            def limit(amount):
                [|return complex(amount)|]
            """);

        Assert.All(findings, finding => Assert.Equal(Severity.Warning, finding.Severity));
    }

    [Fact]
    public void Ignores_whole_numbers_checked_values_and_data_not_from_the_request()
    {
        PythonRuleVerifier.VerifyNone<NanInjectionRule>("""
            import math
            import sys
            from flask import Flask, request

            app = Flask(__name__)

            @app.route("/a")
            def whole():
                return int(float(request.args["n"]))

            @app.route("/b")
            def checked():
                value = float(request.args["n"])
                if not math.isfinite(value):
                    raise ValueError(value)
                return value

            @app.route("/c")
            def spelled():
                raw = request.args["n"]
                if raw.lower() == "nan":
                    raise ValueError(raw)
                return float(raw)

            def cli():
                return float(sys.argv[1]) + float("1.5")
            """);
    }
}
