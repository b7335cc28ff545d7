using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

/// <summary>Regular-expression injection: request text compiled as a pattern. A finding starts where the value is read into the variable the sink uses, when that is a few lines above.</summary>
public sealed class RegexInjectionRuleTests
{
    [Fact]
    public void Flags_request_patterns_and_leaves_escaped_ones_alone()
    {
        PythonRuleVerifier.Verify<RegexInjectionRule>("""
            import re
            from flask import request

            def search(items):
                [|pattern = request.args["q"]
                return [item for item in items if re.search(pattern, item)]|]

            def literal(items):
                pattern = re.escape(request.args["q"])
                return [item for item in items if re.search(pattern, item)]
            """);
    }
}
