using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PrReviewBot.Engine.Languages.CSharp;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

public sealed class CSharpDeclarationOutlineTests
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.Parse);

    private static string Outline(string source) =>
        CSharpDeclarationOutline.Of(CSharpSyntaxTree.ParseText(source, Options, "File.cs"), CancellationToken.None).GetRoot().ToFullString();

    [Fact]
    public void Bodies_are_emptied_and_everything_a_symbol_is_made_of_stays()
    {
        var source = """
            using System;

            namespace Lib;

            // An ordinary comment stays.
            [Serializable]
            public sealed class Store<T> : IDisposable where T : class
            {
                public const string Name = "store";
                private readonly int[] sizes = [1, 2];

                public Store(int size) : this() { Size = size; }

                public int Size { get; private set; } = 4;
                public int Twice => Size * 2;
                public event EventHandler? Changed { add { } remove { Changed += value; } }
                public int this[int index] { get => sizes[index]; set { sizes[index] = value; } }

                public T? Find(Func<T, bool> match)
                {
                    T? Local() => null;
                    return Local();
                }

                public static Store<T> operator +(Store<T> left, Store<T> right) => left;
                public void Dispose() => Changed?.Invoke(this, EventArgs.Empty);
            }

            public enum Kind { One = 1, Two }
            public delegate void Handler(object sender);
            """;

        var expected = """
            using System;

            namespace Lib;

            // An ordinary comment stays.
            [Serializable]
            public sealed class Store<T> : IDisposable where T : class
            {
                public const string Name = "store";
                private readonly int[] sizes = [1, 2];

                public Store(int size) : this() {}
                public int Size { get; private set; } = 4;
                public int Twice =>thrownull;
                public event EventHandler? Changed { add {}remove {}}
                public int this[int index] { get =>thrownull; set {}}

                public T? Find(Func<T, bool> match)
            {}
                public static Store<T> operator +(Store<T> left, Store<T> right) =>thrownull;
                public void Dispose() =>thrownull;
            }

            public enum Kind { One = 1, Two }
            public delegate void Handler(object sender);
            """;
        Assert.Equal(expected, Outline(source));
    }

    [Fact]
    public void A_documentation_comment_becomes_one_summary_or_goes_when_it_says_nothing()
    {
        var source = """
            /// <summary>The store.</summary>
            /// <remarks>Long remarks.</remarks>
            public sealed class Store
            {
                /// Text without tags.
                public void Text() { }

                ///
                public void Empty() { }

                /** <summary>Delimited.</summary> */
                public int Delimited;

                /// <summary>Inside an enum, members keep theirs.</summary>
                public enum Kind
                {
                    /// <summary>One.</summary>
                    One,
                }
            }
            """;

        var expected = """
            /// <summary/>
            public sealed class Store
            {
                /// <summary/>
                public void Text() {}
                    public void Empty() {}
                /// <summary/>

                public int Delimited;

                /// <summary/>
                public enum Kind
                {
                    /// <summary>One.</summary>
                    One,
                }
            }
            """;
        Assert.Equal(expected, Outline(source));
    }

    [Fact]
    public void The_outline_keeps_the_files_path_and_options()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void M() { } }", Options, "src/C.cs");

        var outline = CSharpDeclarationOutline.Of(tree, CancellationToken.None);

        Assert.Equal("src/C.cs", outline.FilePath);
        Assert.Equal(Options, outline.Options);
    }
}
