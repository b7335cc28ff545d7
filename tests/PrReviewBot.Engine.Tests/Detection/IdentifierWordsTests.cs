using PrReviewBot.Engine.Detection.Words;

namespace PrReviewBot.Engine.Tests.Detection;

public sealed class IdentifierWordsTests
{
    [Theory]
    [InlineData("projectExternal_ID", "project External ID")]
    [InlineData("HTTPServer", "HTTP Server")]
    [InlineData("getV2Data", "get V2 Data")]
    [InlineData("Sha256Hash", "Sha256 Hash")]
    [InlineData("password-reset-url", "password reset url")]
    [InlineData("spring.datasource.password", "spring datasource password")]
    [InlineData("__init__", "init")]
    [InlineData("", "")]
    public void Splits_every_casing_keeping_the_words_as_written(string identifier, string words)
    {
        Assert.Equal(words, string.Join(' ', IdentifierWords.Split(identifier)));
    }

    [Theory]
    [InlineData("XML_ApiKey2", "xml api key 2")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "aws secret access key")]
    [InlineData("passwordHint", "password hint")]
    [InlineData("PasswordField", "password field")]
    [InlineData("tokenizer", "tokenizer")]
    [InlineData("HTTPServer", "http server")]
    public void Lower_words_put_digits_apart_for_vocabulary_lookups(string identifier, string words)
    {
        Assert.Equal(words, string.Join(' ', IdentifierWords.Lower(identifier)));
    }

    [Fact]
    public void Tokens_of_text_keep_identifiers_and_contractions_whole()
    {
        Assert.Equal(["Don't", "call", "save_all", "twice", "4K"], IdentifierWords.Tokens("Don't call `save_all()` twice (4K)."));
    }
}
