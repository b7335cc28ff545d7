using PrReviewBot.Engine.Languages.Python.Rules.Indentation;
using static PrReviewBot.Engine.Tests.Languages.Python.PythonRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Indentation;

public sealed class PythonIndentationWidthRuleTests
{
    [Fact]
    public void Flags_two_space_block_in_a_four_space_module_and_reindents_it()
    {
        var findings = Verify<PythonIndentationWidthRule>("""
            def load(path):
                with open(path) as handle:
                    return handle.read()


            def save(path, data):
            [|  with open(path, "w") as handle:
                  handle.write(data)|]
            """);

        Assert.Equal("Block indented by 2 spaces; this module indents by 4.", findings.Single().Message);
        Assert.Equal(8, findings.Single().EndLine);
        Assert.Equal("    with open(path, \"w\") as handle:\n        handle.write(data)", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_nested_off_step_block()
    {
        Verify<PythonIndentationWidthRule>("""
            def f(items):
                for item in items:
                    if item:
            [|          print(item)|]
                return items


            def g():
                return 1
            """);
    }

    [Fact]
    public void Flags_each_off_step_block_without_overlapping_suggestions()
    {
        var findings = Verify<PythonIndentationWidthRule>("""
            def f(x):
                return x


            def g(x):
                return x


            def k(x):
                return x


            def h(x):
            [|  if x:
            [|    return 1|]
              return 0|]
            """);

        Assert.All(findings, finding => Assert.Null(finding.Replacement));
    }

    [Fact]
    public void Flags_eight_space_block_without_touching_a_multiline_string()
    {
        var findings = Verify<PythonIndentationWidthRule>("""
            def f():
                return 1


            def g():
                return 2


            def h():
            [|        text = '''
                    body
                    '''
                    return text|]
            """);

        Assert.Null(findings.Single().Replacement);
    }

    [Fact]
    public void Accepts_a_consistent_four_space_module()
    {
        VerifyNone<PythonIndentationWidthRule>("""
            class A:
                def f(self, x):
                    if x:
                        return [
                          1,
                        ]
                    return 0
            """);
    }

    [Fact]
    public void Accepts_a_consistent_two_space_module()
    {
        VerifyNone<PythonIndentationWidthRule>("""
            class A:
              def f(self, x):
                if x:
                  return 1
                return 0
            """);
    }

    [Fact]
    public void Says_nothing_without_a_dominant_step()
    {
        VerifyNone<PythonIndentationWidthRule>("""
            def f(x):
              return x


            def g(x):
                return x
            """);
    }

    [Fact]
    public void Ignores_tab_indented_blocks()
    {
        VerifyNone<PythonIndentationWidthRule>("def f(x):\n    if x:\n        return 1\n    return 0\n\n\ndef g(x):\n\treturn x\n");
    }

    [Fact]
    public void Does_not_take_a_hunk_start_for_a_block()
    {
        VerifyNone<PythonIndentationWidthRule>(
            "\n"
            + "        x = self.load()\n"
            + "        if x:\n"
            + "            return x\n"
            + "\n\n\n"
            + "def helper():\n"
            + "    return 1\n"
            + "\n\n\n"
            + "        y = 2\n"
            + "        return y\n"
            + "\n\n\n"
            + "        z = 3\n"
            + "        return z\n",
            hasFullContent: false);
    }
}
