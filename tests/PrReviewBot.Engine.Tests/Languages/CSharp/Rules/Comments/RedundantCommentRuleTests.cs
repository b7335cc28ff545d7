using PrReviewBot.Engine.Languages.CSharp.Rules.Comments;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.Comments;

public sealed class RedundantCommentRuleTests
{
    [Fact]
    public void Flags_the_reference_reviews_example_and_suggests_deleting_it()
    {
        var findings = Verify<RedundantCommentRule>("""
            class ProjectImporter
            {
                void Import(ProjectsTable projectsTable)
                {
                    [|// Create a record in the projects table|]
                    var record = projectsTable.CreateRecord();
                }
            }
            """);

        Assert.Equal("Comment `Create a record in the projects table` restates the next line; delete it, or say why the code does this.", findings.Single().Message);
        Assert.Equal(string.Empty, findings.Single().Replacement);
    }

    [Fact]
    public void Leaves_a_comment_that_quotes_the_code_an_analyzer_looks_for()
    {
        // roslyn-analyzers' UseEnvironmentMembers names the pattern above the check that finds it.
        VerifyNone<RedundantCommentRule>("""
            class Finder
            {
                bool Find(object property, object processIdSymbol, bool lookForProcessId)
                {
                    // Process.GetCurrentProcess().Id
                    if (lookForProcessId && Equals(property, processIdSymbol))
                    {
                        return true;
                    }

                    return false;
                }
            }
            """);
    }

    [Fact]
    public void Flags_increment_counter_above_counter_plus_plus()
    {
        Verify<RedundantCommentRule>("""
            class Meter
            {
                int counter;

                void Tick()
                {
                    [|// increment counter|]
                    counter++;
                }
            }
            """);
    }

    [Fact]
    public void Flags_save_the_project_above_project_save()
    {
        Verify<RedundantCommentRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    [|// Save the project|]
                    project.Save();
                }
            }
            """);
    }

    [Fact]
    public void Flags_comments_restating_a_check_or_a_loop()
    {
        Verify<RedundantCommentRule>("""
            class Guard
            {
                void Run(string name, int[] orders)
                {
                    [|// Check if name is null|]
                    if (name == null) return;

                    [|// Loop through the orders|]
                    foreach (var order in orders) { }
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_comment_restating_a_return()
    {
        Verify<RedundantCommentRule>("""
            class Totals
            {
                decimal Sum(decimal subtotal, decimal tax)
                {
                    [|// Return the subtotal plus tax|]
                    return subtotal + tax;
                }
            }
            """);
    }

    [Fact]
    public void Flags_a_comment_restating_an_assignment_with_plural_and_verb_forms()
    {
        Verify<RedundantCommentRule>("""
            class Loader
            {
                void Load(Settings settings)
                {
                    [|// Loading the user settings|]
                    var userSettings = settings.LoadUserSettings();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_comments_that_explain_why_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Editor
            {
                void Close(Project project)
                {
                    // Save the project because the host may kill us without warning
                    project.Save();

                    // Workaround: save the project twice
                    project.Save();

                    // TODO save the project
                    project.Save();

                    // See https://example.com/save for project save
                    project.Save();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_test_phases_region_markers_and_tool_comments_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class StoreTests
            {
                void Saves(Store store)
                {
                    // Arrange
                    var store2 = store;

                    // Act
                    store.Save();

                    // ReSharper disable once UnusedVariable
                    var unused = store2;

                    // ---- store save ----
                    store.Save();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_paragraphs_blank_lines_and_xml_docs_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Editor
            {
                /// <summary>Save the project.</summary>
                void Save(Project project)
                {
                    // The host flushes on exit, so saving here is
                    // save the project
                    project.Save();

                    // Save the project

                    project.Save();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_comments_that_say_more_than_the_code_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Importer
            {
                void Import(Table projects)
                {
                    // Create a record for the incomplete project so the dashboard shows it
                    var record = projects.CreateRecord();

                    // Ensure the directory exists
                    System.IO.Directory.CreateDirectory("out");

                    // Limit is in current buffer.
                    var limit = record.Limit;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_license_headers_and_commented_out_code_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            // Save the project
            using System;

            class Editor
            {
                void Close(Project project)
                {
                    // project.Save();
                    project.Save();
                }
            }
            """);
    }

    [Fact]
    public void Leaves_single_word_headings_and_data_row_labels_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Report
            {
                [Theory]
                // unknown member
                [InlineData("UnknownMember")]
                void Print(string dates)
                {
                    // Dates
                    var dates2 = dates;
                }
            }
            """);
    }

    [Fact]
    public void Leaves_one_word_labels_and_comments_naming_switch_branches_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Resolution
            {
                string Name(int width, int height, bool interlaced) => width switch
                {
                    // 1280x720
                    <= 1280 when height <= 962 => interlaced ? "720i" : "720p",
                    // 4K
                    <= 4096 when height <= 3072 => "4K",
                    _ => "other",
                };

                string Kind(int code)
                {
                    switch (code)
                    {
                        // Not found code
                        case 404:
                            return "not found";
                        default:
                            return "other";
                    }
                }
            }
            """);
    }

    [Fact]
    public void Leaves_section_labels_that_name_a_block_alone()
    {
        VerifyNone<RedundantCommentRule>("""
            class Query
            {
                void Build(string minOfficialRating, string maxOfficialRating, bool isStatic)
                {
                    // Min official rating
                    if (!string.IsNullOrWhiteSpace(minOfficialRating))
                    {
                    }

                    // Max official rating
                    if (!string.IsNullOrWhiteSpace(maxOfficialRating))
                    {
                    }

                    // Static stream
                    if (isStatic)
                    {
                    }
                }
            }
            """);
    }

    [Fact]
    public void Judges_comments_as_python_does_with_csharp_keywords_read_as_words()
    {
        Verify<RedundantCommentRule>("""
            class Cache
            {
                void Reset(System.Collections.Generic.List<int> cache, int total, int tax)
                {
                    [|// Clear the cache|]
                    cache.Clear();

                    [|// add the tax to the total|]
                    total += tax;

                    // Clear the cache twice, the first pass only marks entries
                    cache.Clear();
                }
            }
            """);
    }

    [Fact]
    public void Reads_an_unchanged_comment_line_above_an_added_one_as_part_of_its_run()
    {
        var alone = """
            class Counter
            {
                void Tick()
                {

                    // increment the counter
                    counter++;
                }

                int counter;
            }
            """;
        var continued = alone.Replace("\n\n        // increment", "\n        // Ticks are counted for the rate limiter\n        // increment", StringComparison.Ordinal);

        Assert.Single(ChangedCodeScope.Kept<RedundantCommentRule>(alone, ChangedCodeScope.Added(alone, 6)));
        Assert.Empty(ChangedCodeScope.Kept<RedundantCommentRule>(continued, ChangedCodeScope.Added(continued, 6)));
    }
}
