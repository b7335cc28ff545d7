using PrReviewBot.Engine.Languages.Python.Rules.Indentation;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Indentation;

public sealed class PythonMixedIndentationRuleTests
{
    [Fact]
    public void Flags_tab_indented_line_in_a_space_module_and_expands_it()
    {
        var findings = Verify<PythonMixedIndentationRule>(
            "def f(x):\n    y = x\n    return y\n\n\ndef g(x):\n[|\treturn x|]\n\n\ndef h(x):\n    return x\n");

        Assert.Equal("Indented with tabs; this module indents with spaces.", findings.Single().Message);
        Assert.Equal("        return x", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_a_run_of_tab_lines_once()
    {
        var findings = Verify<PythonMixedIndentationRule>(
            "def f(x):\n    a = 1\n    b = 2\n    c = 3\n    return a + b + c\n\n\ndef g(x):\n[|\ty = x\n\tz = y\n\treturn z|]\n");

        Assert.Equal(11, findings.Single().EndLine);
        Assert.Equal("Indented with tabs; this module indents with spaces.", findings.Single().Message);
    }

    [Fact]
    public void Says_the_same_for_every_run_so_the_engine_reports_the_cause_once()
    {
        var findings = Verify<PythonMixedIndentationRule>(
            "def f(x):\n    a = 1\n    b = 2\n    c = 3\n    return a + b + c\n\n\ndef g(x):\n[|\ty = x\n\treturn y|]\n\n\ndef h(x):\n    d = x\n[|\treturn d|]\n");

        Assert.Single(findings.Select(finding => finding.Message).Distinct());
        Assert.True(new PythonMixedIndentationRule().Descriptor.JudgesWholeFile);
        Assert.True(new PythonIndentationWidthRule().Descriptor.JudgesWholeFile);
    }

    [Fact]
    public void Flags_line_mixing_tabs_and_spaces()
    {
        var findings = Verify<PythonMixedIndentationRule>("class A:\n    def f(self):\n[|    \treturn 1|]\n");

        Assert.Equal("Indentation mixes tabs and spaces; this module indents with spaces.", findings.Single().Message);
    }

    [Fact]
    public void Flags_space_indented_line_in_a_tab_module_without_a_suggestion()
    {
        var findings = Verify<PythonMixedIndentationRule>(
            "def f(x):\n\ty = x\n\treturn y\n\n\ndef g(x):\n\tif x:\n\t\treturn 1\n[|        return 2|]\n");

        Assert.Null(findings.Single().Replacement);
    }

    [Fact]
    public void Accepts_a_space_indented_module()
    {
        VerifyNone<PythonMixedIndentationRule>("""
            def f(x):
                if x:
                    return [
                    	1,
                    ]
                return 0
            """);
    }

    [Fact]
    public void Accepts_a_tab_indented_module()
    {
        VerifyNone<PythonMixedIndentationRule>("def f(x):\n\tif x:\n\t\treturn 1\n\treturn 0\n");
    }

    [Fact]
    public void Ignores_tabs_in_comments_and_strings()
    {
        VerifyNone<PythonMixedIndentationRule>("def f(x):\n\t# note\n    s = '''\n\tkept\n'''\n    return s\n");
    }

    [Fact]
    public void Accepts_an_unindented_module()
    {
        VerifyNone<PythonMixedIndentationRule>("import os\nx = os.sep\nprint(x)\n");
    }
}
