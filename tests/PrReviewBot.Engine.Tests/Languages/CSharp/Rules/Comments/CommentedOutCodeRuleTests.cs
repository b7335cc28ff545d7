using PrReviewBot.Engine.Languages.CSharp.Rules.Comments;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Comments;

public sealed class CommentedOutCodeRuleTests
{
    [Fact]
    public void Flags_a_commented_out_call_and_suggests_deleting_it()
    {
        var findings = Verify<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    [|// project.Save();|]
                    project.Dispose();
                }
            }
            """);

        Assert.Equal("This comment is commented-out code (`project.Save();`); delete it, version control keeps the old code.", findings.Single().Message);
        Assert.Equal(string.Empty, findings.Single().Replacement);
    }

    [Fact]
    public void Reports_a_run_of_commented_out_lines_once_over_its_whole_range()
    {
        var findings = Verify<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    [|// if (project.IsDirty)
                    // {
                    //     project.Save();
                    // }|]
                    project.Dispose();
                }
            }
            """);

        var finding = findings.Single();
        Assert.Equal((5, 8), (finding.StartLine, finding.EndLine));
        Assert.StartsWith("These 4 comment lines are commented-out code, starting `if (project.IsDirty)`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_commented_out_declarations_and_returns()
    {
        Verify<CommentedOutCodeRule>("""
            class Totals
            {
                decimal Sum(decimal subtotal)
                {
                    [|// var tax = subtotal * 0.2m;|]

                    [|// return subtotal + tax;|]
                    return subtotal;
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_commented_out_member()
    {
        Verify<CommentedOutCodeRule>("""
            class Totals
            {
                [|// public decimal Tax { get; set; }|]

                [|// private readonly ILogger _logger;|]
            }
            """);
    }

    [Fact]
    public void Flags_the_code_part_of_a_run_that_starts_with_a_finished_sentence()
    {
        Verify<CommentedOutCodeRule>("""
            class Cache
            {
                void Reset()
                {
                    // Old approach, too slow.
                    [|// _entries.Clear();
                    // _hits = 0;|]
                }
            }
            """);
    }

    [Fact]
    public void Flags_commented_out_code_at_file_level_and_with_four_slashes()
    {
        Verify<CommentedOutCodeRule>("""
            [|//// using System.Linq;|]
            class Plain
            {
                [|// Console.WriteLine("debug: " + value);|]
            }
            """);
    }

    [Fact]
    public void Leaves_prose_that_mentions_calls_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    // Note: call Dispose() when done.
                    // The caller owns the project; we only save it.
                    // see below;
                    // Returns: the saved project;
                    project.Dispose();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_todo_markers_urls_and_test_annotations_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    // TODO: project.Save();
                    // https://example.com/docs?a=1;
                    project.Dispose(); // Noncompliant
                    // Noncompliant {{Remove this}}
                }
            }
            """);
    }

    [Fact]
    public void Leaves_examples_in_comments_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Formatter
            {
                // Formats a value, e.g.
                // var text = formatter.Format(42);
                string Format(int value) => value.ToString();

                // Example:
                // formatter.Format(1);
                string Other(int value) => value.ToString();
            }
            """);
    }

    [Fact]
    public void Leaves_a_snippet_with_an_elision_alone_but_flags_the_same_code_without_one()
    {
        // roslyn-analyzers' PreferHashDataOverComputeHash describes the pattern it looks for.
        Verify<CommentedOutCodeRule>("""
            class Analyzer
            {
                void OnBlockStart()
                {
                    // Patterns we are looking for
                    // ...
                    // obj.ComputeHash(buffer);

                    [|// obj.ComputeHash(buffer);|]
                    Scan();
                }

                void Scan() { }
            }
            """);
    }

    [Fact]
    public void Leaves_code_quoted_inside_a_sentence_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Cache
            {
                void Reset()
                {
                    // We used to call
                    // _entries.Clear();
                    // but that dropped pinned entries.
                }
            }
            """);
    }

    [Fact]
    public void Leaves_xml_docs_and_block_comments_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            /* Copyright (c) Acme.
               var licensed = true; */
            class Cache
            {
                /// <summary>Resets.</summary>
                /// <code>cache.Reset();</code>
                void Reset()
                {
                }
            }
            """);
    }

    [Fact]
    public void Leaves_single_fragments_that_do_not_parse_alone()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Cache
            {
                void Reset()
                {
                    // if (x)
                    // foo(a,
                    // else
                    // [Fact]
                    // value is null;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_code_alone_that_prose_above_says_is_switched_off_and_why()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    // Disabled until the store handles concurrent saves.
                    // project.Save();
                    project.Dispose();
                }
            }
            """);
    }

    [Fact]
    public void Still_flags_code_under_a_finished_sentence_that_does_not_say_why_it_is_off()
    {
        Verify<CommentedOutCodeRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    // Closes the project.
                    [|// project.Save();|]
                    project.Dispose();
                }
            }
            """);
    }

    [Fact]
    public void Judges_the_whole_run_around_an_added_comment_line_when_only_the_change_is_read()
    {
        var source = """
            class Store
            {
                void Save()
                {
                    // var a = Load();
                    // var b = a + 1;
                    // Write(b);
                    Flush();
                }
            }
            """;

        var finding = Assert.Single(ChangedCodeScope.Kept<CommentedOutCodeRule>(source, ChangedCodeScope.Added(source, 6)));

        Assert.Equal((5, 7), (finding.StartLine, finding.EndLine));
    }

    [Fact]
    public void Blames_an_added_copy_of_commented_out_code_that_the_base_had_elsewhere_when_only_the_change_is_read()
    {
        // The unchanged copy claims the base version's finding, so the added one is the change's, as when
        // the whole file is read: the rule then reports every run, not only the changed ones.
        const string Before = """
            class Store
            {
                void Save()
                {
                    // Flush(true);
                    Run();
                }
            }
            """;
        var after = Before.Replace("        Run();\n    }\n", "        Run();\n    }\n\n    void Load()\n    {\n        // Flush(true);\n        Run();\n    }\n", StringComparison.Ordinal);

        var finding = Assert.Single(ChangedCodeScope.Reviewed<CommentedOutCodeRule>(Before, after));

        Assert.Equal(11, finding.StartLine);
    }
}
