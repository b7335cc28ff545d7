using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PrReviewBot.Engine.Languages.CSharp;
using PrReviewBot.Engine.Languages.CSharp.Rules.Comments;
using PrReviewBot.Engine.Languages.CSharp.Rules.Docs;
using PrReviewBot.Engine.Languages.CSharp.Rules.Imports;
using static PrReviewBot.Engine.Tests.Languages.CSharp.CSharpRuleVerifier;

namespace PrReviewBot.Engine.Tests.Languages.CSharp;

/// <summary>
/// The review parses documentation comments as plain comments and reads them from their text: what counts as one,
/// whether it says something and the names it refers to must be what their structure would say.
/// </summary>
public sealed class DocumentationCommentsTests
{
    private static readonly CSharpParseOptions Unstructured = new(LanguageVersion.Preview, DocumentationMode.None);

    [Theory]
    [InlineData("/// <summary>Saves.</summary>", true, true)]
    [InlineData("/// Saves the file.", true, true)]
    [InlineData("///", true, false)]
    [InlineData("///   ", true, false)]
    [InlineData("//// old code", false, false)]
    [InlineData("// plain", false, false)]
    [InlineData("/** <summary>Saves.</summary> */", true, true)]
    [InlineData("/**\n * Saves the file.\n */", true, true)]
    [InlineData("/** */", true, false)]
    [InlineData("/**\n *\n */", true, false)]
    [InlineData("/**/", false, false)]
    [InlineData("/* plain */", false, false)]
    public void Tells_documentation_from_other_comments_as_the_lexer_does(string comment, bool isDocumentation, bool says)
    {
        var trivia = LeadingComment(comment, Unstructured);
        var structured = LeadingComment(comment, CSharpParseOptions.Default);

        Assert.Equal(isDocumentation, DocumentationComments.Is(trivia));
        Assert.Equal(says, DocumentationComments.Says(trivia));

        // Parsed with structure, the same comment is documentation exactly when the lexer made it so, and says the same.
        Assert.Equal(isDocumentation, SyntaxFacts.IsDocumentationCommentTrivia(structured.Kind()));
        Assert.Equal(isDocumentation, DocumentationComments.Is(structured));
        Assert.Equal(says, DocumentationComments.Says(structured));
    }

    [Fact]
    public void Reads_the_names_crefs_and_parameter_references_refer_to()
    {
        var trivia = LeadingComment(
            """/// <summary>Like <see cref="System.Text.StringBuilder"/> and <see cref='Dictionary{TKey, TValue}.Keys'/>; see <paramref name="@value"/>.</summary>""",
            Unstructured);

        Assert.Equal(["System", "Text", "StringBuilder", "Dictionary", "TKey", "TValue", "Keys", "value"], DocumentationComments.ReferencedNames(trivia));
    }

    [Fact]
    public void Names_in_other_attributes_and_in_plain_comments_are_not_references()
    {
        Assert.Empty(DocumentationComments.ReferencedNames(LeadingComment("""/// <a name="Anchor" href="https://example.com">x</a>""", Unstructured)));
        Assert.Empty(DocumentationComments.ReferencedNames(LeadingComment("""// <see cref="StringBuilder"/>""", Unstructured)));
    }

    [Fact]
    public void A_using_that_only_a_block_doc_comments_cref_needs_is_used()
    {
        VerifyNone<UnusedUsingRule>("""
            using System;
            using System.Text;

            /**
             * <summary>Builds with a <see cref="StringBuilder"/>.</summary>
             */
            class Numbers
            {
                DateTime Now() => DateTime.UtcNow;
            }
            """);
    }

    [Fact]
    public void Code_in_a_block_doc_comment_is_not_commented_out_code()
    {
        VerifyNone<CommentedOutCodeRule>("""
            class Cache
            {
                /**
                 * <code>
                 * cache.Reset();
                 * </code>
                 */
                void Reset()
                {
                }
            }
            """);
    }

    [Fact]
    public void A_member_documented_by_a_block_comment_is_documented_and_an_empty_one_is_not()
    {
        var findings = Verify<MissingXmlDocsRule>("""
            namespace Lib;

            /** <summary>Saves.</summary> */
            public sealed class Store
            {
                /** Saves the file. */
                public void Save() { }

                /** */
                public void [|Load|]() { }
            }
            """);

        Assert.Single(findings);
    }

    private static SyntaxTrivia LeadingComment(string comment, CSharpParseOptions options) =>
        CSharpSyntaxTree.ParseText(comment + "\nclass C { }", options).GetRoot().GetLeadingTrivia().First(trivia => !trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia));
}
