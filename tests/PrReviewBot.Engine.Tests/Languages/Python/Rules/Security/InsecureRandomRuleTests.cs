using PrReviewBot.Engine.Languages.Python.Rules.Security;

namespace PrReviewBot.Engine.Tests.Languages.Python.Rules.Security;

public sealed class InsecureRandomRuleTests
{
    [Fact]
    public void Flags_random_values_stored_as_secrets()
    {
        PythonRuleVerifier.Verify<InsecureRandomRule>("""
            import random
            import string
            from random import randint

            def make(user):
                [|token = "".join(random.choice(string.ascii_letters) for _ in range(32))|]
                [|user.reset_code = random.randint(100000, 999999)|]
                [|salt = random.getrandbits(64)|]
                [|otp = randint(0, 9999)|]
                session_id = (
                    [|random.random()|]
                )
            """);
    }

    [Fact]
    public void Flags_returned_from_secret_named_functions()
    {
        PythonRuleVerifier.Verify<InsecureRandomRule>("""
            import random

            def generate_password(length):
                [|return "".join(random.choices("abcdef0123456789", k=length))|]

            def create_api_key():
                [|return random.randrange(10 ** 12)|]
            """);
    }

    [Fact]
    public void Ignores_secrets_module_and_system_random()
    {
        PythonRuleVerifier.VerifyNone<InsecureRandomRule>("""
            import random
            import secrets

            token = secrets.token_urlsafe(32)
            password = "".join(secrets.choice("abc") for _ in range(16))
            rng = random.SystemRandom()
            salt = rng.getrandbits(64)
            nonce = secrets.token_hex(16)
            """);
    }

    [Fact]
    public void Ignores_random_for_non_secret_values()
    {
        PythonRuleVerifier.VerifyNone<InsecureRandomRule>("""
            import random

            def simulate(items):
                delay = random.uniform(0.1, 0.5)
                sample = random.sample(items, 3)
                status_code = random.choice([200, 500])
                winner = random.choice(items)
                return delay, sample, status_code, winner

            def shuffle_deck(deck):
                return random.sample(deck, len(deck))
            """);
    }

    [Fact]
    public void Flags_secret_keyword_arguments_and_long_returns()
    {
        PythonRuleVerifier.Verify<InsecureRandomRule>("""
            import random

            def invite(user):
                [|Invite.objects.create(user=user, reset_token=random.getrandbits(64))|]

            def make_token():
                return "-".join(
                    [
                        "a",
                        "b",
                        "c",
                        "d",
                        [|str(random.randint(0, 10 ** 6)),|]
                    ]
                )
            """);
    }
}
