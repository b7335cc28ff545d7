using PrReviewBot.Engine.Languages.CSharp.Rules.Naming;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

public sealed class EditorConfigNamingTests
{
    [Theory]
    [InlineData("_maxRetries", true)]
    [InlineData("_MaxRetries", false)]
    [InlineData("maxRetries", false)]
    [InlineData("__maxRetries", false)]
    [InlineData("_m_maxRetries", false)]
    public void Checks_prefix_and_casing_the_way_roslyn_does(string name, bool compliant)
    {
        var style = new NamingStyle("underscore_camel", "_", string.Empty, string.Empty, Capitalization.CamelCase);

        Assert.Equal(compliant, style.IsCompliant(name));
    }

    [Fact]
    public void Pascal_case_only_looks_at_first_letters_of_words()
    {
        var pascal = new NamingStyle("pascal", string.Empty, string.Empty, string.Empty, Capitalization.PascalCase);
        var async = new NamingStyle("async", string.Empty, "Async", string.Empty, Capitalization.PascalCase);
        var upperWords = new NamingStyle("upper", string.Empty, string.Empty, "_", Capitalization.AllUpper);

        Assert.True(pascal.IsCompliant("MAX_SIZE"));
        Assert.False(pascal.IsCompliant("maxSize"));
        Assert.True(async.IsCompliant("LoadAsync"));
        Assert.False(async.IsCompliant("Load"));
        Assert.Equal("LoadAsync", async.Rewrite("Load"));
        Assert.True(upperWords.IsCompliant("MAX_SIZE"));
        Assert.Equal("MAX_SIZE", upperWords.Rewrite("maxSize"));
        Assert.Equal("_maxSize", new NamingStyle("u", "_", string.Empty, string.Empty, Capitalization.CamelCase).Rewrite("MAX_SIZE"));
    }

    [Fact]
    public void Orders_narrower_rules_first_and_ignores_incomplete_ones()
    {
        var naming = EditorConfigNaming.From(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["dotnet_naming_rule.a_all_fields.severity"] = "warning",
            ["dotnet_naming_rule.a_all_fields.symbols"] = "fields",
            ["dotnet_naming_rule.a_all_fields.style"] = "pascal",
            ["dotnet_naming_symbols.fields.applicable_kinds"] = "field",
            ["dotnet_naming_rule.b_private_consts.severity"] = "warning",
            ["dotnet_naming_rule.b_private_consts.symbols"] = "private_consts",
            ["dotnet_naming_rule.b_private_consts.style"] = "camel",
            ["dotnet_naming_symbols.private_consts.applicable_kinds"] = "field",
            ["dotnet_naming_symbols.private_consts.applicable_accessibilities"] = "private",
            ["dotnet_naming_symbols.private_consts.required_modifiers"] = "const",
            ["dotnet_naming_rule.c_no_severity.symbols"] = "fields",
            ["dotnet_naming_rule.c_no_severity.style"] = "pascal",
            ["dotnet_naming_style.pascal.capitalization"] = "pascal_case",
            ["dotnet_naming_style.camel.capitalization"] = "camel_case",
        });

        Assert.Equal(["b_private_consts", "a_all_fields"], naming.Rules.Select(rule => rule.Title));
    }
}
