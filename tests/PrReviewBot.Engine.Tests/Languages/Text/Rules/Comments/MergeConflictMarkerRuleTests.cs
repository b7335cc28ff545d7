using PrReviewBot.Engine.Languages.Text.Rules.Comments;

namespace PrReviewBot.Engine.Tests.Languages.Text.Rules.Comments;

public sealed class MergeConflictMarkerRuleTests
{
    [Fact]
    public void Flags_a_conflict_once_over_all_its_lines()
    {
        var findings = TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            name: build
            [|<<<<<<< HEAD
            runs-on: ubuntu-latest
            =======
            runs-on: windows-latest
            >>>>>>> feature/windows|]
            steps: []
            """, ".github/workflows/build.yml");

        var finding = Assert.Single(findings);
        Assert.Equal((2, 6), (finding.StartLine, finding.EndLine));
        Assert.Contains("lines 2–6", finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.Replacement);
    }

    [Fact]
    public void Flags_diff3_conflicts_with_a_base_section()
    {
        var findings = TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            [|<<<<<<< ours
            timeout = 30
            ||||||| base
            timeout = 10
            =======
            timeout = 60
            >>>>>>> theirs|]
            """, "config/app.toml");

        Assert.Equal(7, Assert.Single(findings).EndLine);
    }

    [Fact]
    public void Flags_each_of_several_conflicts()
    {
        TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            [|<<<<<<< HEAD
            a
            =======
            b
            >>>>>>> main|]
            between
            [|<<<<<<< HEAD
            c
            =======
            d
            >>>>>>> main|]
            """, "src/list.txt");
    }

    [Fact]
    public void Flags_a_start_marker_left_behind_after_a_partial_resolution()
    {
        var findings = TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            first
            [|<<<<<<< HEAD|]
            second
            """, "src/index.js");

        Assert.Contains("partly resolved", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_conflicts_in_lock_files_and_markdown_prose()
    {
        TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            {
            [|<<<<<<< HEAD
              "version": "1.0.0"
            =======
              "version": "1.1.0"
            >>>>>>> upstream|]
            }
            """, "package-lock.json");
        TextRuleVerifier.Verify<MergeConflictMarkerRule>("""
            # Title
            [|<<<<<<< HEAD
            Old text.
            =======
            New text.
            >>>>>>> main|]
            """, "README.md");
    }

    [Fact]
    public void Flags_a_marker_without_a_label()
    {
        TextRuleVerifier.Verify<MergeConflictMarkerRule>("[|<<<<<<<\nx\n=======\ny\n>>>>>>>|]\n", "notes.txt");
    }

    [Fact]
    public void Flags_conflicts_in_crlf_files()
    {
        TextRuleVerifier.Verify<MergeConflictMarkerRule>("a\r\n[|<<<<<<< HEAD\r\nb\r\n=======\r\nc\r\n>>>>>>> main|]\r\n", "windows.ini");
    }

    [Fact]
    public void Ignores_heading_underlines_in_markdown_and_rst()
    {
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("""
            Install
            =======

            Usage
            -------
            =======
            """, "docs/index.rst");
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("Install\n=======\n\nRun it.\n", "README.md");
    }

    [Fact]
    public void Ignores_marker_text_in_the_middle_of_a_line()
    {
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("""
            const start = "<<<<<<< HEAD";
            if (line.StartsWith(">>>>>>> ")) { }
            // ======= separator =======
              <<<<<<< indented
            """, "src/conflicts.ts");
    }

    [Fact]
    public void Ignores_separators_and_end_markers_without_a_start_marker()
    {
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("""
            =======
            >>>>>>> quoted reply
            ||||||| table
            """, "mail.txt");
    }

    [Fact]
    public void Ignores_conflict_examples_in_markdown_code_fences()
    {
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("""
            Resolve conflicts like this:

            ```
            <<<<<<< HEAD
            ours
            =======
            theirs
            >>>>>>> branch
            ```
            """, "docs/git.md");
    }

    [Fact]
    public void Ignores_longer_runs_of_marker_characters()
    {
        TextRuleVerifier.VerifyNone<MergeConflictMarkerRule>("""
            <<<<<<<<<<<<<<<< banner
            ================
            >>>>>>>>>>>>>>>>
            <<<<<<<x
            """, "art.txt");
    }
}
