using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    [Fact]
    public void Judges_symbols_inside_method_bodies_from_syntax_as_it_would_from_their_symbols()
    {
        var naming = EditorConfigNaming.From(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["dotnet_naming_rule.a_local_consts.severity"] = "warning",
            ["dotnet_naming_rule.a_local_consts.symbols"] = "local_consts",
            ["dotnet_naming_rule.a_local_consts.style"] = "pascal",
            ["dotnet_naming_symbols.local_consts.applicable_kinds"] = "local",
            ["dotnet_naming_symbols.local_consts.required_modifiers"] = "const",
            ["dotnet_naming_rule.b_async_functions.severity"] = "warning",
            ["dotnet_naming_rule.b_async_functions.symbols"] = "async_functions",
            ["dotnet_naming_rule.b_async_functions.style"] = "pascal",
            ["dotnet_naming_symbols.async_functions.applicable_kinds"] = "local_function",
            ["dotnet_naming_symbols.async_functions.required_modifiers"] = "async",
            ["dotnet_naming_rule.c_locals.severity"] = "warning",
            ["dotnet_naming_rule.c_locals.symbols"] = "locals",
            ["dotnet_naming_rule.c_locals.style"] = "camel",
            ["dotnet_naming_symbols.locals.applicable_kinds"] = "local, local_function, parameter",
            ["dotnet_naming_symbols.locals.applicable_accessibilities"] = "local",
            ["dotnet_naming_rule.d_public_parameters.severity"] = "warning",
            ["dotnet_naming_rule.d_public_parameters.symbols"] = "public_parameters",
            ["dotnet_naming_rule.d_public_parameters.style"] = "camel",
            ["dotnet_naming_symbols.public_parameters.applicable_kinds"] = "parameter",
            ["dotnet_naming_symbols.public_parameters.applicable_accessibilities"] = "public",
            ["dotnet_naming_style.pascal.capitalization"] = "pascal_case",
            ["dotnet_naming_style.camel.capitalization"] = "camel_case",
        });
        var tree = CSharpSyntaxTree.ParseText("""
            using System;
            using System.Threading.Tasks;

            public class Worker
            {
                public void Run(int count)
                {
                    const int Limit = 3;
                    var total = 0;
                    Func<int, int> twice = value => value * 2;
                    Func<int, int, int> add = (left, right) => left + right;
                    Action<int> show = delegate (int shown) { };
                    async Task LoadAsync(int attempt) => await Task.Delay(attempt);
                    static int Square(int side) => side * side;
                }
            }
            """);
        var model = CSharpCompilation.Create("Naming", [tree], [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]).GetSemanticModel(tree);
        var root = tree.GetRoot();

        NamingRule? FromSymbol(SyntaxNode node) => naming.RuleFor(model.GetDeclaredSymbol(node)!);

        foreach (var local in root.DescendantNodes().OfType<LocalDeclarationStatementSyntax>())
        {
            var declarator = local.Declaration.Variables.Single();
            Assert.Equal(FromSymbol(declarator), naming.RuleForBodySymbol("local", local.IsConst ? ["const"] : []));
        }

        foreach (var function in root.DescendantNodes().OfType<LocalFunctionStatementSyntax>())
        {
            string[] modifiers = [.. function.Modifiers.Select(modifier => modifier.ValueText).Where(modifier => modifier is "static" or "async")];
            Assert.Equal(FromSymbol(function), naming.RuleForBodySymbol("local_function", modifiers));
        }

        var bodyParameters = root.DescendantNodes().OfType<ParameterSyntax>().Where(parameter => parameter.Identifier.ValueText != "count").ToList();
        Assert.Equal(6, bodyParameters.Count);
        Assert.All(bodyParameters, parameter => Assert.Equal(FromSymbol(parameter), naming.RuleForBodySymbol("parameter", [])));
        Assert.Equal("d_public_parameters", FromSymbol(root.DescendantNodes().OfType<ParameterSyntax>().First())?.Title);
        Assert.Equal("a_local_consts", naming.RuleForBodySymbol("local", ["const"])?.Title);
        Assert.Equal("b_async_functions", naming.RuleForBodySymbol("local_function", ["async"])?.Title);
        Assert.Equal("c_locals", naming.RuleForBodySymbol("parameter", [])?.Title);
    }
}
