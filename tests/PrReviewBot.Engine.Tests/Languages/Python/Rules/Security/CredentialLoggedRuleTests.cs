using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class CredentialLoggedRuleTests
{
    [Fact]
    public void Flags_passwords_secrets_and_api_keys_written_to_a_log()
    {
        PythonRuleVerifier.Verify<CredentialLoggedRule>("""
            import logging

            logger = logging.getLogger(__name__)

            def call(api_key, secret, user):
            [|    logger.error("api call using api key %s failed", api_key)|]
            [|    logging.info("here is my secret value: %s", secret)|]
            [|    logger.debug(f"login {user.name} with {user.password}")|]
            [|    self.log.warning("refreshed: " + access_token)|]
            """);
    }

    [Fact]
    public void Ignores_descriptions_of_credentials_ambiguous_tokens_and_other_calls()
    {
        PythonRuleVerifier.VerifyNone<CredentialLoggedRule>("""
            import logging

            logger = logging.getLogger(__name__)

            def call(api_key, token, password_length, has_password, token_url):
                logger.exception("api call failed. Check your API key!")
                logger.debug("unexpected token %s", token)
                logger.info("password length %d", password_length)
                logger.info("has password: %s", has_password)
                logger.info("fetching %s", token_url)
                print("key", api_key)
                metrics.info("key", api_key)
            """);
    }
}
