using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages.CSharp.Rules.Indentation;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Indentation;

public sealed class MixedIndentationRuleTests
{
    [Fact]
    public void Flags_a_tab_indented_line_in_a_space_indented_file_and_converts_it()
    {
        var findings = Verify<MixedIndentationRule>("class Store\n{\n    void Save()\n    {\n        var a = 1;\n[|\t\tvar b = 2;|]\n        var c = 3;\n    }\n}\n");

        var finding = findings.Single();
        Assert.Equal("Indented with tabs; the rest of this file indents with spaces.", finding.Message);
        Assert.Equal("        var b = 2;", finding.Replacement);
    }

    [Fact]
    public void Flags_spaces_in_a_tab_indented_file()
    {
        var findings = Verify<MixedIndentationRule>("class Store\n{\n\tvoid Save()\n\t{\n\t\tvar a = 1;\n[|        var b = 2;|]\n\t\tvar c = 3;\n\t}\n}\n");

        Assert.Equal("\t\tvar b = 2;", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_a_line_mixing_tabs_and_spaces()
    {
        var findings = Verify<MixedIndentationRule>("class Store\n{\n    void Save()\n    {\n[|    \tvar a = 1;|]\n    }\n}\n");

        Assert.Equal("Indented with a mix of tabs and spaces; the rest of this file indents with spaces.", findings.Single().Message);
        Assert.Equal("        var a = 1;", findings.Single().Replacement);
    }

    [Fact]
    public void Reports_consecutive_lines_as_one_finding_with_one_suggestion()
    {
        var findings = Verify<MixedIndentationRule>("class Store\n{\n    void Save()\n    {\n        var a = 1;\n[|\t\tif (a > 0)\n\t\t{\n\t\t\ta--;\n\t\t}|]\n    }\n}\n");

        var finding = findings.Single();
        Assert.Equal((6, 9), (finding.StartLine, finding.EndLine));
        Assert.StartsWith("Indented with tabs", finding.Message, StringComparison.Ordinal);
        Assert.Equal(4, finding.EndLine - finding.StartLine + 1);
        Assert.Equal("        if (a > 0)\n        {\n            a--;\n        }", finding.Replacement);
    }

    [Fact]
    public void Follows_indent_style_from_editorconfig_over_the_file()
    {
        var findings = Verify<MixedIndentationRule>(
            "class Store\n{\n[|\tvoid Save() { }\n\tvoid Load() { }|]\n}\n",
            editorConfig: new EditorConfigSettings(IndentStyle.Space, 4));

        Assert.Equal("Indented with tabs; `.editorconfig` sets `indent_style = space`.", findings.Single().Message);
        Assert.Equal("    void Save() { }\n    void Load() { }", findings.Single().Replacement);
    }

    [Fact]
    public void Flags_a_space_before_a_tab_on_a_continuation_line_in_a_tab_file()
    {
        Verify<MixedIndentationRule>("class Store\n{\n\tint Sum(int a, int b)\n\t{\n\t\treturn Add(a,\n[| \t\t\tb);|]\n\t}\n}\n");
    }

    [Fact]
    public void Splits_runs_between_added_and_unchanged_lines()
    {
        var source = "class Store\n{\n    void Save()\n    {\n\t\tvar a = 1;\n\t\tvar b = 2;\n    }\n}\n";
        var changed = ChangedLines.FromHunks([new Hunk(1, 8, 1, 8, string.Empty, [
            new DiffLine(DiffLineKind.Context, "class Store", 1, 1),
            new DiffLine(DiffLineKind.Context, "{", 2, 2),
            new DiffLine(DiffLineKind.Context, "    void Save()", 3, 3),
            new DiffLine(DiffLineKind.Context, "    {", 4, 4),
            new DiffLine(DiffLineKind.Context, "\t\tvar a = 1;", 5, 5),
            new DiffLine(DiffLineKind.Added, "\t\tvar b = 2;", null, 6),
        ])]);

        var findings = Run<MixedIndentationRule>(source, changedLines: changed);

        Assert.Equal([(5, 5), (6, 6)], findings.Select(finding => (finding.StartLine, finding.EndLine)));
    }

    [Fact]
    public void Accepts_consistent_space_and_tab_files()
    {
        VerifyNone<MixedIndentationRule>("class Store\n{\n    void Save()\n    {\n        var a = 1;\n    }\n}\n");
        VerifyNone<MixedIndentationRule>("class Store\n{\n\tvoid Save()\n\t{\n\t\tvar a = 1;\n\t}\n}\n");
    }

    [Fact]
    public void Accepts_tabs_followed_by_alignment_spaces_on_continuation_lines()
    {
        VerifyNone<MixedIndentationRule>("class Store\n{\n\tint Sum(int a, int b)\n\t{\n\t\treturn Add(a,\n\t\t           b);\n\t}\n}\n");
    }

    [Fact]
    public void Leaves_tabs_inside_strings_and_block_comments_alone()
    {
        VerifyNone<MixedIndentationRule>("class Store\n{\n    /* a comment\n\t * with a tab-indented star\n     */\n    const string Text = @\"first\n\t\tsecond\";\n}\n");
    }

    [Fact]
    public void Leaves_inactive_conditional_code_alone()
    {
        VerifyNone<MixedIndentationRule>("class Store\n{\n#if NEVER\n\t\tvoid Old() { }\n#endif\n    void Save() { }\n}\n");
    }

    [Fact]
    public void Leaves_files_without_indentation_alone()
    {
        VerifyNone<MixedIndentationRule>("namespace Acme;\n\npublic sealed record Project(string Name);\n");
    }

    [Fact]
    public void Leaves_generated_files_alone()
    {
        VerifyNone<MixedIndentationRule>("// <auto-generated/>\nclass Store\n{\n    void Save() { }\n\tvoid Load() { }\n    void Drop() { }\n}\n");
    }

    [Fact]
    public void Judges_added_lines_inside_strings_and_tab_indented_ones_alike_when_only_the_change_is_read()
    {
        var source = "class Store\n{\n    const string Text = @\"first\n\t\tsecond\";\n\tvoid Save() { }\n    void Load() { }\n}\n";
        var editorConfig = new EditorConfigSettings(IndentStyle.Space, 4);

        Assert.Empty(ChangedCodeScope.Kept<MixedIndentationRule>(source, ChangedCodeScope.Added(source, 4), editorConfig));
        Assert.Empty(ChangedCodeScope.Kept<MixedIndentationRule>(source, ChangedCodeScope.Added(source, 4)));
        Assert.Equal(5, Assert.Single(ChangedCodeScope.Kept<MixedIndentationRule>(source, ChangedCodeScope.Added(source, 4, 5), editorConfig)).StartLine);
        Assert.Equal(5, Assert.Single(ChangedCodeScope.Kept<MixedIndentationRule>(source, ChangedCodeScope.Added(source, 5))).StartLine);
    }
}
