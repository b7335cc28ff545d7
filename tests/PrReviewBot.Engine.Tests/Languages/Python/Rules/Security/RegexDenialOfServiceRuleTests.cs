using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class RegexDenialOfServiceRuleTests
{
    [Fact]
    public void Flags_exponential_patterns_in_every_re_function()
    {
        PythonRuleVerifier.Verify<RegexDenialOfServiceRule>("""
            import re
            import regex

            def check(text):
                [|a = re.match(r"^(a+)+$", text)|]
                [|b = re.search(r"(\w+\s?)*$", text)|]
                [|c = re.findall("^(\\d+|\\d+\\.\\d+)*$", text)|]
                [|d = re.sub(r"^([a-z0-9]+[._-]?)*@", "", text)|]
                [|e = regex.fullmatch(r"(.*,)*", text)|]
                [|f = re.split(pattern=r"(a|a?)+b", string=text)|]
                return a, b, c, d, e, f
            """);
    }

    [Fact]
    public void Flags_compiled_patterns_and_patterns_held_in_constants()
    {
        PythonRuleVerifier.Verify<RegexDenialOfServiceRule>("""
            import re
            from re import compile as rc

            EMAIL = r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$"
            [|EMAIL_RE = re.compile(EMAIL)|]
            [|WORDS = rc(r"^(\w+\s?)*$", re.IGNORECASE)|]

            def valid(value):
                [|pattern = re.compile("^(a|a)*b")|]
                return EMAIL_RE.match(value) and pattern.search(value)
            """);
    }

    [Fact]
    public void Flags_a_compiled_pattern_used_for_full_matches()
    {
        PythonRuleVerifier.Verify<RegexDenialOfServiceRule>("""
            import re

            def valid(value):
                [|p = re.compile(r"(.*,)*")|]
                return p.fullmatch(value)
            """);
    }

    [Fact]
    public void Ignores_linear_patterns_and_loops_the_match_can_always_stop_after()
    {
        PythonRuleVerifier.VerifyNone<RegexDenialOfServiceRule>("""
            import re

            VERSION = re.compile(r"^(\d+\.)+\d+$")
            SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
            IP = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$")

            def parse(text, user_pattern):
                a = re.match(r"^(a+)+", text)
                b = re.search(r"(.*,)*", text)
                c = re.findall(r"\s*\s*,", text)
                d = re.sub(r"[^\w.-]+", "-", text)
                e = re.match(user_pattern, text)
                f = re.escape(text)
                g = re.match(r"(?>a+)+$", text)
                return a, b, c, d, e, f, g
            """);
    }

    [Fact]
    public void Ignores_constant_inputs_and_verbose_whitespace()
    {
        PythonRuleVerifier.VerifyNone<RegexDenialOfServiceRule>("""
            import re

            def demo():
                assert re.match(r"^(a+)+$", "aaaa")
                return re.compile(r'''
                    ^ [a-z]+     # name
                    (\ [a-z]+)?  $
                ''', re.VERBOSE)
            """);
    }

    [Fact]
    public void Ignores_compiled_patterns_that_never_match_anything()
    {
        PythonRuleVerifier.VerifyNone<RegexDenialOfServiceRule>("""
            import re

            def cleanup():
                re.compile(r"^(a+)+$")
                pattern = re.compile(r"^(a+)+$")
                pattern.purge()
            """);
    }

    [Fact]
    public void Ignores_matching_a_constant_held_in_a_name()
    {
        PythonRuleVerifier.VerifyNone<RegexDenialOfServiceRule>("""
            import re

            SAMPLE = "aaaa"

            def self_test():
                return re.match(r"^(a+)+$", SAMPLE)
            """);
    }
}
