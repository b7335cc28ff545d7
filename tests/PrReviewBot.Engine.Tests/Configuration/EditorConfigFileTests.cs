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

        Assert.Equal((IndentStyle.Tab, 2), (settings.IndentStyle!.Value, settings.IndentSize!.Value));
        Assert.Equal((IndentStyle.Space, 2), Indentation(EditorConfigFile.Resolve([nested, root], "src/New.cs")));
        Assert.Equal((IndentStyle.Space, 4), Indentation(EditorConfigFile.Resolve([nested, root], "README.md")));
    }

    [Fact]
    public void A_root_file_stops_the_search_upwards()
    {
        var outer = EditorConfigFile.Parse(".editorconfig", "[*]\nindent_size = 8\n");
        var inner = EditorConfigFile.Parse("lib/.editorconfig", "root = true\n[*]\nindent_style = space\n");

        Assert.Equal(((IndentStyle?)IndentStyle.Space, (int?)null), Indentation2(EditorConfigFile.Resolve([outer, inner], "lib/A.cs")));
    }

    [Fact]
    public void Ignores_comments_junk_and_bad_values()
    {
        var file = EditorConfigFile.Parse(".editorconfig", "# c\n; c\n[*]\nnonsense\nindent_size = tab\nindent_style = weird\n");

        var settings = EditorConfigFile.Resolve([file], "a.cs");

        Assert.Null(settings.IndentStyle);
        Assert.Null(settings.IndentSize);
    }

    [Fact]
    public void Keeps_every_property_with_its_case_for_naming_rules()
    {
        var root = EditorConfigFile.Parse(".editorconfig", "[*.cs]\nDotnet_Naming_Style.Interfaces.Required_Prefix = I\ndotnet_naming_style.interfaces.capitalization = pascal_case\n[*.md]\nmax_line_length = 80\n");
        var nested = EditorConfigFile.Parse("src/.editorconfig", "[*.cs]\ndotnet_naming_style.interfaces.capitalization = camel_case\n");

        var settings = EditorConfigFile.Resolve([root, nested], "src/A.cs");

        Assert.Equal("I", settings.Properties["dotnet_naming_style.interfaces.required_prefix"]);
        Assert.Equal("camel_case", settings.Properties["dotnet_naming_style.interfaces.capitalization"]);
        Assert.False(settings.Properties.ContainsKey("max_line_length"));
    }

    [Fact]
    public void Files_that_match_the_same_sections_share_one_settings_object_and_others_get_their_own()
    {
        var root = EditorConfigFile.Parse(".editorconfig", "root = true\n[*.cs]\nindent_size = 4\ndotnet_naming_style.p.capitalization = pascal_case\n[*Tests.cs]\nindent_size = 2\n");
        var nested = EditorConfigFile.Parse("src/.editorconfig", "[*.cs]\nindent_style = tab\n");

        var first = EditorConfigFile.Resolve([root, nested], "src/A.cs");
        var second = EditorConfigFile.Resolve([root, nested], "src/deep/B.cs");
        var test = EditorConfigFile.Resolve([root, nested], "src/ATests.cs");
        var outside = EditorConfigFile.Resolve([root, nested], "tools/C.cs");

        Assert.Same(first, second);
        Assert.Same(first.Properties, second.Properties);
        Assert.Equal((IndentStyle.Tab, 4), Indentation(first));
        Assert.Equal((IndentStyle.Tab, 2), Indentation(test));
        Assert.Equal(((IndentStyle?)null, (int?)4), Indentation2(outside));
        Assert.NotSame(first, test);
        Assert.Equal("pascal_case", test.Properties["dotnet_naming_style.p.capitalization"]);
        Assert.Same(EditorConfigSettings.None, EditorConfigFile.Resolve([root, nested], "README.md"));
    }

    [Fact]
    public void A_section_whose_glob_cannot_be_read_is_left_out_and_the_rest_still_applies()
    {
        var file = EditorConfigFile.Parse(".editorconfig", "[*.{cs,vb]\nindent_size = 8\n[*.cs]\nindent_style = tab\n");

        Assert.Equal(((IndentStyle?)IndentStyle.Tab, (int?)null), Indentation2(EditorConfigFile.Resolve([file], "a.cs")));
    }

    [Fact]
    public void Settings_with_the_same_properties_are_equal()
    {
        var first = EditorConfigFile.Parse(".editorconfig", "[*]\nindent_size = 2\n");
        var second = EditorConfigFile.Parse(".editorconfig", "[*]\nindent_size = 2\n");

        Assert.Equal(EditorConfigFile.Resolve([first], "a.cs"), EditorConfigFile.Resolve([second], "a.cs"));
        Assert.NotEqual(EditorConfigSettings.None, EditorConfigFile.Resolve([first], "a.cs"));
    }

    private static (IndentStyle, int) Indentation(EditorConfigSettings settings) => (settings.IndentStyle!.Value, settings.IndentSize!.Value);

    private static (IndentStyle?, int?) Indentation2(EditorConfigSettings settings) => (settings.IndentStyle, settings.IndentSize);
}
