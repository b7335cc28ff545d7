using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

public sealed class CSharpDeclarationSkeletonTests
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.Parse);

    [Fact]
    public void Cuts_the_bodies_of_methods_constructors_operators_local_functions_and_accessors()
    {
        var skeleton = CSharpDeclarationSkeleton.Of("""
            namespace N
            {
                public sealed class C<T> where T : new()
                {
                    public C(int x) : this() { Run(x); }
                    public void M<U>() where U : new() { if (true) { } }
                    public static C<T> operator +(C<T> a, C<T> b) { return a; }
                    public int P { get { return 1; } private set { } }
                    public event System.Action E { add { } remove { } }
                    public int this[int i] { get { return i; } }
                }
            }
            """);

        Assert.Equal("""
            namespace N
            {
                public sealed class C<T> where T : new()
                {
                    public C(int x) : this() {}
                    public void M<U>() where U : new() {}
                    public static C<T> operator +(C<T> a, C<T> b) {}
                    public int P { get {} private set {} }
                    public event System.Action E { add {} remove {} }
                    public int this[int i] { get {} }
                }
            }
            """, skeleton);
    }

    [Fact]
    public void Keeps_what_declares_types_and_initializes_members()
    {
        const string source = """
            using System;

            Console.WriteLine(Run(() => { if (true) { } }));
            static int Run(Action a) { a(); return 1; }

            namespace N;

            public record R(int X) { public int Y { get; init; } = new Box(1) { Size = 2 }; }
            public class P(string name) : Base(name) { }
            public static class E
            {
                extension(string s) { public bool Empty => s.Length == 0; }
                private static readonly Action Log = () => { if (true) { Console.WriteLine(); } };
                private static readonly Dictionary<string, int> Map = new(StringComparer.Ordinal) { ["a"] = 1 };
                public (int, int) Pair { get; set; }
                [Obsolete("x")] public int Old() => Helper(new Box(1) { Size = 2 });
                public static bool operator ==(E a, E b) => true;
            }
            internal sealed class get { }
            """;

        Assert.Equal(source, CSharpDeclarationSkeleton.Of(source));
    }

    [Theory]
    [InlineData("var s = \"}\";")]
    [InlineData("var c = '}'; var d = '\\'';")]
    [InlineData("var v = @\"}\"\"{\";")]
    [InlineData("var i = $\"{x}}}{{{(a ? \"}\" : \"{\")}\";")]
    [InlineData("var r = \"\"\"}\"\"\";")]
    [InlineData("var ri = $$\"\"\"{{x}}}\"\"\";")]
    [InlineData("var vi = $@\"{x}\"\"}\";")]
    [InlineData("// }")]
    [InlineData("/* } */")]
    [InlineData("var e = \"\";")]
    public void Skips_braces_in_strings_characters_and_comments(string statement)
    {
        var skeleton = CSharpDeclarationSkeleton.Of($"class C\n{{\n    void M()\n    {{\n        {statement}\n    }}\n    int F;\n}}\n");

        Assert.Equal("class C\n{\n    void M()\n    {}\n    int F;\n}\n", skeleton);
    }

    [Fact]
    public void Keeps_directives_outside_bodies_and_regions_inside()
    {
        const string source = "#nullable enable\nclass C\n{\n    #region Members\n    void M()\n    {\n        #region Body\n        #endregion\n    }\n    #endregion\n}\n";

        Assert.Equal("#nullable enable\nclass C\n{\n    #region Members\n    void M()\n    {}\n    #endregion\n}\n", CSharpDeclarationSkeleton.Of(source));
    }

    [Theory]
    [InlineData("class C\n{\n#if DEBUG\n    void M() { }\n#endif\n}\n")]
    [InlineData("class C\n{\n    void M()\n    {\n#nullable disable\n    }\n    string F;\n}\n")]
    [InlineData("class C\n{\n    void M() { var s = \"}; }\n}\n")]
    [InlineData("class C\n{\n    void M() { /* }\n}\n")]
    [InlineData("class C\n{\n    void M() { }\n")]
    [InlineData("class C\n{\n    void M() { }\n}\n}\n")]
    public void Gives_up_on_conditional_compilation_directives_in_bodies_and_text_that_does_not_close(string source)
    {
        Assert.Null(CSharpDeclarationSkeleton.Of(source));
    }

    [Fact]
    public void A_skeletons_declarations_are_those_of_the_whole_file()
    {
        const string source = """
            using System;
            using System.Collections.Generic;

            namespace Shop;

            /// <summary>Orders.</summary>
            public sealed class Orders(IClock clock) : IOrders
            {
                private const string Table = "orders";
                private static readonly Dictionary<string, Func<int, int>> Rules = new()
                {
                    ["double"] = x => { if (x > 0) { return x * 2; } return 0; },
                };

                /// <summary>Places an order.</summary>
                public Order Place(string sku, int count = 1)
                {
                    var sql = $"insert into {Table} values ('{sku}', {count})";
                    foreach (var rule in Rules) { count = rule.Value(count); }
                    return new Order(sku, count) { At = clock.Now };
                }

                public int Count { get { lock (this) { return 0; } } }

                public T Find<T>(Func<T, bool> match) where T : class => throw new NotSupportedException();

                private sealed record Line(string Sku) { public override string ToString() { return Sku; } }
            }
            """;
        var wholeTree = CSharpSyntaxTree.ParseText(source, Options);
        var skeletonTree = CSharpSyntaxTree.ParseText(CSharpDeclarationSkeleton.Of(source)!, Options);

        Assert.Empty(skeletonTree.GetDiagnostics());
        Assert.Equal(
            CSharpDeclarationOutline.Of(wholeTree, CancellationToken.None).GetRoot().ToFullString(),
            CSharpDeclarationOutline.Of(skeletonTree, CancellationToken.None).GetRoot().ToFullString());
    }

    [Fact]
    public void Finds_the_lines_inside_verbatim_raw_and_interpolated_strings_as_the_parser_does()
    {
        const string source = """"
            class QueryTests // "a quote in a comment
            {
                char Quote = '"';
                string Url = "https://example.com/*not a comment*/";
                void Where() => AssertSql(
            """
            SELECT [b].[Id]
            FROM [Blogs] AS [b]
            """);
                string Verbatim = @"first
            second ""quoted""
            third";
                string Interpolated = $@"SELECT * FROM {Table}
            /* in the string */
            WHERE 1 = 1
            ";
                /* "a comment
                   over lines" */
                int Two = 1 / 2;
            }
            """";

        var lines = CSharpDeclarationSkeleton.LinesInsideLiterals(source);

        Assert.Equal([(7, 8), (11, 11), (14, 15)], lines);
        Assert.Equal(LinesInsideStringTokens(source), lines.SelectMany(span => Enumerable.Range(span.First, span.Last - span.First + 1)));
    }

    [Theory]
    [InlineData("string s = @\"never closed\nclass C { }\n")]
    [InlineData("/* never closed\nstring s = @\"a\nb\";\n")]
    public void Finds_no_lines_inside_literals_when_the_scan_cannot_tell(string source)
    {
        Assert.Empty(CSharpDeclarationSkeleton.LinesInsideLiterals(source));
    }

    /// <summary>The lines (1-based) the parser puts wholly inside one string token's text.</summary>
    private static IEnumerable<int> LinesInsideStringTokens(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Options);
        var text = tree.GetText();
        var strings = tree.GetRoot().DescendantTokens()
            .Where(token => token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.InterpolatedStringTextToken)
            .ToList();
        return text.Lines
            .Where(line => strings.Any(token => token.SpanStart < line.Start && line.End <= token.Span.End))
            .Select(line => line.LineNumber + 1);
    }
}
