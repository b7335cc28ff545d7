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
}
