using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Input;
using PrReviewBot.Engine.Languages;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;
using PrReviewBot.Engine.Review;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp.Rules.TypeHints;

public sealed class NullableDisabledRuleTests
{
    private static readonly CSharpProjectFacts NullableOn = new(NullableEnabled: true, GeneratesDocumentation: false);

    [Fact]
    public void Leaves_nullable_disable_alone_where_the_project_has_nullable_off()
    {
        VerifyNone<NullableDisabledRule>("""
            #nullable disable
            public class Project
            {
                public string Name { get; set; }
            }
            """);
    }

    [Fact]
    public void Leaves_the_directive_entity_framework_scaffolds_into_migrations_alone()
    {
        var findings = Run<NullableDisabledRule>(
            """
            #nullable disable
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class AddUsers : Migration
            {
            }
            """,
            path: "src/Data/Migrations/20260815063607_AddUsers.cs",
            role: CodeRole.Migration,
            project: NullableOn);

        Assert.Empty(findings);
    }

    [Fact]
    public void Flags_nullable_disable_after_a_nullable_enable_directive_in_a_project_without_nullable()
    {
        Verify<NullableDisabledRule>("""
            #nullable enable
            public class Project
            {
            [|#nullable disable|]
                public string Name { get; set; }
            }
            """);
    }

    [Fact]
    public void Flags_nullable_disable_at_the_top_of_a_file()
    {
        var findings = Verify<NullableDisabledRule>("""
            [|#nullable disable|]
            namespace Acme;

            public class Project
            {
                public string Name { get; set; }
            }
            """, project: NullableOn);

        Assert.Equal("`#nullable disable` turns off null checking for the rest of the file; annotate the code instead, or restore it right after the lines that need it.", findings.Single().Message);
        Assert.Null(findings.Single().Replacement);
    }

    [Fact]
    public void Flags_nullable_disable_warnings()
    {
        var findings = Verify<NullableDisabledRule>("""
            class Legacy
            {
            [|#nullable disable warnings|]
                string Name() => null;
            }
            """, project: NullableOn);

        Assert.Contains("turns off nullable warnings", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_nullable_disable_annotations()
    {
        var findings = Verify<NullableDisabledRule>("""
            [|#nullable disable annotations|]
            class Legacy
            {
            }
            """, project: NullableOn);

        Assert.Contains("turns off nullable annotations", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_the_disable_lasts_until_the_next_directive_when_one_follows()
    {
        var findings = Verify<NullableDisabledRule>("""
            class Mapper
            {
                [|#nullable disable|]
                public string Legacy { get; set; }
                #nullable restore
            }
            """, project: NullableOn);

        Assert.Contains("up to the next `#nullable` directive", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_indented_disable_inside_a_method()
    {
        Verify<NullableDisabledRule>("""
            class Parser
            {
                void Parse()
                {
                    [|#nullable disable|]
                    string text = null;
                    #nullable enable
                }
            }
            """, project: NullableOn);
    }

    [Fact]
    public void Flags_each_disable_directive()
    {
        Verify<NullableDisabledRule>("""
            [|#nullable disable|]
            class A { }
            #nullable enable
            class B { }
            [|#nullable disable|]
            class C { }
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_enable_and_restore_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            #nullable enable
            class A
            {
            #nullable restore
            #nullable enable warnings
            #nullable restore annotations
            }
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_directives_in_comments_and_strings_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            class Docs
            {
                // #nullable disable would turn the checks off here
                const string Hint = "#nullable disable";
                /* #nullable disable */
            }
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_inactive_conditional_code_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            #if NEVER_DEFINED
            #nullable disable
            #endif
            class A { }
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_pragma_warning_disable_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            #pragma warning disable CS8618
            class A
            {
                public string Name { get; set; }
            }
            #pragma warning restore CS8618
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_generated_files_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            // <auto-generated/>
            #nullable disable
            class Generated { }
            """, project: NullableOn);
    }

    [Fact]
    public void Leaves_files_without_nullable_directives_alone()
    {
        VerifyNone<NullableDisabledRule>("""
            namespace Acme;

            public sealed class Project
            {
                public string? Name { get; init; }
            }
            """, project: NullableOn);
    }

    private static readonly Dictionary<string, string> NullableProject = new(StringComparer.Ordinal)
    {
        ["src/App.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>",
    };

    private const string OldFile = "namespace App;\n\npublic class Project\n{\n    public string Name { get; set; }\n}\n";

    [Fact]
    public void Leaves_alone_an_old_file_opted_out_at_its_top_when_the_project_turns_nullable_on()
    {
        var file = Tests.Review.BaseChanges.Modified("src/Project.cs", OldFile, "#nullable disable\n\n" + OldFile);

        var result = new ReviewEngine().Review(new PullRequestSnapshot([file]) { ContextFiles = NullableProject });

        Assert.DoesNotContain(result.Findings, finding => finding.Rule.Id == "cs/nullable-disabled");
    }

    [Fact]
    public void Flags_a_new_file_that_opts_out_of_nullable()
    {
        var file = ChangedFile.WholeFile("src/Project.cs", "#nullable disable\n\n" + OldFile) with { Status = ChangeStatus.Added };

        var result = new ReviewEngine().Review(new PullRequestSnapshot([file]) { ContextFiles = NullableProject });

        Assert.Contains(result.Findings, finding => finding.Rule.Id == "cs/nullable-disabled");
    }
}
