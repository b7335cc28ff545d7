using PrReviewBot.Engine.Configuration;

namespace PrReviewBot.Engine.Tests.Configuration;

public sealed class GitAttributesTests
{
    private static GitAttributes Read(params (string Path, string Text)[] files) =>
        GitAttributes.From(files.ToDictionary(file => file.Path, file => file.Text, StringComparer.Ordinal));

    [Theory]
    [InlineData("src/Api.g.cs", LinguistMark.Generated)]
    [InlineData("deep/down/Api.g.cs", LinguistMark.Generated)]
    [InlineData("third_party/lib/json.py", LinguistMark.Vendored)]
    [InlineData("docs/api/index.py", LinguistMark.Generated)]
    [InlineData("src/Api.cs", null)]
    [InlineData("other/third_party/lib/json.py", null)]
    public void Reads_generated_and_vendored_patterns_as_git_matches_them(string path, LinguistMark? expected)
    {
        var attributes = Read((".gitattributes", """
            # comments and other attributes are passed over
            *.sln text eol=crlf
            *.g.cs linguist-generated
            third_party/** linguist-vendored=true
            /docs/api/** linguist-generated=true
            """));

        Assert.Equal(expected, attributes.MarkOf(path));
    }

    [Fact]
    public void Later_lines_and_deeper_files_override_earlier_ones()
    {
        var attributes = Read(
            (".gitattributes", "*.cs linguist-generated\nsrc/Keep.cs -linguist-generated\n"),
            ("tools/.gitattributes", "*.cs linguist-generated=false\n"),
            ("tools/gen/.gitattributes", "Out.cs linguist-generated\n"));

        Assert.Equal(LinguistMark.Generated, attributes.MarkOf("src/Other.cs"));
        Assert.Null(attributes.MarkOf("src/Keep.cs"));
        Assert.Null(attributes.MarkOf("tools/Tool.cs"));
        Assert.Equal(LinguistMark.Generated, attributes.MarkOf("tools/gen/Out.cs"));
    }

    [Fact]
    public void A_pattern_in_a_nested_file_matches_from_its_folder_only()
    {
        var attributes = Read(("vendor/.gitattributes", "lib/* linguist-vendored\n"));

        Assert.Equal(LinguistMark.Vendored, attributes.MarkOf("vendor/lib/a.py"));
        Assert.Null(attributes.MarkOf("lib/a.py"));
        Assert.Null(attributes.MarkOf("vendor/other/lib/a.py"));
    }

    [Fact]
    public void Unspecified_forgets_and_folder_patterns_and_macros_are_passed_over()
    {
        var attributes = Read((".gitattributes", """
            [attr]gen linguist-generated
            build/ linguist-generated
            *.py linguist-vendored
            app/*.py !linguist-vendored
            """));

        Assert.Null(attributes.MarkOf("build/out.cs"));
        Assert.Equal(LinguistMark.Vendored, attributes.MarkOf("lib/x.py"));
        Assert.Null(attributes.MarkOf("app/x.py"));
    }

    [Fact]
    public void Files_other_than_gitattributes_are_not_read()
    {
        Assert.Null(Read(("notes/gitattributes.txt", "* linguist-generated\n")).MarkOf("a.cs"));
        Assert.True(GitAttributes.IsAttributesFile("src/.gitattributes"));
        Assert.False(GitAttributes.IsAttributesFile("src/x.gitattributes"));
    }
}
