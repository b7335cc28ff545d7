using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Findings;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Review;

namespace PrReviewBot.Engine.Tests.Review;

public sealed class PreexistingFindingsTests
{
    private static readonly ReviewEngine Engine = new(new CSharpAnalyzer([new UnsafeLiteralRule(), new UnderscoreLocalRule(), new TabIndentRule()]));

    private const string Before = """
        class C
        {
            void M()
            {
                var a = "unsafe";
                var b = 1;
            }

            void N()
            {
                var c = 2;
            }
        }
        """;

    [Fact]
    public void A_finding_the_base_already_had_is_not_blamed_on_the_change()
    {
        // The change rewrites the line after the old defect; the defect's line is untouched but re-added by the diff.
        var after = Before.Replace("var b = 1;", "var b = 2;", StringComparison.Ordinal).Replace("var a = \"unsafe\";", "var a  =  \"unsafe\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after)]));

        Assert.Empty(result.Findings);
        Assert.Empty(result.Coverage.BaseMissing);
    }

    [Fact]
    public void A_copy_of_old_defective_code_in_another_member_is_the_change_s()
    {
        var after = Before.Replace("var c = 2;", "var c = 2;\n        var a = \"unsafe\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after)]));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(12, finding.StartLine);
    }

    [Fact]
    public void A_second_copy_in_the_same_member_is_the_change_s()
    {
        var after = Before.Replace("var b = 1;", "var b = 1;\n        var a = \"unsafe\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after)]));

        Assert.Single(result.Findings);
    }

    [Fact]
    public void Code_that_moved_to_another_member_keeps_its_old_findings_out_of_the_review()
    {
        var after = Before.Replace("        var a = \"unsafe\";\n", string.Empty, StringComparison.Ordinal)
            .Replace("var c = 2;", "var c = 2;\n        var a = \"unsafe\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after)]));

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Without_a_base_version_the_file_is_named_as_not_compared()
    {
        var after = Before.Replace("var b = 1;", "var b = 2;\n        var d = \"unsafe\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after, withBase: false)]));

        Assert.Single(result.Findings);
        Assert.Equal(["src/C.cs"], result.Coverage.BaseMissing);
        Assert.Contains("Not compared with the base version", SummaryWriter.Write(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Added_files_and_files_without_findings_need_no_base()
    {
        var added = ChangedFile.WholeFile("src/New.cs", "class New { string s = \"unsafe\"; }") with { Status = ChangeStatus.Added };
        var clean = BaseChanges.Modified("src/Clean.cs", "class Clean { int a = 1; }", "class Clean { int a = 2; }", withBase: false);

        var result = Engine.Review(new PullRequestSnapshot([added, clean]));

        Assert.Single(result.Findings);
        Assert.Empty(result.Coverage.BaseMissing);
    }

    [Fact]
    public void A_whole_file_style_problem_the_change_did_not_worsen_is_not_reported()
    {
        var before = "class C\n{\n\tint a = 1;\n\tint b = 2;\n}";
        var after = "class C\n{\n\tint a = 3;\n\tint b = 2;\n}";

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", before, after)]));

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_whole_file_style_problem_is_one_finding_with_its_places()
    {
        var before = "class C\n{\n    int a = 1;\n}";
        var after = "class C\n{\n    int a = 1;\n\tint b = 2;\n\tint c = 3;\n\tint d = 4;\n}";

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", before, after)]));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(4, finding.StartLine);
        Assert.Contains("3 places (lines 4, 5, 6)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(TabIndentRule.Rule.Id, finding.Rule.Id);
    }

    [Fact]
    public void Without_a_base_a_whole_file_style_problem_is_still_said_once()
    {
        var before = "class C\n{\n    int a = 1;\n}";
        var after = "class C\n{\n    int a = 1;\n\tint b = 2;\n\tint c = 3;\n}";

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", before, after, withBase: false)]));

        Assert.Single(result.Findings);
        Assert.Equal(["src/C.cs"], result.Coverage.BaseMissing);
    }

    [Fact]
    public void Findings_in_files_reviewed_by_path_are_all_the_change_s()
    {
        var result = Engine.Review(new PullRequestSnapshot([ChangedFile.WholeFile("src/C.cs", Before)]));

        Assert.Single(result.Findings);
        Assert.Empty(result.Coverage.BaseMissing);
    }

    [Fact]
    public void A_renamed_file_is_compared_with_its_old_version()
    {
        var after = Before.Replace("var b = 1;", "var b = 2;", StringComparison.Ordinal).Replace("var a = \"unsafe\";", "var a = \"unsafe\"; ", StringComparison.Ordinal);
        var renamed = BaseChanges.Modified("src/D.cs", Before, after) with { Status = ChangeStatus.Renamed, OldPath = "src/C.cs" };

        var result = Engine.Review(new PullRequestSnapshot([renamed]));

        Assert.DoesNotContain(result.Findings, finding => finding.Category == Category.Security);
    }

    [Fact]
    public void A_readability_complaint_about_an_edited_line_of_the_same_declaration_is_not_the_change_s()
    {
        var before = "class C\n{\n    void M()\n    {\n        var my_a = 1;\n    }\n}";
        var after = "class C\n{\n    void M()\n    {\n        var my_a = 2;\n    }\n}";

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", before, after)]));

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_security_finding_on_an_edited_line_stays_the_change_s()
    {
        var after = Before.Replace("var a = \"unsafe\";", "var a = \"unsafe\" + \"!\";", StringComparison.Ordinal);

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", Before, after)]));

        Assert.Single(result.Findings);
    }

    [Fact]
    public void A_new_badly_named_local_beside_an_old_one_is_the_change_s()
    {
        var before = "class C\n{\n    void M()\n    {\n        var my_a = 1;\n    }\n}";
        var after = "class C\n{\n    void M()\n    {\n        var my_a = 1;\n        var my_b = 2;\n    }\n}";

        var result = Engine.Review(new PullRequestSnapshot([BaseChanges.Modified("src/C.cs", before, after)]));

        Assert.Equal(6, Assert.Single(result.Findings).StartLine);
    }

    [Fact]
    public void Docs_and_type_hints_are_asked_of_declarations_the_change_added_not_of_old_ones_it_edited()
    {
        const string before = """
            def publish(report, channel):
                text = report.render()
                channel.send(text)
                return len(text)
            """;
        const string after = """
            def publish(report, channel, retries):
                text = report.render()
                for _ in range(retries):
                    channel.send(text)
                return len(text)


            def archive(report, folder):
                path = folder / report.name
                path.write_text(report.render())
                return path
            """;
        var options = new ReviewOptions { Docs = DocsMode.Always, PythonTypeHints = TypeHintsMode.All };

        var result = new ReviewEngine().Review(new PullRequestSnapshot([BaseChanges.Modified("app/reports.py", before, after)]), options);

        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, finding => Assert.Contains("archive", finding.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Csharp_declarations_are_named_alike_in_both_versions()
    {
        const string text = "namespace N { class C { void M(int a) { } int P { get; } enum E { A } } }";

        var declared = CSharpScopes.Declared(text).Select(declaration => declaration.Scope).ToList();

        Assert.Contains("N.C.M", declared);
        Assert.Contains("N.C.P", declared);
        Assert.Contains("N.C.E.A", declared);
    }

    [Fact]
    public void Code_moved_from_another_file_is_not_the_change_s()
    {
        var after = Before.Replace("        var a = \"unsafe\";\n", string.Empty, StringComparison.Ordinal);
        var source = BaseChanges.Modified("src/C.cs", Before, after);
        var target = ChangedFile.FromDiff(UnifiedDiffParser.Parse(NewFileDiff("src/D.cs", "class D\n{\n    void M()\n    {\n        var a = \"unsafe\";\n    }\n}")).Single());

        var result = Engine.Review(new PullRequestSnapshot([source, target]));

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_moved_import_that_the_new_module_does_not_use_is_the_change_s()
    {
        const string before = "import collections.abc\n\n\ndef count(items):\n    return collections.abc.Sized\n";
        var source = BaseChanges.Modified("app/a.py", before, "\n\ndef count(items):\n    return len(items)\n");
        var target = ChangedFile.FromDiff(UnifiedDiffParser.Parse(NewFileDiff("app/b.py", "import collections.abc\n\n\ndef size(items):\n    return len(items)\n")).Single());

        var result = new ReviewEngine().Review(new PullRequestSnapshot([source, target]));

        Assert.Contains(result.Findings, finding => finding.Category == Category.Imports && finding.Path == "app/b.py");
    }

    [Fact]
    public void A_declaration_the_change_renamed_keeps_its_missing_docs_and_hints_out_of_the_review()
    {
        const string before = """
            def publish(report, channel):
                text = report.render(style="compact", footer=True)
                channel.send(text)
                return len(text)
            """;
        var after = before.Replace("def publish(", "def publish_report(", StringComparison.Ordinal);
        var options = new ReviewOptions { Docs = DocsMode.Always, PythonTypeHints = TypeHintsMode.All };

        var result = new ReviewEngine().Review(new PullRequestSnapshot([BaseChanges.Modified("app/reports.py", before, after)]), options);

        Assert.DoesNotContain(result.Findings, finding => finding.Category is Category.Docs or Category.TypeHints);
    }

    private static string NewFileDiff(string path, string text)
    {
        var lines = text.Split('\n');
        return $"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n@@ -0,0 +1,{lines.Length} @@\n" + string.Concat(lines.Select(line => "+" + line + "\n"));
    }
}
