using Microsoft.CodeAnalysis;
using PrReviewBot.Engine.Configuration;
using PrReviewBot.Engine.Diffs;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.TypeHints;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

public sealed class CSharpProjectFactsTests
{
    private const string NullableProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <Nullable>enable</Nullable>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
          </PropertyGroup>
        </Project>
        """;

    private const string PlainProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net8.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    [Fact]
    public void A_setting_inside_an_xml_comment_does_not_count()
    {
        var facts = CSharpProjectFacts.For("src/App/Program.cs", new Dictionary<string, string>
        {
            ["src/App/App.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <!-- <Nullable>enable</Nullable> once the warnings are fixed -->
                    <!--<GenerateDocumentationFile>true</GenerateDocumentationFile>-->
                  </PropertyGroup>
                </Project>
                """,
        });

        Assert.False(facts.NullableEnabled);
        Assert.False(facts.GeneratesDocumentation);
        Assert.Equal(NullableContextOptions.Disable, facts.NullableContext);
    }

    [Fact]
    public void The_nearest_project_file_up_the_tree_decides()
    {
        var files = new Dictionary<string, string>
        {
            ["src/Core/Core.csproj"] = NullableProject,
            ["src/Legacy/Legacy.csproj"] = PlainProject,
        };

        Assert.True(CSharpProjectFacts.For("src/Core/Models/Order.cs", files).NullableEnabled);
        Assert.False(CSharpProjectFacts.For("src/Legacy/Models/Order.cs", files).NullableEnabled);
        Assert.False(CSharpProjectFacts.For("src/Legacy/Models/Order.cs", files).GeneratesDocumentation);
    }

    [Fact]
    public void Directory_build_props_applies_and_chains_to_its_parent_only_when_it_imports_it()
    {
        var files = new Dictionary<string, string>
        {
            ["Directory.Build.props"] = """
                <Project>
                  <PropertyGroup><Nullable>enable</Nullable></PropertyGroup>
                </Project>
                """,
            ["src/Directory.Build.props"] = """
                <Project>
                  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
                  <PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile></PropertyGroup>
                </Project>
                """,
            ["src/App/App.csproj"] = PlainProject,
            ["tests/Directory.Build.props"] = "<Project><PropertyGroup><IsPackable>false</IsPackable></PropertyGroup></Project>",
            ["tests/App.Tests/App.Tests.csproj"] = PlainProject,
        };

        var product = CSharpProjectFacts.For("src/App/Program.cs", files);
        var tests = CSharpProjectFacts.For("tests/App.Tests/ProgramTests.cs", files);

        Assert.True(product.NullableEnabled);
        Assert.True(product.GeneratesDocumentation);
        Assert.False(tests.NullableEnabled);
    }

    [Fact]
    public void One_reader_answers_every_file_as_its_own_evaluation_would()
    {
        // Props shared by two projects, a chain, a project beside a broken one, and a file outside any project.
        var files = new Dictionary<string, string>
        {
            ["Directory.Build.props"] = "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>",
            ["src/Directory.Build.props"] = """
                <Project>
                  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
                  <PropertyGroup><GenerateDocumentationFile>true</GenerateDocumentationFile><NoWarn>CS1591</NoWarn></PropertyGroup>
                </Project>
                """,
            ["src/App/App.csproj"] = PlainProject,
            ["src/Old/Old.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Nullable>disable</Nullable></PropertyGroup></Project>",
            ["src/Two/Good.csproj"] = NullableProject,
            ["src/Two/Broken.csproj"] = "<Project><PropertyGroup>",
            ["tests/App.Tests/App.Tests.csproj"] = PlainProject,
        };
        string[] paths = ["src/App/Program.cs", "src/App/Models/Order.cs", "src/Old/A.cs", "src/Two/B.cs", "tests/App.Tests/T.cs", "tools/Script.cs", "src/App/Program.cs"];

        var reader = new CSharpProjectFacts.Reader(files);

        Assert.Equal(paths.Select(path => CSharpProjectFacts.For(path, files)), paths.Select(reader.For));
        Assert.True(reader.For("src/App/Program.cs") is { NullableEnabled: true, GeneratesDocumentation: true, SuppressesMissingDocsWarning: true });
        Assert.False(reader.For("src/Old/A.cs").NullableEnabled);
    }

    [Fact]
    public void The_project_file_overrides_directory_build_props()
    {
        var files = new Dictionary<string, string>
        {
            ["Directory.Build.props"] = "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>",
            ["src/Old/Old.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><Nullable>disable</Nullable></PropertyGroup></Project>",
        };

        Assert.False(CSharpProjectFacts.For("src/Old/A.cs", files).NullableEnabled);
    }

    [Fact]
    public void A_conditional_setting_counts_only_when_it_switches_a_feature_off()
    {
        var files = new Dictionary<string, string>
        {
            ["a/A.csproj"] = """
                <Project>
                  <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'"><Nullable>enable</Nullable></PropertyGroup>
                </Project>
                """,
            ["b/B.csproj"] = """
                <Project>
                  <PropertyGroup><Nullable>enable</Nullable></PropertyGroup>
                  <PropertyGroup><Nullable Condition="'$(TargetFramework)' == 'net472'">disable</Nullable></PropertyGroup>
                </Project>
                """,
        };

        Assert.False(CSharpProjectFacts.For("a/X.cs", files).NullableEnabled);
        Assert.False(CSharpProjectFacts.For("b/X.cs", files).NullableEnabled);
    }

    [Fact]
    public void Reads_annotations_and_warnings_contexts_and_old_style_projects()
    {
        var files = new Dictionary<string, string>
        {
            ["a/A.csproj"] = "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\"><PropertyGroup><Nullable>annotations</Nullable></PropertyGroup></Project>",
            ["b/B.csproj"] = "<Project><PropertyGroup><Nullable>warnings</Nullable></PropertyGroup></Project>",
        };

        Assert.Equal(NullableContextOptions.Annotations, CSharpProjectFacts.For("a/X.cs", files).NullableContext);
        Assert.Equal(NullableContextOptions.Warnings, CSharpProjectFacts.For("b/X.cs", files).NullableContext);
        Assert.False(CSharpProjectFacts.For("a/X.cs", files).NullableEnabled);
    }

    [Fact]
    public void A_project_file_that_is_not_xml_says_nothing()
    {
        var facts = CSharpProjectFacts.For("a/X.cs", new Dictionary<string, string> { ["a/A.csproj"] = "<Project><Nullable>enable</Nullable" });

        Assert.Equal(CSharpProjectFacts.Unknown, facts);
    }

    [Fact]
    public void Sees_a_props_file_silencing_the_missing_documentation_warning()
    {
        var files = new Dictionary<string, string>
        {
            ["Directory.Build.props"] = "<Project><PropertyGroup><NoWarn>$(NoWarn);CS1701;CS1702;CS1591</NoWarn></PropertyGroup></Project>",
            ["src/Lib/Lib.csproj"] = NullableProject,
        };

        var facts = CSharpProjectFacts.For("src/Lib/A.cs", files);

        Assert.True(facts.GeneratesDocumentation);
        Assert.True(facts.SuppressesMissingDocsWarning);
        Assert.False(CSharpProjectFacts.For("src/Lib/A.cs", new Dictionary<string, string> { ["src/Lib/Lib.csproj"] = NullableProject }).SuppressesMissingDocsWarning);
    }

    [Fact]
    public void Follows_a_relative_import_of_another_props_file()
    {
        var files = new Dictionary<string, string>
        {
            ["Directory.Build.props"] = "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>",
            ["src/Directory.Build.props"] = "<Project><Import Project=\"..\\Directory.Build.props\" /></Project>",
            ["src/A/A.csproj"] = PlainProject,
        };

        Assert.True(CSharpProjectFacts.For("src/A/X.cs", files).NullableEnabled);
    }

    [Fact]
    public void Nullable_advice_follows_each_files_own_project_in_one_review()
    {
        const string code = """
            public class Order
            {
                public string Note { get; set; } = null;
            }
            """;
        var analyzer = new CSharpAnalyzer([new NullToNonNullableRule()]);
        var problems = new List<string>();

        var findings = analyzer.Analyze(
            [
                new CSharpSource("src/Modern/Order.cs", code, ChangedLines.All, HasFullContent: true, EditorConfigSettings.None) { Project = new CSharpProjectFacts(true, false) },
                new CSharpSource("src/Legacy/Order.cs", code.Replace("Order", "LegacyOrder", StringComparison.Ordinal), ChangedLines.All, HasFullContent: true, EditorConfigSettings.None) { Project = CSharpProjectFacts.Unknown },
            ],
            ReviewOptions.Default,
            problems);

        Assert.Empty(problems);
        Assert.Equal("src/Modern/Order.cs", findings.Single().Path);
    }
}
