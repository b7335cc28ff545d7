using PrReviewBot.Engine.Configuration;

namespace PrReviewBot.Engine.Tests.Configuration;

public sealed class EditorConfigFileTests
{
    [Fact]
    public void Later_sections_and_nearer_files_win()
    {
        var root = EditorConfigFile.Parse(".editorconfig", "root = true\n[*]\nindent_style = space\nindent_size = 4\n[*.cs]\nindent_size = 2\n");
        var nested = EditorConfigFile.Parse("src/legacy/.editorconfig", "[*.cs]\nindent_style = tab\n");

        var settings = EditorConfigFile.Resolve([nested, root], "src/legacy/Old.cs");

        Assert.Equal(new EditorConfigSettings(IndentStyle.Tab, 2), settings);
        Assert.Equal(new EditorConfigSettings(IndentStyle.Space, 2), EditorConfigFile.Resolve([nested, root], "src/New.cs"));
        Assert.Equal(new EditorConfigSettings(IndentStyle.Space, 4), EditorConfigFile.Resolve([nested, root], "README.md"));
    }

    [Fact]
    public void A_root_file_stops_the_search_upwards()
    {
        var outer = EditorConfigFile.Parse(".editorconfig", "[*]\nindent_size = 8\n");
        var inner = EditorConfigFile.Parse("lib/.editorconfig", "root = true\n[*]\nindent_style = space\n");

        Assert.Equal(new EditorConfigSettings(IndentStyle.Space, null), EditorConfigFile.Resolve([outer, inner], "lib/A.cs"));
    }

    [Fact]
    public void Ignores_comments_junk_and_bad_values()
    {
        var file = EditorConfigFile.Parse(".editorconfig", "# c\n; c\n[*]\nnonsense\nindent_size = tab\nindent_style = weird\n");

        Assert.Equal(EditorConfigSettings.None, EditorConfigFile.Resolve([file], "a.cs"));
    }
}
